"""SLA compliance: how each target (categorise, acknowledge, resolve) stands, per target
and broken down by category × priority, team, campus and month of submission.

A target's outcome is read from its stored columns, the way Target.state_at reads it: met
or breached is fixed when the target was completed (its due time is not recomputed after
the fact), and an open target is on time or overdue against `now`. A target whose clock is
stopped (the request waits on a vendor or the district) is counted apart as "waiting";
targets without an SLA ("No defined SLA", "As needed") are left out.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from districtdesk.core.models import Person
from districtdesk.reports.figures import tallied
from districtdesk.reports.figures.scope import related_in_view
from districtdesk.reports.filters import Filters, district_zone
from districtdesk.service_requests.models import Target, TargetMonthTally

Kind = Target.Kind
OUTCOMES = ("met", "breached", "open_on_time", "open_overdue", "waiting")
HAS_SLA = Q(sla_hours__isnull=False) | Q(sla_days__isnull=False)


def outcome_conditions(now: datetime) -> dict[str, Q]:
    """Each outcome as a filter on Target; together they split every target with an SLA."""
    completed = Q(completed_at__isnull=False)
    running = Q(completed_at__isnull=True)
    return {
        "met": completed & (Q(due_at__isnull=True) | Q(completed_at__lte=F("due_at"))),
        "breached": completed & Q(due_at__isnull=False, completed_at__gt=F("due_at")),
        "open_on_time": running & Q(due_at__gte=now),
        "open_overdue": running & Q(due_at__lt=now),
        "waiting": running & Q(due_at__isnull=True),
    }


@dataclass(frozen=True)
class Outcomes:
    met: int = 0
    breached: int = 0
    open_on_time: int = 0
    open_overdue: int = 0
    waiting: int = 0

    @property
    def total(self) -> int:
        return self.met + self.breached + self.open_on_time + self.open_overdue + self.waiting

    @property
    def met_percent(self) -> float | None:
        """Met as a share of completed targets; None before any completed."""
        completed = self.met + self.breached
        return round(100 * self.met / completed, 1) if completed else None

    def __add__(self, other: "Outcomes") -> "Outcomes":
        return Outcomes(**{name: getattr(self, name) + getattr(other, name) for name in OUTCOMES})

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in OUTCOMES} | {
            "total": self.total,
            "met_percent": self.met_percent,
        }


@dataclass(frozen=True)
class ComplianceRow:
    kind: str
    key: tuple  # the dimension's values, e.g. (category number, priority number)
    labels: tuple[str, ...]
    outcomes: Outcomes


def targets_in_view(viewer: Person, filters: Filters) -> QuerySet[Target]:
    return related_in_view(Target.objects.filter(HAS_SLA), viewer, filters)


def _counts(now: datetime) -> dict[str, Count]:
    return {
        name: Count("pk", filter=condition) for name, condition in outcome_conditions(now).items()
    }


TALLIED = {"met": Sum("met"), "breached": Sum("breached")}


def _outcomes(row: dict) -> Outcomes:
    return Outcomes(**{name: row.get(name) or 0 for name in OUTCOMES})


def _live_and_tallied(
    viewer: Person, filters: Filters, tally: QuerySet | None
) -> tuple[QuerySet[Target], QuerySet | None]:
    """The targets to count live, and the tallied ones (None: count everything live)."""
    live = targets_in_view(viewer, filters)
    if tally is not None:
        live = tallied.not_closed(live, through="request")
    return live, tally


def compliance_overview(viewer: Person, filters: Filters, *, now: datetime) -> dict[str, Outcomes]:
    """Every target kind, in the order of a request's life, with zeros where none."""
    live, tally = _live_and_tallied(viewer, filters, tallied.target_tally(viewer, filters))
    found = {kind: Outcomes() for kind in Kind.values}
    for row in live.values("kind").annotate(**_counts(now)).order_by():
        found[row["kind"]] += _outcomes(row)
    if tally is not None:
        for row in tally.values("kind").annotate(**TALLIED).order_by():
            found[row["kind"]] += _outcomes(row)
    return found


