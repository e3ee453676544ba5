"""Read queries for service requests: the queues, a person's own requests, one request's page.

Every queue starts from the viewer's policy scope, orders overdue work first and then by
due time, and costs the same handful of queries at any size.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import BooleanField, Case, F, Prefetch, Q, QuerySet, Value, When

from districtdesk import sla
from districtdesk.core.calendars import last_uncategorised_review_due, next_uncategorised_review
from districtdesk.core.models import Person
from districtdesk.service_requests.models import (
    Attachment,
    Note,
    QueueReview,
    ServiceRequest,
    Target,
    WaitPeriod,
)
from districtdesk.service_requests.policies import requests_visible_to

Status = ServiceRequest.Status


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
    """Approved exceptions first, then overdue work, then by due time, then requests
    without a deadline.

    Ordering by the due time gives "overdue first" by itself (every overdue deadline is
    earlier than every other), and (queue_rank, due_at) lets the database read a team's
    queue straight from its index. Scheduled maintenance (category 5) has no resolve SLA,
    so once acknowledged it has no deadline and waits behind all timed work, overdue work
    included, unless a supervisor approved working it ahead (queue_rank 0; seed 003,
    category 5, item 4).
    """
    return requests.annotate(
        is_overdue=Case(
            When(due_at__lt=now, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by("queue_rank", F("due_at").asc(nulls_last=True), "submitted_at", "pk")


def open_requests_for(viewer: Person) -> QuerySet[ServiceRequest]:
    return requests_visible_to(viewer).filter(status__in=ServiceRequest.OPEN_STATUSES)


def uncategorised_queue(viewer: Person, *, now: datetime) -> QuerySet[ServiceRequest]:
    return _for_lists(_queue_order(requests_visible_to(viewer).filter(status=Status.NEW), now))


def team_queue(viewer: Person, *, now: datetime) -> QuerySet[ServiceRequest]:
    # Ids, not a subquery: the planner then reads the queue from the team's index.
    team_ids = viewer.team_ids
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
    waits = WaitPeriod.objects.select_related("started_by", "ended_by")
    requests = _for_lists(requests_visible_to(viewer).filter(pk=pk)).select_related(
        "entered_by", "worked_ahead_approved_by"
    )
    return requests.prefetch_related(
        Prefetch("targets", queryset=Target.objects.select_related("calendar")),
        Prefetch("waits", queryset=waits),
        Prefetch("notes", queryset=notes),
        Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by", "note")),
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


@dataclass(frozen=True)
class ReviewCadence:
    """Where the uncategorised queue's odd-hour reviews stand at a moment."""

    last: QueueReview | None
    due_since: datetime | None  # the odd hour whose review has not happened yet
    next_due: datetime | None  # the next odd hour, once the current one is done


def review_cadence(calendar: sla.BusinessCalendar | None, *, now: datetime) -> ReviewCadence:
    last = QueueReview.objects.select_related("reviewed_by").first()
    if calendar is None:
        return ReviewCadence(last=last, due_since=None, next_due=None)
    latest_mark = last_uncategorised_review_due(calendar, now)
    if latest_mark is not None and (last is None or last.reviewed_at < latest_mark):
        return ReviewCadence(last=last, due_since=latest_mark, next_due=None)
    after = now if latest_mark is None or now > latest_mark else now + timedelta(minutes=1)
    return ReviewCadence(
        last=last, due_since=None, next_due=next_uncategorised_review(calendar, after)
    )
