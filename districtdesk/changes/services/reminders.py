"""What the change-control clock says by itself, each once per occasion: the agenda of
each planned meeting, published the settings' lead time before it (the committee is told),
and the weekly reminder to the coordinator of the changes waiting for their review.

Publishing is made once by the meeting's `agenda_published_at`; the weekly reminder by a
ChangeReminder row whose unique key names the week. Both are periodic jobs registered in
apps.py; running them twice, or on two schedulers at once, does each thing once."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction

from districtdesk.activity.events import record_event
from districtdesk.changes import selectors
from districtdesk.changes.models import (
    ChangeControlSettings,
    ChangeReminder,
    ChangeRequest,
    Meeting,
)
from districtdesk.changes.services.meetings import publish_agenda

# The weekly reminder goes out on the meeting's weekday from this hour, district time.
REMINDER_HOUR = 8


def meetings_to_publish(now: datetime, settings_row: ChangeControlSettings):
    lead = timedelta(hours=settings_row.agenda_lead_hours)
    return Meeting.objects.filter(
        status=Meeting.Status.PLANNED,
        agenda_published_at__isnull=True,
        scheduled_for__lte=now + lead,
    ).order_by("scheduled_for", "pk")


def publish_due_agendas(now: datetime) -> int:
    """The periodic job: publish every planned meeting's agenda whose time has come."""
    settings_row = selectors.current_settings()
    if settings_row.approval_model != ChangeControlSettings.ApprovalModel.MEETING:
        return 0
    return sum(
        publish_agenda(meeting, now=now) for meeting in meetings_to_publish(now, settings_row)
    )


def awaiting_review():
    return ChangeRequest.objects.filter(status=ChangeRequest.Status.COMPLETED).order_by(
        "completed_at", "planned_end", "pk"
    )


def review_reminder_key(now: datetime, settings_row: ChangeControlSettings) -> str | None:
    """The week's occasion, once its day and hour have come; None before then."""
    local = now.astimezone(ZoneInfo(django_settings.TIME_ZONE))
    year, week, weekday = local.isocalendar()
    if weekday - 1 < settings_row.meeting_weekday:
        return None
    if weekday - 1 == settings_row.meeting_weekday and local.time() < time(REMINDER_HOUR):
        return None
    return f"awaiting_review:{year}-W{week:02d}"


def remind_of_reviews(now: datetime) -> int:
    """The periodic job: once a week, tell the coordinator which changes wait for their
    review (the notification rule on `change.review_reminder`). Nothing waiting, no
    reminder; 1 if this run reminded."""
    settings_row = selectors.current_settings()
    key = review_reminder_key(now, settings_row)
    if key is None or ChangeReminder.objects.filter(key=key).exists():
        return 0
    numbers = [change.number for change in awaiting_review().only("pk")]
    if not numbers:
        return 0
    try:
        with transaction.atomic():
            event = record_event(
                settings_row,
                actor=None,
                code="change.review_reminder",
                occurred_at=now,
                count=len(numbers),
                numbers=", ".join(numbers),
            )
            ChangeReminder.objects.create(key=key, event=event, created_at=now)
    except IntegrityError:
        return 0  # a concurrent run reminded first
    return 1
