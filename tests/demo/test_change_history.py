"""The large district's change history: thousands of changes with the weekly meetings that
decided and reviewed them, written in bulk as the services would have left them — every
step one its state machine allows, in time order, each with its event — deterministic for a
seed, before the demo's own changes, and counted by the coordinator's dashboard."""

from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from districtdesk.activity.models import Event
from districtdesk.changes import selectors, workflow
from districtdesk.changes.demo_changes import load_demo_changes
from districtdesk.changes.models import AgendaItem, ChangeRequest, Meeting
from districtdesk.core.demo_district.builder import load_demo_district
from districtdesk.core.models import Person
from districtdesk.demo.change_history import Drawing, build_plan, load_change_history
from districtdesk.demo.request_history import load_request_history
from districtdesk.reports.figures.changes import (
    ChangeScope,
    change_counts,
    lead_time_bands,
    reviews_outstanding,
)
from tests.demo.change_steps import STEPS

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 2, 10, 17, 0, tzinfo=UTC)  # a Wednesday, 11:00 in Chicago
COUNT, SEED = 400, 3
Status, Type, Outcome = ChangeRequest.Status, ChangeRequest.Type, ChangeRequest.Outcome
Purpose = AgendaItem.Purpose
# The order a change's own times must keep.
TIMES = (
    "created_at",
    "submitted_at",
    "decided_at",
    "eligible_at",
    "started_at",
    "completed_at",
    "closed_at",
)


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    """One district with its history for the whole module, undone after it: the tests read
    it, and whatever one writes is rolled back to here."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_district(size="small", seed=2026)
        with time_machine.travel(NOW, tick=False):
            load_request_history(count=3_000, seed=4, now=NOW)
            counts = load_change_history(count=COUNT, seed=SEED, now=NOW)
        yield counts
        transaction.set_rollback(True)


@pytest.fixture
def coordinator(history) -> Person:
    return Person.objects.get(username="coordinator")


def events_of(subject) -> list[Event]:
    content_type = ContentType.objects.get_for_model(subject)
    return list(
        Event.objects.filter(subject_type=content_type, subject_id=str(subject.pk)).order_by(
            "occurred_at", "pk"
        )
    )


def test_the_history_holds_every_type_outcome_and_finished_status(history):
    changes = ChangeRequest.objects.all()
    submitted = changes.exclude(status=Status.DRAFT)

    assert history == dict(Counter(changes.values_list("status", flat=True)))
    assert sum(history.values()) == COUNT
    # A history holds finished work, and near its end a few changes still at their review.
    assert set(history) == {"draft", "denied", "completed", "reviewed", "closed"}
    assert set(changes.values_list("change_type", flat=True)) == set(Type.values)
    outcomes = Counter(changes.exclude(outcome="").values_list("outcome", flat=True))
    assert set(outcomes) == {Outcome.SUCCESSFUL, Outcome.BACKED_OUT, Outcome.POSTPONED}
    assert 0.8 < outcomes[Outcome.SUCCESSFUL] / sum(outcomes.values()) < 0.96
    assert 0.04 < submitted.filter(change_type=Type.EMERGENCY).count() / submitted.count() < 0.13
    scheduled = submitted.filter(change_type=Type.SCHEDULED)
    notice = [change.planned_start - change.submitted_at for change in scheduled]
    assert sum(days >= timedelta(days=14) for days in notice) / len(notice) > 0.75
    assert any(days < timedelta(days=7) for days in notice)
    # Over the three school years: from 1 July 2024 to where the demo's changes begin.
    first = timezone.localtime(changes.earliest("planned_start").planned_start)
    assert (first.year, first.month) == (2024, 7)
    assert changes.latest("planned_start").planned_start < NOW - timedelta(weeks=9)


def test_every_change_took_only_steps_its_rules_allow_in_time_order(history):
    """Replay each change's events through the state machine, and check what each status
    implies, as the demo's own changes are checked."""
    last_meeting = Meeting.objects.latest("scheduled_for")
    until = last_meeting.scheduled_for + timedelta(hours=1)
    changes = ChangeRequest.objects.select_related("service_request").prefetch_related(
        "agenda_items__meeting", "systems", "campuses"
    )
    for change in changes.order_by("pk"):
        replay = ChangeRequest(status=Status.DRAFT, change_type=change.change_type)
        events = events_of(change)
        assert events[0].code == "change.drafted" and events[0].occurred_at == change.created_at
        for event in events:
            assert event.occurred_at <= until
            if event.code in STEPS:
                replay.status = workflow.check(replay, STEPS[event.code], "meeting")
            if event.code == "change.submitted":
                assert event.params["number"] == change.number
                assert "needs_emergency" not in event.params["flags"]
                if "short_lead_time" in event.params["flags"]:
                    assert change.lead_time_overridden or change.status == Status.DENIED
        assert replay.status == change.status, change
        times = [getattr(change, name) for name in TIMES if getattr(change, name)]
        assert times == sorted(times), change
        if change.status == Status.DRAFT:
            continue
        assert change.systems.exists() or change.campuses.exists()
        if change.change_type != Type.INFORMATIONAL:
            assert change.service_request.submitted_at < change.created_at
        done = change.status in (Status.COMPLETED, Status.REVIEWED, Status.CLOSED)
        assert bool(change.outcome) == done
        assert (change.review_or_none is not None) == (
            change.status in (Status.REVIEWED, Status.CLOSED)
        )
        if change.started_at and change.change_type == Type.SCHEDULED:
            approval = next(i for i in change.agenda_items.all() if i.decision == "approve")
            assert change.eligible_at == approval.meeting.closed_at < change.started_at
        if change.status == Status.COMPLETED:
            # Reviews are outstanding only for changes finished in the last weeks.
            assert change.completed_at > until - timedelta(weeks=3)
    # Numbers rise with time, and each step left one event.
    created = list(ChangeRequest.objects.order_by("pk").values_list("created_at", flat=True))
    assert created == sorted(created)
    assert Event.objects.filter(code="change.reviewed").count() == (
        ChangeRequest.objects.filter(review__isnull=False).count()
    )


