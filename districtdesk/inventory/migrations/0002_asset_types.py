"""The asset types of seed 003's item lists (categories 1 and 3), for an administrator to
extend or retire."""

from django.db import migrations

from districtdesk.inventory.reference_data import ASSET_TYPES, install_asset_types


def add_types(apps, schema_editor):
    install_asset_types(apps.get_model("inventory", "AssetType"))


def remove_types(apps, schema_editor):
    AssetType = apps.get_model("inventory", "AssetType")
    AssetType.objects.filter(code__in=[code for code, _name in ASSET_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]

    operations = [migrations.RunPython(add_types, remove_types)]
