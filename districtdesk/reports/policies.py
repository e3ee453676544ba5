"""Who opens the dashboards. Every figure on them is counted from the viewer's own scope
(service_requests.policies.requests_visible_to), so opening a dashboard shows nothing a
person could not already find request by request."""

from districtdesk.core.models import Person, Role

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
