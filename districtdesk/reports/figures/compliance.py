"""SLA compliance: how each target (categorise, acknowledge, resolve) stands, per target
and broken down by category × priority, team, campus and month of submission.

A target's outcome is read from its stored columns, the way Target.state_at reads it: met
or breached is fixed when the target was completed (its due time is not recomputed after
the fact), and an open target is on time or overdue against `now`. A target whose clock is
stopped (the request waits on a vendor or the district) is counted apart as "waiting";
targets without an SLA ("No defined SLA", "As needed") are left out.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from districtdesk.core.models import Person
from districtdesk.reports.figures.scope import related_in_view
from districtdesk.reports.filters import Filters, district_zone
from districtdesk.service_requests.models import Target

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


def _outcomes(row: dict) -> Outcomes:
    return Outcomes(**{name: row[name] for name in OUTCOMES})


def compliance_overview(viewer: Person, filters: Filters, *, now: datetime) -> dict[str, Outcomes]:
    """Every target kind, in the order of a request's life, with zeros where none."""
    rows = targets_in_view(viewer, filters).values("kind").annotate(**_counts(now)).order_by()
    found = {row["kind"]: _outcomes(row) for row in rows}
    return {kind: found.get(kind, Outcomes()) for kind in Kind.values}


# Each breakdown: the columns it groups by, how rows sort, and how a row is named.
NO_CATEGORY, NO_TEAM = "—", "—"


def _category_labels(row: dict) -> tuple[str, ...]:
    if row["request__category__number"] is None:
        return (NO_CATEGORY, NO_CATEGORY)
    category = f"{row['request__category__number']} {row['request__category__name']}"
    if row["request__priority__number"] is None:
        return (category, NO_CATEGORY)
    code = f"{row['request__category__number']}.{row['request__priority__number']}"
    return (category, f"{code} {row['request__priority__name']}")


BREAKDOWNS = {
    "category": (
        (
            "request__category__number",
            "request__category__name",
            "request__priority__number",
            "request__priority__name",
        ),
        lambda row: (
            row["request__category__number"] is None,
            row["request__category__number"] or 0,
            row["request__priority__number"] or 0,
        ),
        _category_labels,
    ),
    "team": (
        ("request__team__name",),
        lambda row: (row["request__team__name"] is None, row["request__team__name"] or ""),
        lambda row: (row["request__team__name"] or NO_TEAM,),
    ),
    "campus": (
        ("request__campus__code", "request__campus__name"),
        lambda row: row["request__campus__code"],
        lambda row: (f"{row['request__campus__code']} {row['request__campus__name']}",),
    ),
    "month": (
        ("month",),
        lambda row: row["month"],
        lambda row: (row["month"].strftime("%Y-%m"),),
    ),
}


def compliance_by(
    viewer: Person, filters: Filters, *, dimension: str, now: datetime, kind: str | None = None
) -> list[ComplianceRow]:
    """Targets grouped by kind and one dimension, in one query. Category, priority and team
    are the request's current ones; the month is the month of submission in the district's
    timezone."""
    columns, sort_key, labels = BREAKDOWNS[dimension]
    targets = targets_in_view(viewer, filters)
    if kind is not None:
        targets = targets.filter(kind=kind)
    if dimension == "month":
        targets = targets.annotate(
            month=TruncMonth("request__submitted_at", tzinfo=district_zone())
        )
    rows = targets.values("kind", *columns).annotate(**_counts(now)).order_by()
    order = {kind: position for position, kind in enumerate(Kind.values)}
    ordered = sorted(rows, key=lambda row: (order[row["kind"]], sort_key(row)))
    return [
        ComplianceRow(
            kind=row["kind"],
            key=tuple(_key_value(row[column]) for column in columns),
            labels=labels(row),
            outcomes=_outcomes(row),
        )
        for row in ordered
    ]


def _key_value(value):
    return value.date().isoformat() if isinstance(value, datetime) else value
