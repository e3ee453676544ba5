"""A category's default team becomes a routing rule, and the chart's category 5 is marked
as scheduled work (seed 003: a planned completion date and weekly status notes)."""

from django.db import migrations

from districtdesk.service_requests.chart_data import mark_scheduled_work


def forwards(apps, schema_editor):
    Category = apps.get_model("service_requests", "Category")
    RoutingRule = apps.get_model("service_requests", "RoutingRule")
    mark_scheduled_work(Category)
    for category in Category.objects.filter(default_team__isnull=False).order_by("number"):
        RoutingRule.objects.create(
            position=category.number * 10,
            name=f"{category.name} requests",
            category=category,
            team_id=category.default_team_id,
        )


def backwards(apps, schema_editor):
    Category = apps.get_model("service_requests", "Category")
    RoutingRule = apps.get_model("service_requests", "RoutingRule")
    for rule in RoutingRule.objects.filter(
        category__isnull=False, campus__isnull=True, system__isnull=True
    ).order_by("-position"):
        Category.objects.filter(pk=rule.category_id).update(default_team_id=rule.team_id)
    Category.objects.update(needs_planned_completion=False)


class Migration(migrations.Migration):
    dependencies = [("service_requests", "0005_routing_rules_scheduled_work_attachments")]
    operations = [migrations.RunPython(forwards, backwards)]
