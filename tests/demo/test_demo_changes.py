"""The demo district's change control: every status, the weekly meetings, and every change
on a path its own state machine and rules allow, deterministic for a seed."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from districtdesk.activity.models import Event
from districtdesk.changes import selectors, workflow
from districtdesk.changes.demo_changes import load_demo_changes
from districtdesk.changes.models import AgendaItem, ChangeRequest, Meeting
from districtdesk.core.demo_district.builder import load_demo_district
from tests.demo.change_steps import STEPS

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 2, 10, 17, 0, tzinfo=UTC)  # a Wednesday, 11:00 in Chicago
Status, Type = ChangeRequest.Status, ChangeRequest.Type
MEETING_MODEL = "meeting"


def load(seed: int = 5, now: datetime = NOW) -> dict[str, int]:
    with time_machine.travel(now, tick=False):
        return load_demo_changes(seed=seed, now=now)


@pytest.fixture
def district():
    load_demo_district(size="small", seed=2026)


@pytest.fixture
def loaded(district):
    return load()


def snapshot() -> list[tuple]:
    return list(
        ChangeRequest.objects.order_by("created_at", "title").values_list(
            "title", "change_type", "status", "outcome", "planned_start", "submitter__username"
        )
    )


def test_the_demo_holds_changes_in_every_status_type_and_outcome(loaded):
    changes = ChangeRequest.objects.all()

    assert loaded == {s: changes.filter(status=s).count() for s in loaded}
    assert set(changes.values_list("status", flat=True)) == set(Status.values)
    assert set(changes.values_list("change_type", flat=True)) == set(Type.values)
    assert set(changes.exclude(outcome="").values_list("outcome", flat=True)) == {
        "successful",
        "backed_out",
        "postponed",
    }
    assert not changes.filter(status=Status.DENIED, denial_reason="").exists()
    assert 35 <= changes.count() <= 70


def test_the_demo_raises_every_flag_but_the_emergency_one(loaded):
    raised: dict[str, list[ChangeRequest]] = {}
    for change in ChangeRequest.objects.exclude(status=Status.DRAFT):
        for flag in selectors.flags_for(change, now=NOW):
            raised.setdefault(flag.code, []).append(change)

    assert set(raised) == {"short_lead_time", "outside_window", "in_blackout", "overlaps_change"}
    assert any(change.lead_time_overridden for change in raised["short_lead_time"])
    assert any(change.status == Status.CLOSED for change in raised["outside_window"])


def test_past_meetings_are_held_and_closed_and_the_next_one_is_on_its_way(loaded):
    past = Meeting.objects.filter(scheduled_for__lt=NOW)
    upcoming = Meeting.objects.get(scheduled_for__gt=NOW)

    assert past.count() == 9
    for meeting in past:
        assert meeting.status == Meeting.Status.CLOSED
        assert meeting.attendees.count() >= 4
        assert meeting.minutes.startswith("Present:")
        assert meeting.closed_at <= NOW
        assert not meeting.items.filter(purpose=AgendaItem.Purpose.DECIDE, decision="").exists()
    local = [timezone.localtime(meeting.scheduled_for) for meeting in past]
    assert {(moment.weekday(), moment.hour) for moment in local} == {(0, 13)}
    assert upcoming.status == Meeting.Status.PLANNED
    on_agenda = upcoming.items.values_list("change__status", flat=True)
    assert Status.ON_AGENDA in on_agenda and Status.COMPLETED in on_agenda


def test_emergencies_are_reviewed_at_the_meeting_after_them(loaded):
    emergencies = ChangeRequest.objects.filter(change_type=Type.EMERGENCY)
    reviewed = 0
    for change in emergencies.exclude(status=Status.IN_PROGRESS):
        item = change.agenda_items.get(purpose=AgendaItem.Purpose.REVIEW)
        first_after = Meeting.objects.filter(scheduled_for__gt=change.completed_at).last()
        assert item.meeting == first_after
        if item.meeting.status == Meeting.Status.CLOSED:
            meeting = item.meeting
            assert meeting.scheduled_for < change.review.reviewed_at < meeting.closed_at
            reviewed += 1
    assert reviewed >= 3


def test_every_demo_change_took_only_steps_its_rules_allow(loaded):
    """Replay each change's history through the state machine, and check what each
    status implies."""
    content_type = ContentType.objects.get_for_model(ChangeRequest)
    for change in ChangeRequest.objects.prefetch_related("agenda_items__meeting"):
        events = Event.objects.filter(subject_type=content_type, subject_id=str(change.pk))
        replay = ChangeRequest(status=Status.DRAFT, change_type=change.change_type)
        for event in events.order_by("occurred_at", "pk"):
            assert event.occurred_at <= NOW
            if event.code in STEPS:
                replay.status = workflow.check(replay, STEPS[event.code], MEETING_MODEL)
            if event.code == "change.submitted":
                assert "needs_emergency" not in event.params["flags"]
                assert change.lead_time_overridden or (
                    "short_lead_time" not in event.params["flags"]
                    or change.status in (Status.SUBMITTED, Status.ON_AGENDA, Status.DEFERRED)
                )
        assert replay.status == change.status, change
        if change.change_type != Type.INFORMATIONAL and change.status != Status.DRAFT:
            assert change.service_request_id is not None
        done = change.status in (Status.COMPLETED, Status.REVIEWED, Status.CLOSED)
        assert bool(change.outcome) == done
        assert (change.review_or_none is not None) == (
            change.status in (Status.REVIEWED, Status.CLOSED)
        )
        assert (change.closed_at is not None) == (change.status == Status.CLOSED)
        if change.change_type == Type.SCHEDULED and change.started_at is not None:
            approval = next(
                item for item in change.agenda_items.all() if item.decision == "approve"
            )
            assert change.eligible_at == approval.meeting.closed_at <= change.started_at


def test_the_same_seed_gives_the_same_changes(district):
    with transaction.atomic():
        first = load(seed=7)
        rows = snapshot()
        transaction.set_rollback(True)
    with transaction.atomic():
        load(seed=8)
        other = snapshot()
        transaction.set_rollback(True)
    again = load(seed=7)

    assert again == first
    assert snapshot() == rows
    assert other != rows
