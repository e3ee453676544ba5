"""The change-control clock, through the periodic registry at pinned times: changes enter
the review queue once their window closes, emergencies always come to a meeting, the agenda
is published ahead of each meeting, and the coordinator hears weekly of changes waiting for
their review. Every job runs twice to show it acts once."""

from datetime import timedelta

import pytest

from districtdesk.activity.models import Event
from districtdesk.changes.models import (
    ChangeControlSettings,
    ChangeReminder,
    ChangeRequest,
    Meeting,
)
from districtdesk.changes.services import implementation, meetings, reminders, review_queue
from districtdesk.core import periodic
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from tests.changes.builders import NEXT_MONDAY_MEETING, TUESDAY, approved, submitted
from tests.service_requests.builders import local

pytestmark = pytest.mark.django_db
Status = ChangeRequest.Status
SATURDAY_NIGHT = local(2027, 2, 20, 20)
WINDOW_CLOSES = local(2027, 2, 20, 23)  # the builders' change ends at 23:00


def codes(subject, code: str) -> int:
    return Event.objects.for_subject(subject).filter(code=code).count()


def started(district) -> ChangeRequest:
    """The firmware upgrade, approved, scheduled and started on Saturday night."""
    change = approved(district, submitted(district))
    technician = district.people[Role.TECHNICIAN]
    implementation.schedule_change(change, actor=technician, now=local(2027, 2, 9, 9))
    return implementation.start_change(change, actor=technician, now=SATURDAY_NIGHT)


# --- The review queue --------------------------------------------------------------------


def test_the_jobs_are_registered_with_the_periodic_registry(district):
    done = periodic.run_all(TUESDAY)
    assert {"changes.review_queue", "changes.publish_agendas", "changes.review_reminder"} <= set(
        done
    )


def test_a_change_enters_the_review_queue_once_its_window_closes(district):
    change = started(district)

    before = review_queue.queue_for_review(WINDOW_CLOSES - timedelta(minutes=1))
    first = periodic.run_all(WINDOW_CLOSES)["changes.review_queue"]
    second = periodic.run_all(WINDOW_CLOSES + timedelta(minutes=5))["changes.review_queue"]

    change.refresh_from_db()
    assert (before, first, second) == (0, 1, 0)
    assert (change.status, change.outcome) == (Status.COMPLETED, "")
    assert codes(change, "change.window_closed") == 1
    # And it is reviewed and closed like any other
    technician = district.people[Role.TECHNICIAN]
    implementation.review_change(
        change,
        actor=technician,
        what_happened="Done; nobody recorded it.",
        impact="None.",
        now=WINDOW_CLOSES + timedelta(hours=1),
    )
    implementation.close_change(
        change, actor=district.people[Role.CHANGE_COORDINATOR], now=WINDOW_CLOSES
    )
    change.refresh_from_db()
    assert change.status == Status.CLOSED


def test_an_emergency_nobody_started_enters_the_queue_and_others_wait(district):
    emergency = submitted(
        district,
        change_type=ChangeRequest.Type.EMERGENCY,
        title="Patch the firewall",
        planned_start=local(2027, 2, 3, 9),
        planned_end=local(2027, 2, 3, 10),
    )
    waiting = submitted(district, title="Still waiting for a decision")

    done = review_queue.queue_for_review(local(2027, 3, 1, 9))

    emergency.refresh_from_db()
    waiting.refresh_from_db()
    assert done == 1
    assert emergency.status == Status.COMPLETED
    assert waiting.status == Status.SUBMITTED


def test_an_emergency_closes_only_once_a_meeting_has_reviewed_it(district):
    technician = district.people[Role.TECHNICIAN]
    coordinator = district.people[Role.CHANGE_COORDINATOR]
    wednesday = local(2027, 2, 3, 10)
    emergency = submitted(
        district,
        change_type=ChangeRequest.Type.EMERGENCY,
        planned_start=wednesday,
        planned_end=wednesday + timedelta(hours=1),
        now=wednesday,
    )
    implementation.complete_change(emergency, actor=technician, outcome="successful", now=wednesday)
    implementation.review_change(
        emergency, actor=technician, what_happened="Patched.", impact="None.", now=wednesday
    )

    with pytest.raises(DomainError) as refused:
        implementation.close_change(emergency, actor=coordinator, now=wednesday)
    assert refused.value.code == "emergency_not_reviewed_at_meeting"

    # Its review written, it still comes to Monday's meeting, and then it may close
    meeting = meetings.plan_meeting(actor=coordinator, scheduled_for=NEXT_MONDAY_MEETING)
    meetings.build_agenda(meeting, actor=coordinator, now=NEXT_MONDAY_MEETING)
    assert meeting.items.get().change == emergency
    meetings.open_meeting(meeting, actor=coordinator, now=NEXT_MONDAY_MEETING)
    implementation.close_change(emergency, actor=coordinator, now=NEXT_MONDAY_MEETING)
    emergency.refresh_from_db()
    assert emergency.status == Status.CLOSED


