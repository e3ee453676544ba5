"""Ships the district's default business calendar with a sample school year,
and a 24x7 calendar for emergencies."""

from django.db import migrations

from districtdesk.core.reference_data import install_sample_calendars


def create_calendars(apps, schema_editor):
    install_sample_calendars(
        apps.get_model("core", "BusinessCalendar"),
        apps.get_model("core", "WorkingPeriod"),
        apps.get_model("core", "Closure"),
    )


def remove_calendars(apps, schema_editor):
    BusinessCalendar = apps.get_model("core", "BusinessCalendar")
    BusinessCalendar.objects.filter(
        name__in=["District business hours", "Around the clock"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_calendars, remove_calendars)]
