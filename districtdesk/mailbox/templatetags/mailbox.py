"""{% mailbox_nav_item %}: the navigation's link to the email held for an analyst, for the
people who handle it (core's navigation may not import this app, which sits above it)."""

from django import template

from districtdesk.mailbox import policies

register = template.Library()


@register.inclusion_tag("mailbox/_nav_item.html", takes_context=True)
def mailbox_nav_item(context: template.Context) -> dict:
    person = context.get("user")
    shown = person is not None and person.is_authenticated and policies.can_handle_mail(person)
    return {"shown": shown, "current": context.get("active_nav") == "mailbox"}