# --- Publishing the agenda ---------------------------------------------------------------


def test_the_agenda_is_published_once_its_lead_time_before_the_meeting(district):
    coordinator = district.people[Role.CHANGE_COORDINATOR]
    meeting = meetings.plan_meeting(actor=coordinator, scheduled_for=NEXT_MONDAY_MEETING)
    change = submitted(district)  # submitted after the meeting was planned
    lead = timedelta(hours=24)

    early = reminders.publish_due_agendas(NEXT_MONDAY_MEETING - lead - timedelta(minutes=1))
    first = reminders.publish_due_agendas(NEXT_MONDAY_MEETING - lead)
    second = reminders.publish_due_agendas(NEXT_MONDAY_MEETING - lead + timedelta(minutes=5))

    meeting.refresh_from_db()
    assert (early, first, second) == (0, 1, 0)
    assert meeting.agenda_published_at == NEXT_MONDAY_MEETING - lead
    assert [item.change for item in meeting.items.all()] == [change]
    published = Event.objects.for_subject(meeting).get(code="meeting.agenda_published")
    assert (published.actor, published.params["items"]) == (None, 1)


def test_the_lead_time_is_the_districts_and_a_single_approver_publishes_nothing(district):
    coordinator = district.people[Role.CHANGE_COORDINATOR]
    meeting = meetings.plan_meeting(actor=coordinator, scheduled_for=NEXT_MONDAY_MEETING)
    ChangeControlSettings.objects.filter(pk=1).update(agenda_lead_hours=2)
    assert reminders.publish_due_agendas(NEXT_MONDAY_MEETING - timedelta(hours=3)) == 0

    ChangeControlSettings.objects.filter(pk=1).update(approval_model="single_approver")
    assert reminders.publish_due_agendas(NEXT_MONDAY_MEETING - timedelta(hours=1)) == 0
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is None


def test_an_open_meeting_is_not_published_by_the_clock(district):
    coordinator = district.people[Role.CHANGE_COORDINATOR]
    meeting = meetings.plan_meeting(actor=coordinator, scheduled_for=NEXT_MONDAY_MEETING)
    meetings.open_meeting(meeting, actor=coordinator, now=NEXT_MONDAY_MEETING)

    assert reminders.publish_due_agendas(NEXT_MONDAY_MEETING) == 0
    assert Meeting.objects.get().agenda_published_at is None


# --- The weekly reminder of changes awaiting review --------------------------------------


def test_the_coordinator_is_reminded_weekly_of_changes_awaiting_review(district):
    change = started(district)
    review_queue.queue_for_review(WINDOW_CLOSES)
    monday = local(2027, 2, 22, 8)

    # Sunday belongs to the week whose Monday has passed: that week is reminded at once
    sunday = reminders.remind_of_reviews(monday - timedelta(hours=9))
    too_early = reminders.remind_of_reviews(monday - timedelta(minutes=1))
    first = periodic.run_all(monday)["changes.review_reminder"]
    again = reminders.remind_of_reviews(monday + timedelta(days=2))
    next_week = reminders.remind_of_reviews(monday + timedelta(days=7))

    assert (sunday, too_early, first, again, next_week) == (1, 0, 1, 0, 1)
    assert ChangeReminder.objects.count() == 3
    reminder = Event.objects.filter(code="change.review_reminder").order_by("id").first()
    assert reminder.params == {"count": 1, "numbers": change.number}


def test_no_reminder_when_nothing_awaits_review(district):
    assert reminders.remind_of_reviews(local(2027, 2, 22, 9)) == 0
    assert not ChangeReminder.objects.exists()
