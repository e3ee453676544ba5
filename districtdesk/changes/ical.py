"""The change calendar as iCalendar (RFC 5545), for Google and Outlook to subscribe to.

Every VEVENT has a stable UID and a DTSTAMP; its SEQUENCE is the number of events in the
change's or meeting's history, which rises with every edit and step, so subscribers replace
what they hold. A denied change is STATUS:CANCELLED; a decided one CONFIRMED, one still
waiting for its decision TENTATIVE."""

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, IntegerField, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce
from icalendar import Calendar, Event

from districtdesk.activity.models import Event as ActivityEvent
from districtdesk.changes.models import ChangeRequest, Meeting

Status = ChangeRequest.Status
TENTATIVE = (Status.SUBMITTED, Status.ON_AGENDA, Status.DEFERRED)
MEETING_LENGTH = timedelta(hours=1)
PRODUCT = "-//DistrictDesk//Change calendar//EN"


def with_history(rows: QuerySet, model: type[Model]) -> QuerySet:
    """Each row with how many events its history holds and when the last one happened."""
    history = ActivityEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(model),
        subject_id=Cast(OuterRef("pk"), CharField()),
    )
    return rows.annotate(
        revisions=Coalesce(
            Subquery(
                history.order_by().values("subject_id").annotate(n=Count("pk")).values("n")[:1],
                output_field=IntegerField(),
            ),
            0,
        ),
        revised_at=Subquery(history.order_by("-occurred_at").values("occurred_at")[:1]),
    )


def _status(change: ChangeRequest) -> str:
    if change.status == Status.DENIED:
        return "CANCELLED"
    return "TENTATIVE" if change.status in TENTATIVE else "CONFIRMED"


def _change_event(change: ChangeRequest, host: str, base_url: str) -> Event:
    event = Event()
    event.add("uid", f"change-{change.pk}@{host}")
    event.add("dtstamp", change.revised_at or change.created_at)
    event.add("last-modified", change.revised_at or change.created_at)
    event.add("sequence", change.revisions)
    event.add("dtstart", change.planned_start)
    event.add("dtend", change.planned_end)
    event.add("summary", f"{change.number} {change.title}")
    affects = [system.name for system in change.systems.all()]
    affects += [campus.name for campus in change.campuses.all()]
    event.add(
        "description",
        f"{change.get_change_type_display()} · {change.get_status_display()}\n"
        f"{', '.join(affects)}\n\n{change.description}",
    )
    event.add("status", _status(change))
    event.add("url", f"{base_url}/changes/{change.pk}/")
    return event


def _meeting_event(meeting: Meeting, host: str, base_url: str, title: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", meeting.revised_at or meeting.scheduled_for)
    event.add("sequence", meeting.revisions)
    event.add("dtstart", meeting.scheduled_for)
    event.add("dtend", meeting.scheduled_for + MEETING_LENGTH)
    event.add("summary", title)
    if meeting.room:
        event.add("location", meeting.room)
    event.add("status", "CONFIRMED")
    event.add("url", f"{base_url}/changes/meetings/{meeting.pk}/")
    return event


def calendar_bytes(
    changes: QuerySet[ChangeRequest],
    meetings: QuerySet[Meeting],
    *,
    host: str,
    base_url: str,
    name: str,
    meeting_title: str,
) -> bytes:
    """Changes and meetings, each queryset already scoped; history is annotated here."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for change in with_history(changes, ChangeRequest):
        calendar.add_component(_change_event(change, host, base_url))
    for meeting in with_history(meetings, Meeting):
        calendar.add_component(_meeting_event(meeting, host, base_url, meeting_title))
    return calendar.to_ical()


def feed_span(now: datetime) -> tuple[datetime, datetime]:
    """The feed covers a quarter back and a year ahead: what a calendar app shows."""
    return now - timedelta(days=92), now + timedelta(days=366)
