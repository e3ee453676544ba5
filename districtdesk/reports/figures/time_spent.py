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
from districtdesk.reports.figures import tallied
from districtdesk.reports.figures.scope import related_in_view, requests_in_view
from districtdesk.reports.filters import Filters
from districtdesk.service_requests.models import ServiceRequest, WaitPeriod

WaitingOn = ServiceRequest.WaitingOn
NO_TIME = timedelta()


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
    waits = related_in_view(WaitPeriod.objects.all(), viewer, filters)
    tally = tallied.time_tally(viewer, filters)
    if tally is not None:
        requests = tallied.not_closed(requests)
        waits = tallied.not_closed(waits, through="request")
    found: dict[int | None, dict] = {}

    def add(number: int | None, name: str | None, **amounts) -> None:
        row = found.setdefault(
            number,
            {"name": name or "", "requests": 0, "elapsed": NO_TIME, "vendor": NO_TIME}
            | {"district": NO_TIME},
        )
        for amount, value in amounts.items():
            row[amount] += value or (0 if amount == "requests" else NO_TIME)

    elapsed_rows = (
        requests.values("category__number", "category__name")
        .annotate(
            requests=Count("pk"),
            elapsed=Sum(Coalesce("resolved_at", moment) - F("submitted_at")),
        )
        .order_by()
    )
    for row in elapsed_rows:
        add(
            row["category__number"],
            row["category__name"],
            requests=row["requests"],
            elapsed=row["elapsed"],
        )
    wait_rows = (
        waits.values("request__category__number", "request__category__name", "waiting_on")
        .annotate(spent=Sum(Coalesce("ended_at", moment) - F("started_at")))
        .order_by()
    )
    for row in wait_rows:
        if row["waiting_on"] in (WaitingOn.VENDOR, WaitingOn.DISTRICT):
            add(
                row["request__category__number"],
                row["request__category__name"],
                **{row["waiting_on"]: row["spent"]},
            )
    if tally is not None:
        tallied_rows = (
            tally.values("category__number", "category__name")
            .annotate(
                requests=Sum("requests"),
                elapsed=Sum("elapsed"),
                vendor=Sum("vendor"),
                district=Sum("district"),
            )
            .order_by()
        )
        for row in tallied_rows:
            add(
                row["category__number"],
                row["category__name"],
                **{name: row[name] for name in ("requests", "elapsed", "vendor", "district")},
            )
    spent = [
        TimeSpent(
            category_number=number,
            category_name=row["name"],
            requests=row["requests"],
            elapsed=row["elapsed"],
            vendor=row["vendor"],
            district=row["district"],
        )
        for number, row in found.items()
        if row["requests"]
    ]
    return sorted(spent, key=lambda row: (row.category_number is None, row.category_number or 0))