# Each breakdown: the request's columns it groups by, how rows sort, and how a row is named.
NO_CATEGORY, NO_TEAM = "—", "—"


def _category_labels(row: dict) -> tuple[str, ...]:
    if row["category__number"] is None:
        return (NO_CATEGORY, NO_CATEGORY)
    category = f"{row['category__number']} {row['category__name']}"
    if row["priority__number"] is None:
        return (category, NO_CATEGORY)
    code = f"{row['category__number']}.{row['priority__number']}"
    return (category, f"{code} {row['priority__name']}")


BREAKDOWNS = {
    "category": (
        ("category__number", "category__name", "priority__number", "priority__name"),
        lambda row: (
            row["category__number"] is None,
            row["category__number"] or 0,
            row["priority__number"] or 0,
        ),
        _category_labels,
    ),
    "team": (
        ("team__name",),
        lambda row: (row["team__name"] is None, row["team__name"] or ""),
        lambda row: (row["team__name"] or NO_TEAM,),
    ),
    "campus": (
        ("campus__code", "campus__name"),
        lambda row: row["campus__code"],
        lambda row: (f"{row['campus__code']} {row['campus__name']}",),
    ),
    "month": (
        ("month",),
        lambda row: row["month"],
        lambda row: (row["month"].strftime("%Y-%m"),),
    ),
}


def _tally_for(viewer: Person, filters: Filters, dimension: str) -> QuerySet | None:
    if dimension == "campus":
        return tallied.campus_tally(viewer, filters)
    tally = tallied.target_tally(viewer, filters)
    if tally is not None and dimension == "month":
        by_month = "submitted_month" if tally.model is TargetMonthTally else "submitted_on"
        tally = tally.annotate(month=TruncMonth(by_month))
    return tally


def compliance_by(
    viewer: Person, filters: Filters, *, dimension: str, now: datetime, kind: str | None = None
) -> list[ComplianceRow]:
    """Targets grouped by kind and one dimension: the live ones in one query, the tallied
    ones in another. Category, priority and team are the request's current ones; the month
    is the month of submission in the district's timezone."""
    columns, sort_key, labels = BREAKDOWNS[dimension]
    live, tally = _live_and_tallied(viewer, filters, _tally_for(viewer, filters, dimension))
    if kind is not None:
        live = live.filter(kind=kind)
        tally = tally.filter(kind=kind) if tally is not None else None
    if dimension == "month":
        live = live.annotate(month=TruncMonth("request__submitted_at", tzinfo=district_zone()))
        live_columns = columns
    else:
        live_columns = tuple(f"request__{column}" for column in columns)
    grouped: dict[tuple, tuple[dict, Outcomes]] = {}

    def add(row: dict, outcomes: Outcomes) -> None:
        key = (row["kind"], *(_key_value(row[column]) for column in columns))
        if key in grouped:
            outcomes += grouped[key][1]
        grouped[key] = (row, outcomes)

    for row in live.values("kind", *live_columns).annotate(**_counts(now)).order_by():
        named = {"kind": row["kind"]} | {
            column: _as_date(row[live_column])
            for column, live_column in zip(columns, live_columns, strict=True)
        }
        add(named, _outcomes(row))
    if tally is not None:
        for row in tally.values("kind", *columns).annotate(**TALLIED).order_by():
            add(row, _outcomes(row))
    order = {kind: position for position, kind in enumerate(Kind.values)}
    ordered = sorted(
        grouped.values(), key=lambda found: (order[found[0]["kind"]], sort_key(found[0]))
    )
    return [
        ComplianceRow(
            kind=row["kind"],
            key=tuple(_key_value(row[column]) for column in columns),
            labels=labels(row),
            outcomes=outcomes,
        )
        for row, outcomes in ordered
    ]


def _as_date(value):
    """A month truncated on the district's clock comes back as its first midnight."""
    return value.date() if isinstance(value, datetime) else value


def _key_value(value):
    return value.isoformat() if isinstance(value, date) else value
