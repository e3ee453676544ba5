"""The reports rows of the route matrix (tests/test_route_matrix.py).

Directors, the superintendent, Customer Care Center analysts, team leads, technicians and
system administrators open the service-level dashboards (each counted from their own
scope). The team dashboard is for team leads (their own teams) and those who may pick any
team; the change dashboard for the coordinator, the committee, directors and the
superintendent; the inventory dashboard for whoever uses the inventory pages; the business
office dashboard for the Business Office, directors and the superintendent. Everyone
else gets 404, as for a page that does not exist. The API answers 401 to no one signed in.
(System administrators hold every role.)
"""

from districtdesk.core.models import Role
from tests.route_answers import answers

USES_REPORTS = (
    Role.DIRECTOR,
    Role.SUPERINTENDENT,
    Role.CCC_ANALYST,
    Role.TEAM_LEAD,
    Role.TECHNICIAN,
    Role.SYSTEM_ADMIN,
)
USES_TEAM_DASHBOARD = (Role.TEAM_LEAD, Role.DIRECTOR, Role.SUPERINTENDENT, Role.SYSTEM_ADMIN)
USES_CHANGE_DASHBOARD = (
    Role.CHANGE_COORDINATOR,
    Role.CHANGE_COMMITTEE,
    Role.DIRECTOR,
    Role.SUPERINTENDENT,
    Role.SYSTEM_ADMIN,
)
USES_INVENTORY_DASHBOARD = (
    Role.INVENTORY,
    Role.SYSTEM_ADMIN,
    Role.DIRECTOR,
    Role.TECHNICIAN,
    Role.TEAM_LEAD,
    Role.PRINCIPAL,
    Role.SUPERVISOR,  # the cast's principal holds both roles
)
USES_BUSINESS_OFFICE_DASHBOARD = (
    Role.BUSINESS_OFFICE,
    Role.DIRECTOR,
    Role.SUPERINTENDENT,
    Role.SYSTEM_ADMIN,
)


def page(status: int, roles=USES_REPORTS) -> dict[str, int]:
    return answers(302, 404, **dict.fromkeys(roles, status))


def api(status: int, roles=USES_REPORTS) -> dict[str, int]:
    return answers(401, 404, **dict.fromkeys(roles, status))


def a_table(fixtures: dict) -> dict:
    return {"table": "sla-team"}


ROUTES: dict = {
    "reports_dashboard": ("get", dict, page(200)),
    "reports_intake": ("get", dict, page(200)),
    "reports_team": ("get", dict, page(200, USES_TEAM_DASHBOARD)),
    "reports_changes": ("get", dict, page(200, USES_CHANGE_DASHBOARD)),
    "reports_inventory": ("get", dict, page(200, USES_INVENTORY_DASHBOARD)),
    "reports_business_office": ("get", dict, page(200, USES_BUSINESS_OFFICE_DASHBOARD)),
    "reports_csv": ("get", a_table, page(200)),
    "reports_xlsx": ("get", a_table, page(200)),
    "api_report_sla": ("get", dict, api(200)),
    "api_report_intake": ("get", dict, api(200)),
    "api_report_team": ("get", dict, api(200, USES_TEAM_DASHBOARD)),
    "api_report_changes": ("get", dict, api(200, USES_CHANGE_DASHBOARD)),
    "api_report_inventory": ("get", dict, api(200, USES_INVENTORY_DASHBOARD)),
    "api_report_business_office": ("get", dict, api(200, USES_BUSINESS_OFFICE_DASHBOARD)),
}
