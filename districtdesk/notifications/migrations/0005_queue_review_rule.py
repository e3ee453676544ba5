"""The Customer Care Center's analysts are reminded of the uncategorised queue's odd-hour
review."""

from django.db import migrations

from districtdesk.notifications.reference_data import (
    install_queue_review_rules,
    remove_queue_review_rules,
)


def install(apps, schema_editor):
    install_queue_review_rules(apps.get_model("notifications", "Rule"))


def remove(apps, schema_editor):
    remove_queue_review_rules(apps.get_model("notifications", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_technology_request_rules")]

    operations = [migrations.RunPython(install, remove)]
