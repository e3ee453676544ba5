"""Breaches over time: how many SLA targets missed their due time, per month or per week
of a school year, per target.

A target is **missed** when its due time passed before it was met: completed after its
due time (breached), or still open with its due time behind `now` (open, overdue). It is
dated by its due time, the moment the promise was broken, on the district's calendar.
Targets whose clock is stopped have no due time and are never missed; targets without an
SLA are left out, as everywhere.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from districtdesk.core.models import Person
from districtdesk.reports.figures import tallied
from districtdesk.reports.figures.compliance import targets_in_view
from districtdesk.reports.filters import Filters, district_zone, school_year_bounds
from districtdesk.service_requests.models import Target

Kind = Target.Kind
PERIODS = {"month": TruncMonth, "week": TruncWeek}


def missed_by(now: datetime) -> Q:
    """Targets whose due time passed before they were met (with an SLA and a due time)."""
    late = Q(completed_at__isnull=False, completed_at__gt=F("due_at"))
    overdue = Q(completed_at__isnull=True, due_at__lt=now)
    return Q(due_at__isnull=False) & (late | overdue)


def missed_between(targets: QuerySet[Target], start: datetime, end: datetime, now: datetime):
    """Targets missed with their due time in [start, end) and before now."""
    return targets.filter(missed_by(now), due_at__gte=start, due_at__lt=min(end, now))


@dataclass(frozen=True)
class PeriodBreaches:
    first_day: date  # the month's first day, or the week's Monday
    by_kind: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


def _periods(start: date, end: date, period: str) -> list[date]:
    """Every month (or Monday-started week) that overlaps [start, end)."""
    found: list[date] = []
    if period == "month":
        day = start.replace(day=1)
        while day < end:
            found.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
    else:
        day = start - timedelta(days=start.weekday())
        while day < end:
            found.append(day)
            day += timedelta(days=7)
    return found


def breach_trend(
    viewer: Person, filters: Filters, *, period: str, now: datetime
) -> list[PeriodBreaches]:
    """Each month (or week) of the chosen school year up to now, each target kind, zeros
    included, in one query."""
    start, end = school_year_bounds(filters.school_year_at(now))
    targets = targets_in_view(viewer, filters)
    tally = tallied.target_day_tally(viewer, filters)
    if tally is not None:
        targets = tallied.not_closed(targets, through="request")
    rows = (
        missed_between(targets, start, end, now)
        .annotate(period=PERIODS[period]("due_at", tzinfo=district_zone()))
        .values("period", "kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = Counter({(_day(row["period"]), row["kind"]): row["count"] for row in rows})
    if tally is not None:
        # A tallied breach is dated by the day its due time fell, so it needs no `now`.
        tallied_rows = (
            tally.filter(due_on__gte=start.date(), due_on__lt=end.date())
            .annotate(period=PERIODS[period]("due_on"))
            .values("period", "kind")
            .annotate(count=Sum("breached"))
            .order_by()
        )
        counts.update({(_day(row["period"]), row["kind"]): row["count"] for row in tallied_rows})
    until = min(end.date(), timezone.localdate(now) + timedelta(days=1))
    return [
        PeriodBreaches(day, {kind: counts.get((day, kind), 0) for kind in Kind.values})
        for day in _periods(start.date(), until, period)
    ]


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value
