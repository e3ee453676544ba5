"""Every dashboard in one table: who may open it, the filter form it reads from the URL,
the report that builds its tables, and which tables it shows. The pages, the downloads,
the navigation and the home page all read this table, so a table downloads under exactly
the rule and the filters of the dashboard that shows it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Person
from districtdesk.reports import (
    business_office_report,
    change_report,
    inventory_report,
    policies,
    tables,
    team_report,
)
from districtdesk.reports.filters import ReportFilterForm


@dataclass(frozen=True)
class Dashboard:
    name: str
    title: str
    description: str
    url_name: str
    may_view: Callable[[Person], bool]
    form: Callable[..., object]  # (data, *, viewer) -> a form whose filters() it reads
    report: Callable[..., object]  # (viewer, filters, *, now) -> has table(slug)
    tables: dict[str, Callable]  # every table it may build, by slug
    shown: tuple[str, ...]  # the tables the page shows, in order
    scope_note: str = ""


def _service_level_form(data=None, *, viewer: Person | None = None) -> ReportFilterForm:
    return ReportFilterForm(data)


DASHBOARDS: dict[str, Dashboard] = {
    dashboard.name: dashboard
    for dashboard in (
        Dashboard(
            name="sla",
            title=_("Service levels"),
            description=_(
                "SLA compliance by target, category, team, campus and month; the backlog; "
                "the breach trend and the queue reviews over the school year."
            ),
            url_name="reports_dashboard",
            may_view=policies.can_view_reports,
            form=_service_level_form,
            report=tables.Report,
            tables=tables.TABLES,
            shown=tuple(tables.DASHBOARDS["sla"]),
        ),
        Dashboard(
            name="intake",
            title=_("Customer Care Center intake"),
            description=_("The uncategorised queue, and requests by channel and hour."),
            url_name="reports_intake",
            may_view=policies.can_view_reports,
            form=_service_level_form,
            report=tables.Report,
            tables=tables.TABLES,
            shown=tuple(tables.DASHBOARDS["intake"]),
        ),
        Dashboard(
            name="team",
            title=_("Team work"),
            description=_(
                "Your teams' open work by due time, this week's missed targets, each "
                "technician's load and late status notes on scheduled maintenance."
            ),
            url_name="reports_team",
            may_view=policies.can_view_team_dashboard,
            form=team_report.TeamFilterForm,
            report=team_report.TeamReport,
            tables=team_report.TABLES,
            shown=tuple(team_report.TABLES),
        ),
        Dashboard(
            name="changes",
            title=_("Change control"),
            description=_(
                "Changes by type and outcome per month, how they turned out, the notice "
                "they gave and the reviews still to write."
            ),
            url_name="reports_changes",
            may_view=policies.can_view_change_dashboard,
            form=change_report.ChangeFilterForm,
            report=change_report.ChangeReport,
            tables=change_report.TABLES,
            shown=tuple(change_report.TABLES),
            scope_note=_("from the submitted changes you may see."),
        ),
        Dashboard(
            name="inventory",
            title=_("Inventory"),
            description=_(
                "Assets by campus, type, model, status and funding; warranties ending soon; "
                "campus audits under way."
            ),
            url_name="reports_inventory",
            may_view=policies.can_view_inventory_dashboard,
            form=inventory_report.InventoryFilterForm,
            report=inventory_report.InventoryReport,
            tables=inventory_report.TABLES,
            shown=tuple(inventory_report.TABLES),
            scope_note=_("from the assets you may see."),
        ),
        Dashboard(
            name="business_office",
            title=_("Business office"),
            description=_(
                "Technology-request spend by budget code and funding source; requests "
                "waiting in each step and for how long; money waiting for funding."
            ),
            url_name="reports_business_office",
            may_view=policies.can_view_business_office_dashboard,
            form=business_office_report.BusinessOfficeFilterForm,
            report=business_office_report.BusinessOfficeReport,
            tables=business_office_report.TABLES,
            shown=tuple(business_office_report.TABLES),
            scope_note=_("from the technology requests you may see."),
        ),
    )
}
# Each downloadable table, with the dashboard whose rule and filters it answers to (the
# service-level tables all answer to the service-level dashboards' shared rule).
TABLE_OWNERS: dict[str, Dashboard] = {}
for _dashboard in DASHBOARDS.values():
    for _slug in _dashboard.tables:
        TABLE_OWNERS.setdefault(_slug, _dashboard)


def dashboards_for(person: Person) -> list[Dashboard]:
    """The dashboards a person may open, in the navigation's order."""
    return [dashboard for dashboard in DASHBOARDS.values() if dashboard.may_view(person)]
