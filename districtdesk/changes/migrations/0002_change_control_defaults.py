"""Ships the district's change-control defaults: the settings row (Monday 13:00 meeting,
14 days' lead time), the weekly maintenance windows and sample 2026–27 blackouts."""

from django.db import migrations

from districtdesk.changes.reference_data import (
    install_change_control_defaults,
    remove_change_control_defaults,
)


def _models(apps):
    return (
        apps.get_model("changes", "ChangeControlSettings"),
        apps.get_model("changes", "MaintenanceWindow"),
        apps.get_model("changes", "BlackoutPeriod"),
    )


def install(apps, schema_editor):
    install_change_control_defaults(*_models(apps))


def remove(apps, schema_editor):
    remove_change_control_defaults(*_models(apps))


class Migration(migrations.Migration):
    dependencies = [("changes", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