def test_the_meetings_are_weekly_and_decide_or_review_every_item(history):
    settings_row = selectors.current_settings()
    meetings = list(Meeting.objects.prefetch_related("items__change").order_by("scheduled_for"))
    local = [timezone.localtime(meeting.scheduled_for) for meeting in meetings]

    assert {(moment.weekday(), moment.time()) for moment in local} == {
        (settings_row.meeting_weekday, settings_row.meeting_time)
    }
    assert all(b.date() - a.date() == timedelta(weeks=1) for a, b in pairwise(local))
    for meeting in meetings:
        items = sorted(meeting.items.all(), key=lambda item: item.position)
        assert meeting.status == Meeting.Status.CLOSED
        assert meeting.opened_at == meeting.scheduled_for < meeting.closed_at
        assert [item.position for item in items] == list(range(1, len(items) + 1))
        assert meeting.minutes.startswith(f"Present: {meeting.attendees.count()}.")
        for item in items:
            if item.purpose == Purpose.DECIDE:
                assert item.decision and item.decided_by_id
                assert meeting.opened_at < item.decided_at < meeting.closed_at
                assert item.decision != "deny" or item.denial_reason
            else:
                assert not item.decision
            if item.purpose == Purpose.REVIEW and item.change.review_or_none:
                review = item.change.review
                if item.change.change_type == Type.EMERGENCY:
                    assert meeting.opened_at < review.reviewed_at < meeting.closed_at
        codes = [event.code for event in events_of(meeting)]
        assert codes[:3] == ["meeting.planned", "meeting.agenda_built", "meeting.agenda_built"]
        assert codes[-1] == "meeting.closed"
    # Emergencies come to the first meeting after them.
    for item in AgendaItem.objects.filter(change__change_type=Type.EMERGENCY):
        first_after = Meeting.objects.filter(scheduled_for__gt=item.change.completed_at).last()
        assert item.meeting == first_after


