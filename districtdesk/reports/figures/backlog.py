"""Open work and how old it is: open requests by age band, overdue requests by how many
days overdue, and the uncategorised queue.

Ages are counted in calendar days on the district's wall clock, not business days: a band
says how long a requester has been waiting, weekends included, and it needs no calendar to
read. A request submitted today is 0 days old, yesterday's 1 day, and so on; a request
whose due time fell earlier today is 0 days overdue.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone

from districtdesk.core.models import Person
from districtdesk.reports.figures.scope import requests_in_view
from districtdesk.reports.filters import Filters, start_of_day
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.policies import requests_visible_to

# (first day, last day) of each band; None: no upper end.
BANDS: tuple[tuple[int, int | None], ...] = ((0, 1), (2, 5), (6, 10), (11, 20), (21, None))


def band_label(first: int, last: int | None) -> str:
    return f"{first}–{last}" if last is not None else f"{first}+"


@dataclass(frozen=True)
class BandCount:
    first: int
    last: int | None
    count: int

    @property
    def label(self) -> str:
        return band_label(self.first, self.last)


@dataclass(frozen=True)
class Backlog:
    by_age: list[BandCount]
    by_days_overdue: list[BandCount]

    @property
    def open_total(self) -> int:
        return sum(band.count for band in self.by_age)

    @property
    def overdue_total(self) -> int:
        return sum(band.count for band in self.by_days_overdue)


def _in_band(field: str, today: date, first: int, last: int | None) -> Q:
    """`field` fell between `first` and `last` days before today (district calendar days)."""
    condition = Q(**{f"{field}__lt": start_of_day(today - timedelta(days=first - 1))})
    if last is not None:
        condition &= Q(**{f"{field}__gte": start_of_day(today - timedelta(days=last))})
    return condition


def backlog(viewer: Person, filters: Filters, *, now: datetime) -> Backlog:
    """Open requests by age and by days overdue (their next deadline passed), one query."""
    today = timezone.localdate(now)
    overdue = Q(due_at__lt=now)
    counts = {}
    for position, (first, last) in enumerate(BANDS):
        counts[f"age_{position}"] = Count("pk", filter=_in_band("submitted_at", today, first, last))
        counts[f"overdue_{position}"] = Count(
            "pk", filter=overdue & _in_band("due_at", today, first, last)
        )
    requests = requests_in_view(viewer, filters).filter(status__in=ServiceRequest.OPEN_STATUSES)
    totals = requests.aggregate(**counts)
    return Backlog(
        by_age=[
            BandCount(first, last, totals[f"age_{position}"])
            for position, (first, last) in enumerate(BANDS)
        ],
        by_days_overdue=[
            BandCount(first, last, totals[f"overdue_{position}"])
            for position, (first, last) in enumerate(BANDS)
        ],
    )


@dataclass(frozen=True)
class UncategorisedQueue:
    size: int
    oldest_submitted_at: datetime | None
    now: datetime

    @property
    def oldest_age(self) -> timedelta | None:
        return None if self.oldest_submitted_at is None else self.now - self.oldest_submitted_at

    @property
    def oldest_age_minutes(self) -> int | None:
        age = self.oldest_age
        return None if age is None else int(age.total_seconds() // 60)


def uncategorised_queue(viewer: Person, filters: Filters, *, now: datetime) -> UncategorisedQueue:
    """The queue as it stands now, in the viewer's scope and at the chosen campus. The date,
    team and category filters do not apply: the queue is whatever still waits, and an
    uncategorised request has no category and no team yet."""
    requests = requests_visible_to(viewer).filter(status=ServiceRequest.Status.NEW)
    if filters.campus is not None:
        requests = requests.filter(campus=filters.campus)
    found = requests.aggregate(size=Count("pk"), oldest=Min("submitted_at"))
    return UncategorisedQueue(size=found["size"], oldest_submitted_at=found["oldest"], now=now)
