"""Figures over closed requests from the stored tallies (service_requests/tally.py), the
rest counted live.

A closed request never changes, and it is in the tallies exactly when it is closed, so a
figure is the tallies' sum plus a live count over requests not closed (a few thousand on a
partial index). The tallies are keyed by month or day of submission, category, priority
and team (campus per month), so they answer only where those keys suffice: a viewer who sees every
request, and for the day-keyed tallies no campus filter. Anything else is counted live
from the rows, as it always may be.
"""

from datetime import date, timedelta

from django.db.models import Q, QuerySet

from districtdesk.core.models import Person
from districtdesk.reports.filters import Filters
from districtdesk.service_requests.models import (
    CampusTargetTally,
    IntakeTally,
    ServiceRequest,
    TargetMonthTally,
    TargetTally,
    TimeTally,
)
from districtdesk.service_requests.policies import visible_q

NOT_CLOSED = ~Q(status=ServiceRequest.Status.CLOSED)


def not_closed(rows: QuerySet, *, through: str = "") -> QuerySet:
    """The rows about requests not closed (the part the tallies do not hold)."""
    if not through:
        return rows.filter(NOT_CLOSED)
    return rows.exclude(**{f"{through}__status": ServiceRequest.Status.CLOSED})


def _sees_everything(viewer: Person) -> bool:
    return visible_q(viewer) is None


def _narrowed(rows: QuerySet, filters: Filters, *, day: str) -> QuerySet:
    if filters.submitted_from:
        rows = rows.filter(**{f"{day}__gte": filters.submitted_from})
    if filters.submitted_to:
        rows = rows.filter(**{f"{day}__lte": filters.submitted_to})
    if filters.team:
        rows = rows.filter(team=filters.team)
    if filters.category:
        rows = rows.filter(category=filters.category)
    return rows


def target_tally(viewer: Person, filters: Filters) -> QuerySet | None:
    """Tallied targets in the figure (by month where the dates span whole months, else by
    day; each row has kind, category, priority, team, met and breached), or None when the
    figure must count live."""
    if not _sees_everything(viewer) or filters.campus is not None:
        return None
    if _whole_months(filters):
        return _narrowed(TargetMonthTally.objects.all(), _months(filters), day="submitted_month")
    return _narrowed(TargetTally.objects.all(), filters, day="submitted_on")


def target_day_tally(viewer: Person, filters: Filters) -> QuerySet[TargetTally] | None:
    """Tallied targets by day, with the day a breach fell due (for the breach trend)."""
    if not _sees_everything(viewer) or filters.campus is not None:
        return None
    return _narrowed(TargetTally.objects.all(), filters, day="submitted_on")


def time_tally(viewer: Person, filters: Filters) -> QuerySet[TimeTally] | None:
    if not _sees_everything(viewer) or filters.campus is not None:
        return None
    return _narrowed(TimeTally.objects.all(), filters, day="submitted_on")


def intake_tally(viewer: Person, filters: Filters) -> QuerySet[IntakeTally] | None:
    """Tallied intake, kept by day only: no campus, team or category filter."""
    if not _sees_everything(viewer) or filters.campus or filters.team or filters.category:
        return None
    return _narrowed(IntakeTally.objects.all(), filters, day="submitted_on")


def _whole_months(filters: Filters) -> bool:
    starts = filters.submitted_from is None or filters.submitted_from.day == 1
    last = filters.submitted_to
    ends = last is None or (last + timedelta(days=1)).day == 1
    return starts and ends


def campus_tally(viewer: Person, filters: Filters) -> QuerySet[CampusTargetTally] | None:
    """Tallied targets per campus, or None: they are kept per month, so dates must span
    whole months."""
    if not _sees_everything(viewer) or not _whole_months(filters):
        return None
    rows = CampusTargetTally.objects.all()
    if filters.campus is not None:
        rows = rows.filter(campus=filters.campus)
    return _narrowed(rows, _months(filters), day="submitted_month")


def _months(filters: Filters) -> Filters:
    """Whole-month filters as the first days of their months, which month tallies key."""
    return Filters(
        submitted_from=_first_of_month(filters.submitted_from),
        submitted_to=_first_of_month(filters.submitted_to),
        team=filters.team,
        category=filters.category,
    )


def _first_of_month(day: date | None) -> date | None:
    return day.replace(day=1) if day is not None else None
