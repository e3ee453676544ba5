"""The weekly Change Control meeting: planning it, building its agenda, opening it, taking
attendance and closing it, which makes the changes it approved eligible (seed 000)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.changes import policies, rules, selectors, workflow
from districtdesk.changes.lock_objects import lock_change, lock_meeting
from districtdesk.changes.models import AgendaItem, ChangeRequest, Meeting
from districtdesk.changes.services.decisions import add_to_agenda, require_meeting_model
from districtdesk.changes.services.submission import refuse
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person


def _coordinator(actor: Person) -> None:
    refuse(policies.can_coordinate(actor), _("The change coordinator runs the meeting."))


@transaction.atomic
def plan_meeting(
    *, actor: Person, scheduled_for: datetime | None = None, now: datetime | None = None
) -> Meeting:
    """Plan a meeting; by default the district's next regular one."""
    _coordinator(actor)
    require_meeting_model()
    now = now or timezone.now()
    settings_row = selectors.current_settings()
    scheduled_for = scheduled_for or rules.next_meeting_at(now, selectors.policy(settings_row))
    if not (rules.EARLIEST <= scheduled_for <= rules.LATEST):
        raise DomainError(
            _("Plan the meeting between %(earliest)s and %(latest)s.")
            % {"earliest": rules.EARLIEST.year, "latest": rules.LATEST.year},
            code="out_of_range",
            field="scheduled_for",
        )
    if Meeting.objects.filter(scheduled_for=scheduled_for).exists():
        raise DomainError(
            _("A meeting is already planned for that time."),
            code="meeting_exists",
            field="scheduled_for",
        )
    meeting = Meeting.objects.create(scheduled_for=scheduled_for, room=settings_row.meeting_room)
    record_event(
        meeting,
        actor=actor,
        code="meeting.planned",
        occurred_at=now,
        scheduled_for=f"{timezone.localtime(scheduled_for):%Y-%m-%d %H:%M}",
    )
    return meeting


@transaction.atomic
def build_agenda(meeting: Meeting, *, actor: Person, now: datetime | None = None) -> Meeting:
    """Add everything the meeting should discuss and is not yet on its agenda."""
    _coordinator(actor)
    now = now or timezone.now()
    meeting = lock_meeting(meeting)
    workflow.check_meeting(meeting, "build_agenda")
    candidates = selectors.agenda_candidates(meeting)
    for change, _purpose in candidates:
        add_to_agenda(meeting, lock_change(change), actor=actor, now=now)
    record_event(
        meeting, actor=actor, code="meeting.agenda_built", occurred_at=now, added=len(candidates)
    )
    return meeting


def _require_its_time(meeting: Meeting, now: datetime, step: str) -> None:
    """A meeting opens (and closes) at its time, or at most the district's grace before."""
    grace = timedelta(minutes=selectors.current_settings().meeting_grace_minutes)
    if now >= meeting.scheduled_for - grace:
        return
    when = f"{timezone.localtime(meeting.scheduled_for - grace):%Y-%m-%d %H:%M}"
    message = (
        _("The meeting can be opened from %(when)s, %(minutes)s minutes before its time.")
        if step == "open"
        else _("The meeting can be closed from %(when)s, %(minutes)s minutes before its time.")
    )
    raise DomainError(
        message % {"when": when, "minutes": int(grace.total_seconds() // 60)},
        code="meeting_too_early",
        field="scheduled_for",
    )


@transaction.atomic
def open_meeting(meeting: Meeting, *, actor: Person, now: datetime | None = None) -> Meeting:
    _coordinator(actor)
    now = now or timezone.now()
    meeting = lock_meeting(meeting)
    after = workflow.check_meeting(meeting, "open")
    _require_its_time(meeting, now, "open")
    meeting.status, meeting.opened_at = after, now
    meeting.save(update_fields=["status", "opened_at"])
    record_event(meeting, actor=actor, code="meeting.opened", occurred_at=now)
    return meeting


@transaction.atomic
def record_attendance(
    meeting: Meeting,
    *,
    actor: Person,
    attendees: list[Person],
    minutes: str | None = None,
    now: datetime | None = None,
) -> Meeting:
    """Who is present (the quorum is read from it), and the minutes so far."""
    _coordinator(actor)
    meeting = lock_meeting(meeting)
    workflow.check_meeting(meeting, "record_attendance")
    meeting.attendees.set(attendees)
    if minutes is not None:
        meeting.minutes = minutes
        meeting.save(update_fields=["minutes"])
    record_event(
        meeting,
        actor=actor,
        code="meeting.attendance_recorded",
        occurred_at=now or timezone.now(),
        present=len(attendees),
        attendee_ids=sorted(person.pk for person in attendees),
    )
    return meeting


@transaction.atomic
def close_meeting(
    meeting: Meeting, *, actor: Person, minutes: str | None = None, now: datetime | None = None
) -> Meeting:
    """Close the meeting; the changes it approved may now be implemented."""
    _coordinator(actor)
    now = now or timezone.now()
    meeting = lock_meeting(meeting)
    after = workflow.check_meeting(meeting, "close")
    _require_its_time(meeting, now, "close")
    undecided = meeting.items.filter(purpose=AgendaItem.Purpose.DECIDE, decision="")
    if undecided.exists():
        numbers = ", ".join(item.change.number for item in undecided.select_related("change"))
        raise DomainError(
            _("Approve, deny or defer every change for decision first: %(numbers)s.")
            % {"numbers": numbers},
            code="undecided_items",
        )
    approved = ChangeRequest.objects.filter(
        agenda_items__meeting=meeting,
        agenda_items__decision=AgendaItem.Decision.APPROVE,
        status=ChangeRequest.Status.APPROVED,
    )
    approved_count = approved.update(eligible_at=now)
    meeting.status, meeting.closed_at = after, now
    if minutes is not None:
        meeting.minutes = minutes
    meeting.save(update_fields=["status", "closed_at", "minutes"])
    record_event(
        meeting, actor=actor, code="meeting.closed", occurred_at=now, approved=approved_count
    )
    return meeting


@transaction.atomic
def publish_agenda(
    meeting: Meeting, *, actor: Person | None = None, now: datetime | None = None
) -> bool:
    """Bring a planned meeting's agenda up to date and publish it, once: the committee is
    told (notification rules on `meeting.agenda_published`). The clock publishes it the
    settings' lead time before the meeting; False if it was already published or the
    meeting is no longer planned."""
    now = now or timezone.now()
    meeting = lock_meeting(meeting)
    if meeting.agenda_published_at is not None or meeting.status != Meeting.Status.PLANNED:
        return False
    candidates = selectors.agenda_candidates(meeting)
    for change, _purpose in candidates:
        add_to_agenda(meeting, lock_change(change), actor=actor, now=now)
    meeting.agenda_published_at = now
    meeting.save(update_fields=["agenda_published_at"])
    record_event(
        meeting,
        actor=actor,
        code="meeting.agenda_published",
        occurred_at=now,
        scheduled_for=f"{timezone.localtime(meeting.scheduled_for):%Y-%m-%d %H:%M}",
        added=len(candidates),
        items=meeting.items.count(),
    )
    return True


@transaction.atomic
def prepare_meeting(
    *, actor: Person, scheduled_for: datetime | None = None, now: datetime | None = None
) -> Meeting:
    """Plan a meeting and build its agenda at once: what the coordinator's page offers,
    so the agenda is ready the moment the meeting exists."""
    meeting = plan_meeting(actor=actor, scheduled_for=scheduled_for, now=now)
    return build_agenda(meeting, actor=actor, now=now)
