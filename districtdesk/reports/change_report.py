"""The change coordinator dashboard: its filters (planned start between two dates, a type)
and its tables."""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.changes.models import ChangeRequest
from districtdesk.core.models import Person
from districtdesk.reports.figures import changes
from districtdesk.reports.filters import DateRangeForm
from districtdesk.reports.tables import (
    BLUE,
    BROWN,
    GREEN,
    GREY,
    NOT_APPLICABLE,
    PURPLE,
    RED,
    Column,
    Table,
    percent_cell,
)

Type = ChangeRequest.Type
Outcome = ChangeRequest.Outcome
TYPE_COLOURS = {Type.SCHEDULED: BLUE, Type.EMERGENCY: RED, Type.INFORMATIONAL: PURPLE}
OUTCOME_COLOURS = {
    Outcome.SUCCESSFUL: GREEN,
    Outcome.POSTPONED: BROWN,
    Outcome.BACKED_OUT: RED,
    Outcome.NONE: GREY,
}
LEAD_LABELS = {
    "under_1_week": gettext_lazy("Under 1 week"),
    "1_to_2_weeks": gettext_lazy("1 to 2 weeks"),
    "2_weeks_or_more": gettext_lazy("2 weeks or more"),
}


def _outcome_label(outcome: str) -> str:
    return str(Outcome(outcome).label) if outcome else _("Not completed yet")


