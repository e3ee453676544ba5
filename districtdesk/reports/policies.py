"""Who opens the dashboards. Every figure on them is counted from the viewer's own scope
(service_requests.policies.requests_visible_to), so opening a dashboard shows nothing a
person could not already find request by request (or asset by asset, change by change).

Each dashboard has its own rule below; a person it is not for gets a 404, as for a page
that does not exist."""

from django.db.models import QuerySet

from districtdesk.core.models import Person, Role, Team, TeamMembership
from districtdesk.inventory import policies as inventory_policies

# Directors and the superintendent (the Performance Excellence view), Customer Care Center
# analysts, team leads, technicians (their own teams' and campuses' numbers) and system
# administrators.
REPORT_ROLES = (
    Role.DIRECTOR,
    Role.SUPERINTENDENT,
    Role.CCC_ANALYST,
    Role.TEAM_LEAD,
    Role.TECHNICIAN,
    Role.SYSTEM_ADMIN,
)


def can_view_reports(person: Person) -> bool:
    return person.is_authenticated and person.is_active and person.has_role(*REPORT_ROLES)


# --- The role dashboards ---------------------------------------------------------------
# Directors, the superintendent and system administrators pick any team; a team lead sees
# the teams they lead, and only those.
ANY_TEAM = (Role.DIRECTOR, Role.SUPERINTENDENT, Role.SYSTEM_ADMIN)
BUSINESS_OFFICE_DASHBOARD_ROLES = (
    Role.BUSINESS_OFFICE,
    Role.DIRECTOR,
    Role.SUPERINTENDENT,
    Role.SYSTEM_ADMIN,
)
CHANGE_DASHBOARD_ROLES = (
    Role.CHANGE_COORDINATOR,
    Role.CHANGE_COMMITTEE,
    Role.DIRECTOR,
    Role.SUPERINTENDENT,
    Role.SYSTEM_ADMIN,
)


def can_view_team_dashboard(person: Person) -> bool:
    return (
        person.is_authenticated and person.is_active and person.has_role(Role.TEAM_LEAD, *ANY_TEAM)
    )


def teams_for_dashboard(person: Person) -> QuerySet[Team]:
    """The teams a person's team dashboard may show: one rule for the filter's choices, the
    figures and the API (a team outside it is refused like one that does not exist)."""
    if not can_view_team_dashboard(person):
        return Team.objects.none()
    if person.has_role(*ANY_TEAM):
        return Team.objects.order_by("name")
    led = TeamMembership.objects.filter(person=person, is_lead=True).values("team_id")
    return Team.objects.filter(pk__in=led).order_by("name")


def sees_every_team(person: Person) -> bool:
    return person.has_role(*ANY_TEAM)


def can_view_change_dashboard(person: Person) -> bool:
    return person.is_authenticated and person.is_active and person.has_role(*CHANGE_DASHBOARD_ROLES)


def can_view_inventory_dashboard(person: Person) -> bool:
    """Whoever uses the inventory pages; each counts only the assets they may see."""
    return person.is_authenticated and inventory_policies.uses_inventory(person)


def can_view_business_office_dashboard(person: Person) -> bool:
    """The Business Office, directors, the superintendent and system administrators; each
    counts the technology requests they may see (acquisitions.policies), every one."""
    return (
        person.is_authenticated
        and person.is_active
        and person.has_role(*BUSINESS_OFFICE_DASHBOARD_ROLES)
    )
