"""Where a request's time went, per category: waiting on a vendor, waiting on the district
(or the requester), and the rest, working time.

Times are wall-clock hours, not business hours: from submission to resolution (or to now
for a request still open), and each wait from its start to its end (or to now). A request
that was resolved and reopened counts from submission to its latest resolution. The
category is the request's current one.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, DateTimeField, F, Sum, Value
from django.db.models.functions import Coalesce

from districtdesk.core.models import Person
from districtdesk.reports.figures.scope import related_in_view, requests_in_view
from districtdesk.reports.filters import Filters
from districtdesk.service_requests.models import ServiceRequest, WaitPeriod

WaitingOn = ServiceRequest.WaitingOn


def hours(span: timedelta | None) -> float:
    return round((span or timedelta()).total_seconds() / 3600, 1)


@dataclass(frozen=True)
class TimeSpent:
    category_number: int | None
    category_name: str
    requests: int
    elapsed: timedelta
    vendor: timedelta
    district: timedelta

    @property
    def working(self) -> timedelta:
        return self.elapsed - self.vendor - self.district


def time_spent_by_category(viewer: Person, filters: Filters, *, now: datetime) -> list[TimeSpent]:
    """Two queries: elapsed time per category, then waits per category and kind."""
    moment = Value(now, output_field=DateTimeField())
    requests = requests_in_view(viewer, filters)
    elapsed_rows = (
        requests.values("category__number", "category__name")
        .annotate(
            requests=Count("pk"),
            elapsed=Sum(Coalesce("resolved_at", moment) - F("submitted_at")),
        )
        .order_by()
    )
    wait_rows = (
        related_in_view(WaitPeriod.objects.all(), viewer, filters)
        .values("request__category__number", "waiting_on")
        .annotate(spent=Sum(Coalesce("ended_at", moment) - F("started_at")))
        .order_by()
    )
    waits = {
        (row["request__category__number"], row["waiting_on"]): row["spent"] for row in wait_rows
    }
    spent = [
        TimeSpent(
            category_number=row["category__number"],
            category_name=row["category__name"] or "",
            requests=row["requests"],
            elapsed=row["elapsed"] or timedelta(),
            vendor=waits.get((row["category__number"], WaitingOn.VENDOR)) or timedelta(),
            district=waits.get((row["category__number"], WaitingOn.DISTRICT)) or timedelta(),
        )
        for row in elapsed_rows
    ]
    return sorted(spent, key=lambda row: (row.category_number is None, row.category_number or 0))
