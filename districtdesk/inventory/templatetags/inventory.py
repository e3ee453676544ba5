"""{% inventory_nav_item %}: the navigation's Inventory link, for the roles that use it
(core's navigation may not import this app, which sits floors above it)."""

from django import template

from districtdesk.inventory import policies

register = template.Library()


@register.inclusion_tag("inventory/_nav_item.html", takes_context=True)
def inventory_nav_item(context: template.Context) -> dict:
    person = context.get("user")
    shown = person is not None and person.is_authenticated and policies.uses_inventory(person)
    return {"shown": shown, "current": context.get("active_nav") == "inventory"}
