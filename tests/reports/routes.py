"""The reports rows of the route matrix (tests/test_route_matrix.py).

Directors, the superintendent, Customer Care Center analysts, team leads, technicians and
system administrators open the dashboards (each counted from their own scope); everyone
else gets 404, as for a page that does not exist. The API answers 401 to no one signed in.
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


def page(status: int) -> dict[str, int]:
    return answers(302, 404, **dict.fromkeys(USES_REPORTS, status))


def api(status: int) -> dict[str, int]:
    return answers(401, 404, **dict.fromkeys(USES_REPORTS, status))


def a_table(fixtures: dict) -> dict:
    return {"table": "sla-team"}


ROUTES: dict = {
    "reports_dashboard": ("get", dict, page(200)),
    "reports_intake": ("get", dict, page(200)),
    "reports_csv": ("get", a_table, page(200)),
    "reports_xlsx": ("get", a_table, page(200)),
    "api_report_sla": ("get", dict, api(200)),
    "api_report_intake": ("get", dict, api(200)),
}
