"""The principal of each campus a change affects, and the superintendent, hear it is
scheduled, before it happens (issue 4: "affected users and campuses before the change")."""

from django.db import migrations

from districtdesk.notifications.reference_data import install_change_rules


def install(apps, schema_editor):
    install_change_rules(apps.get_model("notifications", "Rule"))


def remove(apps, schema_editor):
    Rule = apps.get_model("notifications", "Rule")
    Rule.objects.filter(event_code="change.scheduled", audience="campus_role").delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0005_queue_review_rule")]

    operations = [migrations.RunPython(install, remove)]