def test_the_dashboard_counts_the_history_as_the_rows_do(history, coordinator):
    scope = ChangeScope()
    rows = list(ChangeRequest.objects.exclude(submitted_at=None))
    by_month: dict = defaultdict(Counter)
    for change in rows:
        month = timezone.localtime(change.planned_start).date().replace(day=1)
        by_month[month][change.change_type] += 1
        by_month[month][f"outcome:{change.outcome}"] += 1

    counts = change_counts(coordinator, scope)

    assert len(counts.by_month) > 24
    for month in counts.by_month:
        expected = by_month[month.month]
        assert month.by_type == {kind: expected[kind] for kind in Type.values}
        assert month.by_outcome == {o: expected[f"outcome:{o}"] for o in month.by_outcome}
    for kind in counts.by_type:
        of_kind = [change for change in rows if change.change_type == kind.change_type]
        assert kind.by_outcome == {
            outcome: sum(change.outcome == outcome for change in of_kind)
            for outcome in kind.by_outcome
        }
    scheduled = [change for change in rows if change.change_type == Type.SCHEDULED]
    bands = {band.key: band for band in lead_time_bands(coordinator, scope)}
    for key, low, high in (("under_1_week", 0, 7), ("1_to_2_weeks", 7, 14)):
        in_band = [
            change
            for change in scheduled
            if timedelta(days=low) <= change.planned_start - change.submitted_at
            and change.planned_start - change.submitted_at < timedelta(days=high)
        ]
        assert bands[key].changes == len(in_band) > 0
        assert bands[key].overridden == sum(change.lead_time_overridden for change in in_band)
    assert sum(band.changes for band in bands.values()) == len(scheduled)
    outstanding = {row.change_type: row for row in reviews_outstanding(coordinator, scope)}
    for kind in Type.values:
        waiting = [c for c in rows if c.change_type == kind and c.status == Status.COMPLETED]
        assert outstanding[kind].count == len(waiting)
        assert outstanding[kind].oldest_completed_at == min(
            (change.completed_at for change in waiting), default=None
        )
    assert sum(row.count for row in outstanding.values()) > 0


def test_the_same_seed_draws_the_same_history(history):
    def drawn(seed: int) -> tuple[list, list]:
        history = Drawing(build_plan(now=NOW, seed=seed, count=150)).draw()
        changes = [
            (c.pk, c.title, c.status, c.outcome, c.planned_start, c.submitted_at, c.submitter_id)
            for c in history.changes
        ]
        events = [(e.code, e.occurred_at, e.subject_id, e.params) for e in history.events]
        return changes, events

    first = drawn(11)

    assert drawn(11) == first
    assert drawn(12) != first


def test_where_the_committee_votes_each_member_present_votes_with_the_decision(history):
    settings_row = selectors.current_settings()
    settings_row.committee_votes = True
    settings_row.save()

    drawn = Drawing(build_plan(now=NOW, seed=SEED, count=150)).draw()

    decided = [item for item in drawn.items if item.decision]
    votes: dict[int, list] = defaultdict(list)
    for vote in drawn.votes:
        votes[vote.item.pk].append(vote)
    assert decided and set(votes) == {item.pk for item in decided}
    for item in decided:
        choices = Counter(vote.choice for vote in votes[item.pk])
        assert len(votes[item.pk]) >= settings_row.quorum - 1
        assert set(choices) <= {item.decision, "abstain"}
        assert all(vote.cast_at < item.decided_at for vote in votes[item.pk])
    assert sum(event.code == "meeting.vote_recorded" for event in drawn.events) == len(drawn.votes)


def test_the_demo_plays_its_own_changes_after_the_history(history, coordinator, client):
    with time_machine.travel(NOW, tick=False):
        demo = load_demo_changes(seed=5, now=NOW)
        client.force_login(coordinator)
        pages = [
            client.get(reverse("change_list")),
            client.get(reverse("reports_changes")),
            client.get(reverse("meeting_detail", args=[Meeting.objects.last().pk])),
        ]
        old = ChangeRequest.objects.filter(pk__lte=COUNT, status=Status.CLOSED).first()
        page = client.get(reverse("change_detail", args=[old.pk]))

    assert sum(demo.values()) > COUNT
    newest_history = ChangeRequest.objects.filter(pk__lte=COUNT).latest("created_at")
    demo_changes = ChangeRequest.objects.filter(pk__gt=COUNT)
    assert demo_changes.earliest("created_at").created_at > newest_history.created_at
    assert all(response.status_code == 200 for response in pages)
    assert page.status_code == 200
    text = page.content.decode()
    assert old.number in text and old.review.what_happened in text
