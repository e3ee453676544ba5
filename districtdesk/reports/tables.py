"""Every chart's numbers as one table: the page draws the chart from it, shows it as a
table, and writes it to CSV and XLSX, so the downloads hold exactly the numbers shown.

A `Report` holds the viewer, the filters and the moment, and builds each table on demand
(a download builds only the one it sends); figures two tables share are counted once.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from districtdesk.core.models import Person
from districtdesk.reports.figures import backlog, breaches, compliance, intake, reviews, time_spent
from districtdesk.reports.filters import Filters, school_year_label
from districtdesk.service_requests.models import ServiceRequest, Target

# Series colours: each at least 4.5:1 against white, so a bar and its label both meet WCAG
# 2.1 AA; segments are also told apart by ECharts' decal patterns and the table.
# Shown where a share has nothing to divide by (no target completed yet).
NOT_APPLICABLE = "—"
GREEN, RED, BLUE, BROWN, PURPLE = "#1d6b38", "#a61b1b", "#1a56a8", "#8a4500", "#5b3f9e"
GREY = "#4d5866"
KIND_COLOURS = {"categorise": PURPLE, "acknowledge": BROWN, "resolve": RED}


def percent_cell(value: float | None):
    return NOT_APPLICABLE if value is None else value


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True
    colour: str | None = None  # drawn as a series of the chart when set


@dataclass
class Table:
    slug: str
    title: str
    summary: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    stacked: bool = True
    horizontal: bool = False
    unit: str = ""
    # How many of the heading columns name a bar on the chart (all of them unless set).
    chart_label_columns: int | None = None

    @property
    def data_id(self) -> str:
        return f"{self.slug}-data"

    @property
    def heading_columns(self) -> int:
        return sum(1 for column in self.columns if not column.numeric)

    @property
    def drawn(self) -> bool:
        """Whether a chart has anything to show: a table of zeros is told in its summary
        and its table, not drawn as an empty frame."""
        drawn = [position for position, column in enumerate(self.columns) if column.colour]
        return any(row[position] for row in self.rows for position in drawn)

    @property
    def header(self) -> list[str]:
        return [column.label for column in self.columns]

    def chart_data(self) -> dict:
        """What charts.js draws: one category per row, one series per coloured column."""
        heads = self.chart_label_columns or self.heading_columns
        return {
            "title": self.title,
            "unit": self.unit,
            "stacked": self.stacked,
            "horizontal": self.horizontal,
            "categories": [" · ".join(str(cell) for cell in row[:heads]) for row in self.rows],
            "series": [
                {
                    "name": column.label,
                    "colour": column.colour,
                    "data": [row[position] for row in self.rows],
                }
                for position, column in enumerate(self.columns)
                if column.colour is not None
            ],
        }


def _outcome_columns() -> list[Column]:
    return [
        Column(_("Met"), colour=GREEN),
        Column(_("Breached"), colour=RED),
        Column(_("Open, on time"), colour=BLUE),
        Column(_("Open, overdue"), colour=BROWN),
        Column(_("Waiting (clock stopped)"), colour=PURPLE),
        Column(_("Total")),
        Column(_("Met, % of completed")),
    ]


def _outcome_cells(outcomes: compliance.Outcomes) -> list:
    return [
        outcomes.met,
        outcomes.breached,
        outcomes.open_on_time,
        outcomes.open_overdue,
        outcomes.waiting,
        outcomes.total,
        NOT_APPLICABLE if outcomes.met_percent is None else outcomes.met_percent,
    ]


def _outcome_sentence(outcomes: compliance.Outcomes) -> str:
    if not outcomes.total:
        return _("no targets with an SLA")
    text = _(
        "%(total)s with an SLA: %(met)s met, %(breached)s breached, %(on_time)s open and on "
        "time, %(overdue)s open and overdue, %(waiting)s waiting"
    ) % {
        "total": outcomes.total,
        "met": outcomes.met,
        "breached": outcomes.breached,
        "on_time": outcomes.open_on_time,
        "overdue": outcomes.open_overdue,
        "waiting": outcomes.waiting,
    }
    if outcomes.met_percent is not None:
        text += _(" (%(percent)s%% of completed targets met)") % {"percent": outcomes.met_percent}
    return text


NO_ROWS = gettext_lazy("No requests match these filters.")
BREAKDOWN_TITLES = {
    "category": gettext_lazy("%(target)s target by category and priority"),
    "team": gettext_lazy("%(target)s target by team"),
    "campus": gettext_lazy("%(target)s target by campus"),
    "month": gettext_lazy("%(target)s target by month of submission"),
}


class Report:
    def __init__(self, viewer: Person, filters: Filters, *, now: datetime) -> None:
        self.viewer, self.filters, self.now = viewer, filters, now

    def table(self, slug: str) -> Table:
        return TABLES[slug](self)

    @cached_property
    def open_work(self) -> backlog.Backlog:
        return backlog.backlog(self.viewer, self.filters, now=self.now)

    def uncategorised(self) -> backlog.UncategorisedQueue:
        return backlog.uncategorised_queue(self.viewer, self.filters, now=self.now)

    @property
    def target_label(self) -> str:
        return str(Target.Kind(self.filters.target).label)

    # --- SLA compliance ----------------------------------------------------------------

    def sla_overview(self) -> Table:
        overview = compliance.compliance_overview(self.viewer, self.filters, now=self.now)
        table = Table(
            slug="sla-overview",
            title=_("SLA compliance by target"),
            summary="",
            columns=[Column(_("Target"), numeric=False), *_outcome_columns()],
            horizontal=True,
            unit=_("targets"),
        )
        sentences = []
        for kind, outcomes in overview.items():
            label = str(Target.Kind(kind).label)
            table.rows.append([label, *_outcome_cells(outcomes)])
            sentences.append(f"{label}: {_outcome_sentence(outcomes)}.")
        table.summary = " ".join(sentences)
        return table

    def _breakdown(self, dimension: str, headings: list[str]) -> Table:
        rows = compliance.compliance_by(
            self.viewer,
            self.filters,
            dimension=dimension,
            kind=self.filters.target,
            now=self.now,
        )
        table = Table(
            slug=f"sla-{dimension}",
            title=str(BREAKDOWN_TITLES[dimension]) % {"target": self.target_label},
            summary="",
            columns=[
                *(Column(heading, numeric=False) for heading in headings),
                *_outcome_columns(),
            ],
            horizontal=dimension != "month",
            unit=_("targets"),
        )
        for row in rows:
            table.rows.append([*row.labels, *_outcome_cells(row.outcomes)])
        if not rows:
            table.summary = str(NO_ROWS)
            return table
        total = compliance.Outcomes(
            **{
                name: sum(getattr(row.outcomes, name) for row in rows)
                for name in compliance.OUTCOMES
            }
        )
        table.summary = f"{self.target_label}: {_outcome_sentence(total)}."
        worst = max(rows, key=lambda row: row.outcomes.breached)
        if worst.outcomes.breached:
            table.summary += " " + _("Most breaches: %(name)s (%(count)s).") % {
                "name": " · ".join(worst.labels),
                "count": worst.outcomes.breached,
            }
        return table

    def sla_by_category(self) -> Table:
        return self._breakdown("category", [_("Category"), _("Priority")])

    def sla_by_team(self) -> Table:
        return self._breakdown("team", [_("Team")])

    def sla_by_campus(self) -> Table:
        return self._breakdown("campus", [_("Campus")])

    def sla_by_month(self) -> Table:
        return self._breakdown("month", [_("Month submitted")])

    # --- Backlog -----------------------------------------------------------------------

    def _bands(self, slug: str, title: str, heading: str, bands: list) -> Table:
        return Table(
            slug=slug,
            title=title,
            summary="",
            columns=[Column(heading, numeric=False), Column(_("Open requests"), colour=BLUE)],
            rows=[[band.label, band.count] for band in bands],
            stacked=False,
            unit=_("requests"),
        )

    def backlog_age(self) -> Table:
        bands = self.open_work.by_age
        table = self._bands(
            "backlog-age", _("Open requests by age"), _("Age (calendar days)"), bands
        )
        oldest = bands[-1]
        table.summary = ngettext(
            "%(open)s open request; %(old)s is %(days)s calendar days old or more.",
            "%(open)s open requests; %(old)s are %(days)s calendar days old or more.",
            self.open_work.open_total,
        ) % {"open": self.open_work.open_total, "old": oldest.count, "days": oldest.first}
        return table

    def backlog_overdue(self) -> Table:
        bands = self.open_work.by_days_overdue
        table = self._bands(
            "backlog-overdue",
            _("Overdue requests by days overdue"),
            _("Days overdue (calendar days)"),
            bands,
        )
        late = sum(band.count for band in bands if band.first > 10)
        table.summary = ngettext(
            "%(overdue)s open request is past its next deadline; %(late)s by more than 10 days.",
            "%(overdue)s open requests are past their next deadline; %(late)s by more than "
            "10 days.",
            self.open_work.overdue_total,
        ) % {"overdue": self.open_work.overdue_total, "late": late}
        return table

    # --- Time waiting and working ------------------------------------------------------

    def time_table(self) -> Table:
        rows = time_spent.time_spent_by_category(self.viewer, self.filters, now=self.now)
        table = Table(
            slug="time-spent",
            title=_("Working time and time waiting, by category"),
            summary="",
            columns=[
                Column(_("Category"), numeric=False),
                Column(_("Requests")),
                Column(_("Working (hours)"), colour=BLUE),
                Column(_("Waiting on a vendor (hours)"), colour=BROWN),
                Column(_("Waiting on the district (hours)"), colour=PURPLE),
                Column(_("Open in all (hours)")),
            ],
            horizontal=True,
            unit=_("hours"),
        )
        for row in rows:
            name = f"{row.category_number} {row.category_name}" if row.category_number else "—"
            table.rows.append(
                [
                    name,
                    row.requests,
                    time_spent.hours(row.working),
                    time_spent.hours(row.vendor),
                    time_spent.hours(row.district),
                    time_spent.hours(row.elapsed),
                ]
            )
        if not rows:
            table.summary = str(NO_ROWS)
            return table
        table.summary = _(
            "Across %(requests)s requests: %(working)s hours working, %(vendor)s hours waiting "
            "on vendors and %(district)s hours waiting on the district or the requester."
        ) % {
            "requests": sum(row.requests for row in rows),
            "working": time_spent.hours(sum((row.working for row in rows), timedelta())),
            "vendor": time_spent.hours(sum((row.vendor for row in rows), timedelta())),
            "district": time_spent.hours(sum((row.district for row in rows), timedelta())),
        }
        return table

    # --- Breach trend and queue reviews (the school year) ---------------------------------

    @property
    def school_year(self) -> int:
        return self.filters.school_year_at(self.now)

    def _breach_trend(self, period: str) -> Table:
        rows = breaches.breach_trend(self.viewer, self.filters, period=period, now=self.now)
        year = school_year_label(self.school_year)
        heading = _("Month") if period == "month" else _("Week of (Monday)")
        title = (
            _("Targets missed per month, school year %(year)s")
            if period == "month"
            else _("Targets missed per school week, %(year)s")
        ) % {"year": year}
        table = Table(
            slug=f"breach-{period}",
            title=title,
            summary="",
            columns=[
                Column(heading, numeric=False),
                *(
                    Column(str(Target.Kind(kind).label), colour=KIND_COLOURS[kind])
                    for kind in Target.Kind.values
                ),
                Column(_("Total")),
            ],
            unit=_("targets"),
        )
        for row in rows:
            label = row.first_day.strftime("%Y-%m" if period == "month" else "%Y-%m-%d")
            table.rows.append(
                [label, *(row.by_kind[kind] for kind in Target.Kind.values), row.total]
            )
        total = sum(row.total for row in rows)
        if not rows:
            table.summary = str(NO_ROWS)
            return table
        worst = max(rows, key=lambda row: row.total)
        by_kind = ", ".join(
            f"{Target.Kind(kind).label} {sum(row.by_kind[kind] for row in rows)}"
            for kind in Target.Kind.values
        )
        table.summary = _(
            "%(total)s targets missed their due time in %(year)s so far (%(by_kind)s)."
        ) % {"total": total, "year": year, "by_kind": by_kind}
        if worst.total:
            table.summary += " " + _("Most in %(period)s: %(count)s.") % {
                "period": table.rows[rows.index(worst)][0],
                "count": worst.total,
            }
        return table

    def breach_by_month(self) -> Table:
        return self._breach_trend("month")

    def breach_by_week(self) -> Table:
        return self._breach_trend("week")

    def review_cadence(self) -> Table:
        weeks = reviews.review_cadence(self.school_year, now=self.now)
        year = school_year_label(self.school_year)
        table = Table(
            slug="queue-reviews",
            title=_("Uncategorised queue reviews, odd hours done and missed, %(year)s")
            % {"year": year},
            summary="",
            columns=[
                Column(_("Week of (Monday)"), numeric=False),
                Column(_("Reviewed"), colour=GREEN),
                Column(_("Missed"), colour=RED),
                Column(_("Due")),
                Column(_("Done, % of due")),
            ],
            unit=_("odd hours"),
        )
        for week in weeks:
            table.rows.append(
                [
                    week.monday.isoformat(),
                    week.done,
                    week.missed,
                    week.due,
                    percent_cell(week.done_percent),
                ]
            )
        due = sum(week.due for week in weeks)
        done = sum(week.done for week in weeks)
        if not due:
            table.summary = _("No odd-hour review has been due in %(year)s yet.") % {"year": year}
            return table
        table.summary = _(
            "%(done)s of %(due)s odd-hour reviews due in %(year)s were done (%(percent)s%%); "
            "%(missed)s missed."
        ) % {
            "done": done,
            "due": due,
            "year": year,
            "percent": round(100 * done / due, 1),
            "missed": due - done,
        }
        return table

    # --- Intake ------------------------------------------------------------------------

    def intake_by_hour(self) -> Table:
        hours = intake.intake_by_hour(self.viewer, self.filters)
        colours = dict(zip(intake.CHANNELS, (BLUE, GREEN, BROWN, PURPLE), strict=True))
        table = Table(
            slug="intake-hour",
            title=_("Requests received by channel and hour of the day"),
            summary="",
            columns=[
                Column(_("Hour"), numeric=False),
                *(
                    Column(str(ServiceRequest.Channel(channel).label), colour=colours[channel])
                    for channel in intake.CHANNELS
                ),
                Column(_("Total")),
            ],
            unit=_("requests"),
        )
        for hour in hours:
            counts = [hour.by_channel[channel] for channel in intake.CHANNELS]
            table.rows.append([f"{hour.hour:02d}:00", *counts, hour.total])
        total = sum(hour.total for hour in hours)
        if not total:
            table.summary = str(NO_ROWS)
            return table
        busiest = max(hours, key=lambda hour: hour.total)
        by_channel = ", ".join(
            f"{ServiceRequest.Channel(channel).label} {sum(h.by_channel[channel] for h in hours)}"
            for channel in intake.CHANNELS
        )
        table.summary = _(
            "%(total)s requests (%(by_channel)s). The busiest hour starts at %(hour)s:00, "
            "with %(count)s."
        ) % {
            "total": total,
            "by_channel": by_channel,
            "hour": f"{busiest.hour:02d}",
            "count": busiest.total,
        }
        return table


TABLES: dict[str, Callable[[Report], Table]] = {
    "sla-overview": Report.sla_overview,
    "sla-category": Report.sla_by_category,
    "sla-team": Report.sla_by_team,
    "sla-campus": Report.sla_by_campus,
    "sla-month": Report.sla_by_month,
    "backlog-age": Report.backlog_age,
    "backlog-overdue": Report.backlog_overdue,
    "time-spent": Report.time_table,
    "intake-hour": Report.intake_by_hour,
    "breach-month": Report.breach_by_month,
    "breach-week": Report.breach_by_week,
    "queue-reviews": Report.review_cadence,
}
# Which tables each dashboard shows, in order.
DASHBOARDS = {
    "sla": [
        "sla-overview",
        "sla-category",
        "sla-team",
        "sla-campus",
        "sla-month",
        "backlog-age",
        "backlog-overdue",
        "time-spent",
        "breach-month",
        "breach-week",
        "queue-reviews",
    ],
    "intake": ["intake-hour"],
}
