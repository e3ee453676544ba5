"""The Business Office's figures over technology requests: ordered money by budget code and
funding source, the requests waiting in each step of the chain and for how long, the money
waiting for funding, and the time from approval to the order.

Every figure is one GROUP BY (or one aggregate) over the technology requests the viewer may
see (acquisitions.policies), so it costs the same at any size. The amounts are summed by the
database from the quote lines (quantity × unit price).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, TruncMonth
from django.utils import timezone

from districtdesk.acquisitions.models import Quote, QuoteLine, TechnologyRequest
from districtdesk.acquisitions.policies import visible_to
from districtdesk.core.models import Person
from districtdesk.reports.filters import district_zone

Status = TechnologyRequest.Status
OPEN_STATUSES = tuple(TechnologyRequest.OPEN_STATUSES)
AMOUNT = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=AMOUNT)
# How long a request has been in its step (status_changed_at → now), in days of elapsed
# time: [first, last) of each band; None: no upper end.
AGE_BANDS: tuple[tuple[int, int | None], ...] = ((0, 2), (2, 5), (5, 10), (10, 30), (30, None))
DAY = timedelta(days=1)


@dataclass(frozen=True)
class PurchaseScope:
    """The funding window (funded at or after `funded_from`, before `funded_until`), the
    service request's campus and the funding source; None: not narrowed."""

    funded_from: datetime | None = None
    funded_until: datetime | None = None
    campus_id: int | None = None
    funding: str | None = None


def requests_in_view(viewer: Person, scope: PurchaseScope, *, now: datetime):
    requests = visible_to(viewer, timezone.localdate(now))
    if scope.campus_id is not None:
        requests = requests.filter(service_request__campus_id=scope.campus_id)
    return requests


def _funded(requests: QuerySet[TechnologyRequest], scope: PurchaseScope):
    requests = requests.exclude(funded_at=None)
    if scope.funded_from is not None:
        requests = requests.filter(funded_at__gte=scope.funded_from)
    if scope.funded_until is not None:
        requests = requests.filter(funded_at__lt=scope.funded_until)
    if scope.funding is not None:
        requests = requests.filter(funding=scope.funding)
    return requests


