"""Reminders the clock gives, each once per occasion: a target about to breach or breached,
the weekly status note due on scheduled maintenance, and the uncategorised queue's odd-hour
review.

Each reminder is an event on the request (so its history shows who was reminded of what),
written with a Reminder row whose unique key names the occasion: the target or request and
the due time. Running the tick twice, or on two schedulers at once, reminds once; a due
time that moves (a pause, a reopen) is a new occasion."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districtdesk import sla
from districtdesk.activity.events import record_event
from districtdesk.core.calendars import to_sla_calendar
from districtdesk.notifications.models import Reminder
from districtdesk.service_requests import clock
from districtdesk.service_requests.models import ServiceRequest, Target
from districtdesk.service_requests.selectors import review_cadence

Kind = Target.Kind

# How long before a target's due time its warning goes out.
WARN_BEFORE = {
    Kind.CATEGORISE: timedelta(minutes=30),
    Kind.ACKNOWLEDGE: timedelta(hours=2),
    Kind.RESOLVE: timedelta(hours=2),
}

LABELS = {
    "request.categorise_due_soon": _("Reminder: categorise %(number)s by %(due)s"),
    "request.categorise_breached": _("Reminder: %(number)s was not categorised by %(due)s"),
    "request.acknowledge_due_soon": _("Reminder: acknowledge %(number)s by %(due)s"),
    "request.acknowledge_breached": _("Reminder: %(number)s was not acknowledged by %(due)s"),
    "request.resolve_due_soon": _("Reminder: resolve %(number)s by %(due)s"),
    "request.resolve_breached": _("Reminder: %(number)s was not resolved by %(due)s"),
    "request.status_note_due": _("Reminder: the weekly status note on %(number)s was due %(due)s"),
    "request.queue_review_due": _(
        "Reminder: the uncategorised queue's review was due at %(due)s; %(number)s has waited "
        "longest"
    ),
}
# A queue review is reminded of only until the next odd hour's review falls due.
QUEUE_REVIEW_REMINDED_FOR = timedelta(hours=2)


@dataclass(frozen=True)
class Occasion:
    key: str
    request: ServiceRequest
    code: str
    due: datetime


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def target_occasions(now: datetime) -> Iterator[Occasion]:
    """Running targets inside their warning window or past due; one query."""
    horizon = now + max(WARN_BEFORE.values())
    targets = (
        Target.objects.filter(
            completed_at__isnull=True,
            due_at__isnull=False,
            due_at__lte=horizon,
            request__status__in=ServiceRequest.OPEN_STATUSES,
        )
        .select_related("request")
        .order_by("due_at", "pk")
    )
    for target in targets:
        if target.due_at <= now:
            occasion = "breached"
        elif target.due_at <= now + WARN_BEFORE[target.kind]:
            occasion = "due_soon"
        else:
            continue
        yield Occasion(
            key=f"{target.kind}_{occasion}:{target.pk}:{int(target.due_at.timestamp())}",
            request=target.request,
            code=f"request.{target.kind}_{occasion}",
            due=target.due_at,
        )


def status_note_occasions(now: datetime) -> Iterator[Occasion]:
    """Scheduled maintenance whose weekly status note is due; one query, on its index."""
    requests = ServiceRequest.objects.filter(
        status_note_due_at__isnull=False,
        status_note_due_at__lte=now,
        status__in=[
            ServiceRequest.Status.OPEN,
            ServiceRequest.Status.IN_PROGRESS,
            ServiceRequest.Status.WAITING,
        ],
    ).order_by("status_note_due_at", "pk")
    for request in requests:
        yield Occasion(
            key=f"status_note:{request.pk}:{int(request.status_note_due_at.timestamp())}",
            request=request,
            code="request.status_note_due",
            due=request.status_note_due_at,
        )


def queue_review_occasions(now: datetime) -> Iterator[Occasion]:
    """The odd-hour review of the uncategorised queue (seed 003, step 4), due in working
    hours and not yet made, while requests wait in the queue: one occasion, on the request
    that has waited longest, for the Customer Care Center's analysts."""
    calendar = to_sla_calendar(clock.default_calendar())
    if calendar is None or not sla.is_working_time(calendar, now):
        return
    due = review_cadence(calendar, now=now).due_since
    if due is None or now - due >= QUEUE_REVIEW_REMINDED_FOR:
        return
    oldest = (
        ServiceRequest.objects.filter(status=ServiceRequest.Status.NEW)
        .order_by("submitted_at", "pk")
        .first()
    )
    if oldest is not None:
        yield Occasion(
            key=f"queue_review:{int(due.timestamp())}",
            request=oldest,
            code="request.queue_review_due",
            due=due,
        )


def remind(occasion: Occasion, *, now: datetime) -> bool:
    """Write the occasion's reminder and its event (which notifies its audience), unless
    another run already did. True if this run reminded."""
    try:
        with transaction.atomic():
            event = record_event(
                occasion.request,
                actor=None,
                code=occasion.code,
                occurred_at=now,
                number=occasion.request.number,
                due=_local(occasion.due),
            )
            Reminder.objects.create(key=occasion.key, event=event, created_at=now)
    except IntegrityError:
        return False  # a concurrent tick got there first; its reminder stands
    return True


def send_reminders(now: datetime) -> int:
    """Every reminder due at `now` that has not been given; returns how many were given."""
    occasions = [
        *target_occasions(now),
        *status_note_occasions(now),
        *queue_review_occasions(now),
    ]
    given = set(
        Reminder.objects.filter(key__in=[o.key for o in occasions]).values_list("key", flat=True)
    )
    return sum(remind(o, now=now) for o in occasions if o.key not in given)
