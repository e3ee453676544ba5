from django.db import migrations

from districtdesk.notifications.reference_data import DEFAULT_RULES, install_default_rules


def install(apps, schema_editor):
    install_default_rules(apps.get_model("notifications", "Rule"))


def remove(apps, schema_editor):
    Rule = apps.get_model("notifications", "Rule")
    for event_code, audience, role in DEFAULT_RULES:
        Rule.objects.filter(event_code=event_code, audience=audience, role=role).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