def month_of(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _money(value) -> float:
    return round(float(value or 0), 2)


# --- Spend by budget code and funding source ---------------------------------------------


@dataclass(frozen=True)
class SpendRow:
    funding: str
    budget_code: str
    requests: int
    amount: float


def spend_by_budget_code(viewer: Person, scope: PurchaseScope, *, now: datetime) -> list[SpendRow]:
    """Per funding source and budget code: the requests funded in the window and the amount
    ordered, the sum of each one's chosen quote's lines. One query over the quote lines."""
    funded = _funded(requests_in_view(viewer, scope, now=now), scope)
    rows = (
        QuoteLine.objects.filter(
            quote__technology_request__in=funded.values("pk"),
            quote_id=F("quote__technology_request__chosen_quote_id"),
        )
        .values(
            funding=F("quote__technology_request__funding"),
            budget_code=F("quote__technology_request__budget_code"),
        )
        .annotate(
            requests=Count("quote__technology_request_id", distinct=True),
            amount=Sum(F("quantity") * F("unit_price"), output_field=AMOUNT),
        )
        .order_by("budget_code", "funding")
    )
    return [
        SpendRow(row["funding"], row["budget_code"], row["requests"], _money(row["amount"]))
        for row in rows
    ]


# --- Requests waiting in each step -------------------------------------------------------


def _band_q(first: int, last: int | None, now: datetime, field: str = "status_changed_at") -> Q:
    """In the step at least `first` days and less than `last` days at `now`."""
    condition = Q(**{f"{field}__lte": now - first * DAY})
    if last is not None:
        condition &= Q(**{f"{field}__gt": now - last * DAY})
    return condition


def age_in_days(since: datetime | None, now: datetime) -> int | None:
    """Whole days elapsed since `since` (what the bands count in)."""
    return None if since is None else (now - since) // DAY


@dataclass(frozen=True)
class StepRow:
    status: str
    by_band: tuple[int, ...]
    oldest_since: datetime | None

    @property
    def total(self) -> int:
        return sum(self.by_band)


def waiting_by_step(viewer: Person, scope: PurchaseScope, *, now: datetime) -> list[StepRow]:
    """Every open step, in the chain's order (those with none included): how many requests
    are in it now, by how long they have been in it, and since when the oldest has."""
    bands = {
        f"band_{position}": Count("pk", filter=_band_q(first, last, now))
        for position, (first, last) in enumerate(AGE_BANDS)
    }
    found = {
        row["status"]: row
        for row in requests_in_view(viewer, scope, now=now)
        .filter(status__in=OPEN_STATUSES)
        .values("status")
        .annotate(**bands, oldest=Min("status_changed_at"))
        .order_by("status")
    }
    empty = {"oldest": None, **dict.fromkeys(bands, 0)}
    return [
        StepRow(
            status=status,
            by_band=tuple(found.get(status, empty)[name] for name in bands),
            oldest_since=found.get(status, empty)["oldest"],
        )
        for status in OPEN_STATUSES
    ]


# --- Money waiting for funding -----------------------------------------------------------


def _lowest_quote() -> Subquery:
    """The total of a request's cheapest quote."""
    quotes = (
        Quote.objects.filter(technology_request=OuterRef("pk"))
        .annotate(total=Coalesce(Sum(F("lines__quantity") * F("lines__unit_price")), ZERO))
        .order_by("total", "pk")
        .values("total")[:1]
    )
    return Subquery(quotes, output_field=AMOUNT)


@dataclass(frozen=True)
class FundingBand:
    first: int
    last: int | None
    requests: int
    amount: float


def awaiting_funding(viewer: Person, scope: PurchaseScope, *, now: datetime) -> list[FundingBand]:
    """Requests awaiting funding, by how long they have waited: how many, and the money
    they ask for, each at its lowest quote. One aggregate query."""
    counts = {}
    for position, (first, last) in enumerate(AGE_BANDS):
        in_band = _band_q(first, last, now)
        counts[f"requests_{position}"] = Count("pk", filter=in_band)
        counts[f"amount_{position}"] = Coalesce(Sum("lowest", filter=in_band), ZERO)
    totals = (
        requests_in_view(viewer, scope, now=now)
        .filter(status=Status.AWAITING_FUNDING)
        .annotate(lowest=Coalesce(_lowest_quote(), ZERO))
        .aggregate(**counts)
    )
    return [
        FundingBand(
            first, last, totals[f"requests_{position}"], _money(totals[f"amount_{position}"])
        )
        for position, (first, last) in enumerate(AGE_BANDS)
    ]


# --- Approved to ordered -----------------------------------------------------------------


@dataclass(frozen=True)
class MonthMedian:
    month: date
    funded: int
    median_days: float | None


def approval_to_order(
    viewer: Person, scope: PurchaseScope, *, now: datetime, months: list[date]
) -> list[MonthMedian]:
    """Per month of funding (the district's calendar), the median days from the supervisor's
    approval to the Business Office's funding. One query: each month's requests are ranked
    by that time, and only the one or two middle ones of each month are read."""
    zone = district_zone()
    took = ExpressionWrapper(F("funded_at") - F("decided_at"), output_field=DurationField())
    month = TruncMonth("funded_at", tzinfo=zone)
    middle = (
        _funded(requests_in_view(viewer, scope, now=now), scope)
        .exclude(decided_at=None)
        .annotate(
            month=month,
            took=took,
            position=Window(RowNumber(), partition_by=[month], order_by=[took.asc(), "pk"]),
            funded=Window(Count("pk"), partition_by=[month]),
        )
        # The middle of n ranked rows: 2 × position between n and n + 2 (one row when n is
        # odd, two when it is even).
        .filter(position__gte=F("funded") / 2.0, position__lte=F("funded") / 2.0 + 1)
        .values("month", "took", "funded")
    )
    found: dict[date, tuple[int, list[timedelta]]] = {}
    for row in middle:  # at most two rows a month
        found.setdefault(month_of(row["month"]), (row["funded"], []))[1].append(row["took"])
    result = []
    for first_day in months:
        funded, middles = found.get(first_day, (0, []))
        median = sum(middles, timedelta()) / len(middles) / DAY if middles else None
        result.append(MonthMedian(first_day, funded, None if median is None else round(median, 1)))
    return result
