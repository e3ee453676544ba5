"""Ships the district's categorisation chart (seed 003): every category and priority,
with its SLA, description and scope."""

from django.db import migrations

from districtdesk.service_requests.chart_data import (
    install_categorisation_chart,
    remove_categorisation_chart,
)


def create_chart(apps, schema_editor):
    install_categorisation_chart(
        apps.get_model("service_requests", "Category"),
        apps.get_model("service_requests", "Priority"),
        apps.get_model("core", "BusinessCalendar"),
    )


def remove_chart(apps, schema_editor):
    remove_categorisation_chart(
        apps.get_model("service_requests", "Category"),
        apps.get_model("service_requests", "Priority"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_sample_calendars"),
        ("service_requests", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_chart, remove_chart)]
