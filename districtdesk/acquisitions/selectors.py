"""Read queries: the reviewer's queue, the approvals inbox, the Business Office's funding
queue, the receiving list and a person's own requests, each through the policy and with a
constant number of queries."""

from datetime import date

from django.db.models import Count, DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from districtdesk.acquisitions import policies
from districtdesk.acquisitions.models import Quote, QuoteLine, ReceivedItem, TechnologyRequest
from districtdesk.core.models import Person

Status = TechnologyRequest.Status
LIST_RELATED = (
    "service_request__campus",
    "service_request__room",
    "service_request__priority__category",
    "service_request__team",
    "requester",
    "requested_for",
    "approver",
    "standard_item",
    "asset_type",
)
ZERO = Value(0, output_field=DecimalField(max_digits=14, decimal_places=2))


def listed(requests: QuerySet[TechnologyRequest]) -> QuerySet[TechnologyRequest]:
    return requests.select_related(*LIST_RELATED)


def visible(person: Person, today: date) -> QuerySet[TechnologyRequest]:
    return listed(policies.visible_to(person, today))


def mine(person: Person) -> QuerySet[TechnologyRequest]:
    return listed(TechnologyRequest.objects.filter(requester=person)).order_by("-pk")


def review_queue(person: Person, today: date) -> QuerySet[TechnologyRequest]:
    """Requests waiting on the technology team (review, quotes, deployment) that the person
    sees, oldest in its step first."""
    steps = (Status.IN_REVIEW, Status.QUOTING, Status.RECEIVED, Status.DEPLOYING)
    return visible(person, today).filter(status__in=steps).order_by("status_changed_at", "pk")


def approvals_for(person: Person, today: date) -> QuerySet[TechnologyRequest]:
    """The supervisor's inbox: what waits on them or on someone who delegated to them."""
    return (
        listed(TechnologyRequest.objects.filter(policies.approver_q(person, today)))
        .filter(status=Status.AWAITING_APPROVAL)
        .order_by("forwarded_at", "pk")
    )


def with_amount(quotes: QuerySet[Quote]) -> QuerySet[Quote]:
    return quotes.annotate(
        amount=Coalesce(Sum(F("lines__quantity") * F("lines__unit_price")), ZERO)
    )


def funding_queue(person: Person, today: date) -> QuerySet[TechnologyRequest]:
    return (
        visible(person, today)
        .filter(status=Status.AWAITING_FUNDING)
        .prefetch_related("quotes__lines")
        .order_by("status_changed_at", "pk")
    )


def ordered(person: Person, today: date) -> QuerySet[TechnologyRequest]:
    """Orders awaiting delivery: the receiving list."""
    return (
        visible(person, today)
        .filter(status=Status.ORDERED)
        .select_related("chosen_quote")
        .order_by("funded_at", "pk")
    )


def spend_by_fund(person: Person, today: date) -> list[dict]:
    """Ordered money by budget code and funding source: every funded request's ordered quote."""
    return list(
        QuoteLine.objects.filter(
            quote__technology_request__in=policies.visible_to(person, today).exclude(funded_at=None)
        )
        .filter(quote_id=F("quote__technology_request__chosen_quote"))
        .values(
            budget_code=F("quote__technology_request__budget_code"),
            funding=F("quote__technology_request__funding"),
        )
        .annotate(
            requests=Count("quote__technology_request", distinct=True),
            amount=Sum(F("quantity") * F("unit_price")),
        )
        .order_by("funding", "budget_code")
    )


def lines_with_progress(request: TechnologyRequest) -> QuerySet[QuoteLine]:
    return (
        QuoteLine.objects.filter(quote=request.chosen_quote_id)
        .select_related("asset_model__manufacturer")
        .annotate(received_count=Count("received"))
        .order_by("pk")
    )


# --- Added for the pages ---------------------------------------------------------------


def _lowest_quote() -> Subquery:
    """The amount of a request's cheapest quote, for annotating a queue of requests."""
    quotes = (
        with_amount(Quote.objects.filter(technology_request=OuterRef("pk")))
        .order_by("amount")
        .values("amount")[:1]
    )
    return Subquery(quotes, output_field=DecimalField(max_digits=14, decimal_places=2))


def funding_waiting(person: Person, today: date) -> dict:
    """How many requests wait for funding and the money they ask for (each at its
    cheapest quote)."""
    return (
        visible(person, today)
        .filter(status=Status.AWAITING_FUNDING)
        .annotate(lowest=_lowest_quote())
        .aggregate(count=Count("pk"), amount=Coalesce(Sum("lowest"), ZERO))
    )


def receiving_list(person: Person, today: date) -> QuerySet[TechnologyRequest]:
    """Orders awaiting delivery, each with how many items it ordered and how many came."""
    lines = QuoteLine.objects.filter(quote=OuterRef("chosen_quote"))
    ordered_count = lines.values("quote").annotate(total=Sum("quantity")).values("total")
    received_count = (
        ReceivedItem.objects.filter(line__quote=OuterRef("chosen_quote"))
        .values("line__quote")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return ordered(person, today).annotate(
        ordered_count=Coalesce(Subquery(ordered_count), 0),
        received_count=Coalesce(Subquery(received_count), 0),
    )