class ChangeFilterForm(DateRangeForm):
    date_range = ("planned_from", "planned_to")

    planned_from = forms.DateField(
        label=gettext_lazy("Planned to start from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    planned_to = forms.DateField(
        label=gettext_lazy("Planned to start by"),
        required=False,
        help_text=gettext_lazy("Both dates included."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    change_type = forms.ChoiceField(
        label=gettext_lazy("Type"),
        choices=[("", gettext_lazy("All types")), *Type.choices],
        required=False,
    )

    def __init__(self, data=None, *, viewer: Person | None = None, **kwargs) -> None:
        super().__init__(data, **kwargs)

    def filters(self) -> "ChangeFilters":
        data = self.cleaned_data
        return ChangeFilters(
            planned_from=data.get("planned_from"),
            planned_to=data.get("planned_to"),
            change_type=data.get("change_type") or None,
        )


@dataclass(frozen=True)
class ChangeFilters:
    planned_from: date | None = None
    planned_to: date | None = None
    change_type: str | None = None

    @property
    def scope(self) -> changes.ChangeScope:
        return changes.ChangeScope(self.planned_from, self.planned_to, self.change_type)

    def as_query(self) -> str:
        values = {
            "planned_from": self.planned_from.isoformat() if self.planned_from else "",
            "planned_to": self.planned_to.isoformat() if self.planned_to else "",
            "change_type": self.change_type or "",
        }
        return urlencode({name: value for name, value in values.items() if value})

    def describe(self) -> list[tuple[str, str]]:
        shown = []
        if self.planned_from or self.planned_to:
            first = self.planned_from.isoformat() if self.planned_from else "…"
            last = self.planned_to.isoformat() if self.planned_to else "…"
            shown.append((str(_("Planned start")), f"{first} – {last}"))
        if self.change_type:
            shown.append((str(_("Type")), str(Type(self.change_type).label)))
        return shown


class ChangeReport:
    def __init__(self, viewer: Person, filters: ChangeFilters, *, now: datetime) -> None:
        self.viewer, self.filters, self.now = viewer, filters, now
        self._counts: changes.ChangeCounts | None = None

    def table(self, slug: str) -> Table:
        return TABLES[slug](self)

    @property
    def counts(self) -> changes.ChangeCounts:
        if self._counts is None:
            self._counts = changes.change_counts(self.viewer, self.filters.scope)
        return self._counts

    def by_type(self) -> Table:
        months = self.counts.by_month
        table = Table(
            slug="change-types",
            title=_("Changes by type, per month of planned start"),
            summary="",
            columns=[
                Column(_("Month"), numeric=False),
                *(
                    Column(str(Type(kind).label), colour=TYPE_COLOURS[kind])
                    for kind in changes.TYPES
                ),
                Column(_("Total")),
                Column(_("Emergency, % of changes")),
            ],
            unit=_("changes"),
        )
        for month in months:
            table.rows.append(
                [
                    month.month.strftime("%Y-%m"),
                    *(month.by_type[kind] for kind in changes.TYPES),
                    month.total,
                    percent_cell(month.emergency_percent),
                ]
            )
        total = sum(month.total for month in months)
        if not total:
            table.summary = _("No submitted changes match these filters.")
            return table
        emergencies = sum(month.by_type[Type.EMERGENCY] for month in months)
        table.summary = _(
            "%(total)s changes: %(by_type)s. Emergencies are %(percent)s%% of all changes."
        ) % {
            "total": total,
            "by_type": ", ".join(
                f"{Type(kind).label} {sum(month.by_type[kind] for month in months)}"
                for kind in changes.TYPES
            ),
            "percent": round(100 * emergencies / total, 1),
        }
        return table

    def by_outcome(self) -> Table:
        months = self.counts.by_month
        table = Table(
            slug="change-outcomes",
            title=_("Changes by outcome, per month of planned start"),
            summary="",
            columns=[
                Column(_("Month"), numeric=False),
                *(
                    Column(_outcome_label(outcome), colour=OUTCOME_COLOURS[outcome])
                    for outcome in changes.OUTCOMES
                ),
                Column(_("Total")),
            ],
            unit=_("changes"),
        )
        for month in months:
            table.rows.append(
                [
                    month.month.strftime("%Y-%m"),
                    *(month.by_outcome[outcome] for outcome in changes.OUTCOMES),
                    month.total,
                ]
            )
        totals = {
            outcome: sum(month.by_outcome[outcome] for month in months)
            for outcome in changes.OUTCOMES
        }
        if not sum(totals.values()):
            table.summary = _("No submitted changes match these filters.")
            return table
        table.summary = (
            ", ".join(f"{_outcome_label(outcome)} {count}" for outcome, count in totals.items())
            + "."
        )
        return table

    def rates(self) -> Table:
        rows = self.counts.by_type
        completed_outcomes = [outcome for outcome in changes.OUTCOMES if outcome]
        table = Table(
            slug="change-rates",
            title=_("How completed changes turned out, by type"),
            summary="",
            columns=[
                Column(_("Type"), numeric=False),
                *(
                    Column(_outcome_label(outcome), colour=OUTCOME_COLOURS[outcome])
                    for outcome in completed_outcomes
                ),
                Column(_("Completed")),
                *(
                    Column(_("%(outcome)s, %% of completed") % {"outcome": _outcome_label(o)})
                    for o in completed_outcomes
                ),
            ],
            horizontal=True,
            unit=_("changes"),
        )
        for row in rows:
            table.rows.append(
                [
                    str(Type(row.change_type).label),
                    *(row.by_outcome[outcome] for outcome in completed_outcomes),
                    row.completed,
                    *(percent_cell(row.percent(outcome)) for outcome in completed_outcomes),
                ]
            )
        completed = sum(row.completed for row in rows)
        if not completed:
            table.summary = _("No change has been completed yet.")
            return table
        table.summary = _("%(completed)s changes completed: %(rates)s.") % {
            "completed": completed,
            "rates": ", ".join(
                f"{_outcome_label(outcome)} "
                f"{round(100 * sum(row.by_outcome[outcome] for row in rows) / completed, 1)}%"
                for outcome in completed_outcomes
            ),
        }
        return table

    def lead_time(self) -> Table:
        bands = changes.lead_time_bands(self.viewer, self.filters.scope)
        table = Table(
            slug="change-lead-time",
            title=_("Notice given by scheduled changes (the two-week rule)"),
            summary="",
            columns=[
                Column(_("Planned start − submission"), numeric=False),
                Column(_("Without an override"), colour=BLUE),
                Column(_("With a recorded override"), colour=BROWN),
                Column(_("Scheduled changes")),
            ],
            horizontal=True,
            unit=_("changes"),
        )
        for band in bands:
            table.rows.append(
                [
                    str(LEAD_LABELS[band.key]),
                    band.changes - band.overridden,
                    band.overridden,
                    band.changes,
                ]
            )
        total = sum(band.changes for band in bands)
        if not total:
            table.summary = _("No scheduled changes match these filters.")
            return table
        short = sum(band.changes for band in bands[:2])
        table.summary = _(
            "%(short)s of %(total)s scheduled changes gave less than two weeks' notice; "
            "%(overridden)s had the lead time overridden by the coordinator."
        ) % {
            "short": short,
            "total": total,
            "overridden": sum(band.overridden for band in bands),
        }
        return table

    def reviews(self) -> Table:
        rows = changes.reviews_outstanding(self.viewer, self.filters.scope)
        today = timezone.localdate(self.now)
        table = Table(
            slug="change-reviews",
            title=_("Change reviews outstanding"),
            summary="",
            columns=[
                Column(_("Type"), numeric=False),
                Column(_("Completed, not yet reviewed"), colour=BROWN),
                Column(_("Oldest waits (days)")),
            ],
            stacked=False,
            horizontal=True,
            unit=_("changes"),
        )
        for row in rows:
            waited = (
                (today - timezone.localdate(row.oldest_completed_at)).days
                if row.oldest_completed_at
                else NOT_APPLICABLE
            )
            table.rows.append([str(Type(row.change_type).label), row.count, waited])
        total = sum(row.count for row in rows)
        table.summary = _(
            "%(total)s completed changes wait for their change review; every change gets one, "
            "whatever its type or outcome."
        ) % {"total": total}
        return table


TABLES = {
    "change-types": ChangeReport.by_type,
    "change-outcomes": ChangeReport.by_outcome,
    "change-rates": ChangeReport.rates,
    "change-lead-time": ChangeReport.lead_time,
    "change-reviews": ChangeReport.reviews,
}
