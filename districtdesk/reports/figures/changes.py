"""Change control at a glance: changes by type and by outcome per month, how completed
changes turned out per type, the notice scheduled changes gave against the two-week rule,
and the change reviews still outstanding.

Every figure counts **submitted** changes (drafts are nobody's business yet) that the
viewer may see, and dates a change by its **planned start** on the district's calendar.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Min, Q, QuerySet
from django.db.models.functions import TruncMonth

from districtdesk.changes.models import ChangeRequest
from districtdesk.changes.policies import changes_visible_to
from districtdesk.core.models import Person
from districtdesk.reports.filters import district_zone, start_of_day

Type = ChangeRequest.Type
Outcome = ChangeRequest.Outcome
Status = ChangeRequest.Status
TYPES = tuple(Type.values)
# The outcomes in the order the tables show them; "" is a change not yet completed.
OUTCOMES = (Outcome.SUCCESSFUL, Outcome.POSTPONED, Outcome.BACKED_OUT, Outcome.NONE)
WEEK = timedelta(days=7)
# (label key, lower bound, upper bound) of notice given, in weeks: under 1, 1 to 2, 2 or more.
LEAD_BANDS = (("under_1_week", None, 1), ("1_to_2_weeks", 1, 2), ("2_weeks_or_more", 2, None))


@dataclass(frozen=True)
class ChangeScope:
    planned_from: date | None = None
    planned_to: date | None = None
    change_type: str | None = None


def changes_in_view(viewer: Person, scope: ChangeScope) -> QuerySet[ChangeRequest]:
    changes = changes_visible_to(viewer).filter(submitted_at__isnull=False)
    if scope.planned_from:
        changes = changes.filter(planned_start__gte=start_of_day(scope.planned_from))
    if scope.planned_to:
        changes = changes.filter(
            planned_start__lt=start_of_day(scope.planned_to + timedelta(days=1))
        )
    if scope.change_type:
        changes = changes.filter(change_type=scope.change_type)
    return changes


@dataclass(frozen=True)
class MonthChanges:
    month: date
    by_type: dict[str, int]
    by_outcome: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_type.values())

    @property
    def emergency_percent(self) -> float | None:
        return round(100 * self.by_type[Type.EMERGENCY] / self.total, 1) if self.total else None


@dataclass(frozen=True)
class TypeOutcomes:
    change_type: str
    by_outcome: dict[str, int]

    @property
    def completed(self) -> int:
        return sum(count for outcome, count in self.by_outcome.items() if outcome)

    def percent(self, outcome: str) -> float | None:
        if not self.completed:
            return None
        return round(100 * self.by_outcome[outcome] / self.completed, 1)


@dataclass(frozen=True)
class ChangeCounts:
    by_month: list[MonthChanges]
    by_type: list[TypeOutcomes]


def change_counts(viewer: Person, scope: ChangeScope) -> ChangeCounts:
    """One query grouped by month, type and outcome; both tables are sums of its rows."""
    rows = (
        changes_in_view(viewer, scope)
        .annotate(month=TruncMonth("planned_start", tzinfo=district_zone()))
        .values("month", "change_type", "outcome")
        .annotate(count=Count("pk"))
        .order_by()
    )
    months: dict[date, MonthChanges] = {}
    types = {kind: dict.fromkeys(OUTCOMES, 0) for kind in TYPES}
    for row in rows:
        month = row["month"].date() if isinstance(row["month"], datetime) else row["month"]
        entry = months.setdefault(
            month, MonthChanges(month, dict.fromkeys(TYPES, 0), dict.fromkeys(OUTCOMES, 0))
        )
        entry.by_type[row["change_type"]] += row["count"]
        entry.by_outcome[row["outcome"]] += row["count"]
        types[row["change_type"]][row["outcome"]] += row["count"]
    return ChangeCounts(
        by_month=[months[month] for month in sorted(months)],
        by_type=[TypeOutcomes(kind, types[kind]) for kind in TYPES],
    )


@dataclass(frozen=True)
class LeadBand:
    key: str
    changes: int
    overridden: int


def lead_time_bands(viewer: Person, scope: ChangeScope) -> list[LeadBand]:
    """Scheduled changes by the notice they gave (planned start − submission), and those
    with a recorded lead-time override, in one query."""
    overridden = Q(lead_time_override_by__isnull=False)
    counts = {}
    for key, low, high in LEAD_BANDS:
        condition = Q()
        if low is not None:
            condition &= Q(planned_start__gte=F("submitted_at") + low * WEEK)
        if high is not None:
            condition &= Q(planned_start__lt=F("submitted_at") + high * WEEK)
        counts[key] = Count("pk", filter=condition)
        counts[f"{key}_overridden"] = Count("pk", filter=condition & overridden)
    totals = changes_in_view(viewer, scope).filter(change_type=Type.SCHEDULED).aggregate(**counts)
    return [
        LeadBand(key, totals[key], totals[f"{key}_overridden"]) for key, _low, _high in LEAD_BANDS
    ]


@dataclass(frozen=True)
class OutstandingReviews:
    change_type: str
    count: int
    oldest_completed_at: datetime | None


def reviews_outstanding(viewer: Person, scope: ChangeScope) -> list[OutstandingReviews]:
    """Completed changes without their change review yet (seed 001: every change gets
    one), per type, with the oldest completion; one query."""
    rows = (
        changes_in_view(viewer, scope)
        .filter(status=Status.COMPLETED)
        .values("change_type")
        .annotate(count=Count("pk"), oldest=Min("completed_at"))
        .order_by()
    )
    found = {row["change_type"]: row for row in rows}
    return [
        OutstandingReviews(
            kind, found.get(kind, {}).get("count", 0), found.get(kind, {}).get("oldest")
        )
        for kind in TYPES
    ]
