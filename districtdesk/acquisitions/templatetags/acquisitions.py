"""{% acquisitions_nav_item %}: the navigation's Technology link; {% technology_home_panel %}:
the home page's links to the technology-request pages the person uses; {% technology_tabs %}:
the tabs between those pages (core's templates may not import this app, which sits floors
above it)."""

from decimal import Decimal

from django import template
from django.utils import timezone

from districtdesk.acquisitions import policies
from districtdesk.core.models import Role

register = template.Library()

# The roles that approve their staff's requests (policies.can_delegate names the same).
APPROVING_ROLES = (Role.SUPERVISOR, Role.PRINCIPAL, Role.DIRECTOR, Role.SUPERINTENDENT)


def _person(context: template.Context):
    person = context.get("user")
    if person is None or not person.is_authenticated or not person.is_active:
        return None
    return person


def pages_for(person) -> dict[str, bool]:
    """Which of the technology pages this person uses."""
    today = timezone.localdate()
    return {
        "review": person.has_role(*policies.TECHNOLOGY),
        "approvals": policies.can_delegate(person)
        or policies.delegators_of(person, today).exists(),
        "delegations": policies.can_delegate(person),
        "funding": policies.can_fund(person),
        "receiving": policies.can_receive(person),
    }


@register.inclusion_tag("acquisitions/_nav_item.html", takes_context=True)
def acquisitions_nav_item(context: template.Context) -> dict:
    return {
        "shown": _person(context) is not None,
        "current": context.get("active_nav") == "technology",
    }


@register.inclusion_tag("acquisitions/_tabs.html", takes_context=True)
def technology_tabs(context: template.Context) -> dict:
    person = _person(context)
    return {"pages": pages_for(person) if person else {}, "tab": context.get("tab")}


@register.inclusion_tag("acquisitions/_home_panel.html", takes_context=True)
def technology_home_panel(context: template.Context) -> dict:
    """Links only, chosen by the roles the page already read: the home page's query count
    stays the same (a delegate finds the inbox in the technology pages' tabs)."""
    person = _person(context)
    if person is None:
        return {"shown": False}
    return {
        "shown": True,
        "pages": {
            "review": person.has_role(*policies.TECHNOLOGY),
            "approvals": person.has_role(*APPROVING_ROLES),
            "funding": policies.can_fund(person),
            "receiving": policies.can_receive(person),
        },
    }


@register.filter
def money(value) -> str:
    """An amount in dollars, e.g. $1,234.50."""
    if value is None or value == "":
        return "—"
    return f"${Decimal(value):,.2f}"
