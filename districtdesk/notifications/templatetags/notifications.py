"""{% notification_bell %}: the header's bell. It costs the page no query: htmx fetches the
unread count when the page loads and every 30 seconds (views.notification_bell)."""

from django import template

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: template.Context) -> dict:
    person = context.get("user")
    return {"shown": person is not None and person.is_authenticated}
