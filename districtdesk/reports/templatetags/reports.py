"""{% reports_nav_item %}: the navigation's Reports link, for the roles that use the
dashboards (core's navigation may not import this app, which sits floors above it)."""

from django import template

from districtdesk.reports.policies import can_view_reports

register = template.Library()


@register.inclusion_tag("reports/_nav_item.html", takes_context=True)
def reports_nav_item(context: template.Context) -> dict:
    person = context.get("user")
    shown = person is not None and can_view_reports(person)
    return {"shown": shown, "current": context.get("active_nav") == "reports"}
