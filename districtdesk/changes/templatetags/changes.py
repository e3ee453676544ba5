"""{% changes_nav_item %}: the navigation's Changes link, for the roles that use change
control (core's navigation may not import this app, which sits floors above it)."""

from django import template

from districtdesk.changes import policies

register = template.Library()


@register.inclusion_tag("changes/_nav_item.html", takes_context=True)
def changes_nav_item(context: template.Context) -> dict:
    person = context.get("user")
    shown = (
        person is not None
        and person.is_authenticated
        and person.is_active
        and person.has_role(*policies.STAFF)
    )
    return {"shown": shown, "current": context.get("active_nav") == "changes"}
