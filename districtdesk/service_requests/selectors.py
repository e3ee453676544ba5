"""Read queries for service requests: the queues, a person's own requests, one request's page.

Every queue starts from the viewer's policy scope, orders overdue work first and then by
due time, and costs the same handful of queries at any size.
"""

from datetime import datetime

from django.db.models import BooleanField, Case, F, Prefetch, Q, QuerySet, Value, When

from districtdesk.core.models import Person
from districtdesk.service_requests.models import Note, ServiceRequest, Target
from districtdesk.service_requests.policies import requests_visible_to

Status = ServiceRequest.Status
SCHEDULED_MAINTENANCE = 5  # the chart's category number (seed 003)


def _for_lists(requests: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
    return requests.select_related(
        "requester",
        "campus",
        "room",
        "system",
        "category",
        "priority__category",
        "team",
        "assignee",
    )


def _queue_order(requests: QuerySet[ServiceRequest], now: datetime) -> QuerySet[ServiceRequest]:
    """Overdue first; then ordinary work by due time; scheduled maintenance (category 5)
    after overdue work (seed 003, category 5, item 4); requests without a deadline last."""
    return requests.annotate(
        is_overdue=Case(When(due_at__lt=now, then=Value(True)), default=Value(False)),
        is_scheduled=Case(
            When(category__number=SCHEDULED_MAINTENANCE, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    ).order_by(
        F("is_overdue").desc(), "is_scheduled", F("due_at").asc(nulls_last=True), "submitted_at"
    )


def open_requests_for(viewer: Person) -> QuerySet[ServiceRequest]:
    return requests_visible_to(viewer).filter(status__in=ServiceRequest.OPEN_STATUSES)


def uncategorised_queue(viewer: Person, *, now: datetime) -> QuerySet[ServiceRequest]:
    return _for_lists(_queue_order(requests_visible_to(viewer).filter(status=Status.NEW), now))


def team_queue(viewer: Person, *, now: datetime) -> QuerySet[ServiceRequest]:
    team_ids = viewer.team_memberships.values("team_id")
    return _for_lists(_queue_order(open_requests_for(viewer).filter(team_id__in=team_ids), now))


def my_queue(viewer: Person, *, now: datetime) -> QuerySet[ServiceRequest]:
    return _for_lists(_queue_order(open_requests_for(viewer).filter(assignee=viewer), now))


def overdue_queue(viewer: Person, *, now: datetime) -> QuerySet[ServiceRequest]:
    return _for_lists(_queue_order(open_requests_for(viewer).filter(due_at__lt=now), now))


def my_requests(viewer: Person) -> QuerySet[ServiceRequest]:
    """What a requester submitted (or had entered for them), newest first."""
    return _for_lists(ServiceRequest.objects.filter(requester=viewer)).order_by("-submitted_at")


def request_for_page(viewer: Person, pk: int) -> QuerySet[ServiceRequest]:
    """One request with everything its page shows; empty if the viewer may not see it."""
    notes = Note.objects.select_related("author").order_by("created_at")
    return _for_lists(requests_visible_to(viewer).filter(pk=pk)).prefetch_related(
        Prefetch("targets", queryset=Target.objects.select_related("calendar")),
        "waits",
        Prefetch("notes", queryset=notes),
    )


def parse_number(text: str) -> int | None:
    """'SR-000123', 'sr-123' or '123' → 123; anything else None."""
    cleaned = text.strip().upper().removeprefix("SR-").removeprefix("SR")
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    return int(cleaned) if cleaned.isdecimal() and len(cleaned) <= 18 else None


def search(requests: QuerySet[ServiceRequest], text: str) -> QuerySet[ServiceRequest]:
    number = parse_number(text)
    match = Q(summary__icontains=text) | Q(asset_tag__iexact=text.strip())
    if number is not None:
        match |= Q(pk=number)
    return requests.filter(match)
