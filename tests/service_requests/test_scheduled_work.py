"""Scheduled maintenance (seed 003, category 5): a planned completion date instead of an
SLA, a status note at least weekly, and overdue requests worked first unless a supervisor
approves working the scheduled request ahead of them."""

from datetime import date, timedelta

import pytest

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.service_requests import selectors
from districtdesk.service_requests.models import ServiceRequest, Target
from districtdesk.service_requests.services import scheduled_work, working
from tests.service_requests.builders import local, priority, submit

pytestmark = pytest.mark.django_db
MONDAY = local(2027, 2, 1, 9)
MARCH_1 = date(2027, 3, 1)


def categorise(request, people, code="5.3", planned=MARCH_1, now=MONDAY) -> ServiceRequest:
    chosen = priority(code)
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=chosen.category,
        priority=chosen,
        planned_completion=planned,
        now=now,
    )
    request.refresh_from_db()
    return request


@pytest.fixture
def scheduled(people) -> ServiceRequest:
    """An upgrade planned for 1 March, categorised and acknowledged on Monday 1 February."""
    request = categorise(submit(people[Role.REQUESTER], now=MONDAY), people)
    working.acknowledge_request(request, actor=people[Role.TECHNICIAN], now=MONDAY)
    request.refresh_from_db()
    return request


def test_scheduled_maintenance_cannot_be_categorised_without_a_planned_completion_date(people):
    request = submit(people[Role.REQUESTER], now=MONDAY)

    with pytest.raises(DomainError) as refused:
        categorise(request, people, planned=None)

    assert (refused.value.code, refused.value.field) == (
        "planned_completion_required",
        "planned_completion",
    )
    request.refresh_from_db()
    assert request.status == ServiceRequest.Status.NEW


def test_a_planned_completion_date_in_the_past_is_refused(people):
    request = submit(people[Role.REQUESTER], now=MONDAY)

    with pytest.raises(DomainError) as refused:
        categorise(request, people, planned=date(2027, 1, 29))

    assert refused.value.code == "planned_completion_past"


def test_scheduled_work_runs_to_its_date_with_a_status_note_due_weekly(people, scheduled):
    # Then it has its date, no resolve SLA, and its first status note is due in a week
    assert scheduled.planned_completion == MARCH_1
    assert scheduled.targets.get(kind=Target.Kind.RESOLVE).due_at is None
    assert scheduled.due_at is None
    assert scheduled.status_note_due_at == MONDAY + timedelta(days=7)


def test_a_staff_note_is_the_weekly_status_update_and_a_requester_reply_is_not(people, scheduled):
    thursday = local(2027, 2, 4, 14)
    working.add_note(
        scheduled,
        actor=people[Role.REQUESTER],
        body="Any news?",
        visibility="reply",
        now=thursday,
    )
    scheduled.refresh_from_db()
    assert scheduled.status_note_due_at == MONDAY + timedelta(days=7)

    working.add_note(
        scheduled,
        actor=people[Role.TECHNICIAN],
        body="Workstations imaged; catalogue server next week.",
        visibility="work_note",
        now=thursday,
    )

    scheduled.refresh_from_db()
    assert scheduled.status_note_due_at == thursday + timedelta(days=7)


def test_other_categories_have_no_planned_date_even_when_one_is_sent(people):
    request = categorise(submit(people[Role.REQUESTER], now=MONDAY), people, code="1.3")

    assert (request.planned_completion, request.status_note_due_at) == (None, None)


def test_moving_out_of_scheduled_maintenance_clears_its_schedule(people, scheduled):
    working.recategorise_request(
        scheduled,
        actor=people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
        reason="It is a break-fix after all",
        now=local(2027, 2, 2, 9),
    )

    scheduled.refresh_from_db()
    assert (scheduled.planned_completion, scheduled.status_note_due_at) == (None, None)
    assert scheduled.due_at is not None


def test_overdue_work_comes_before_scheduled_work_until_a_supervisor_approves_otherwise(
    people, scheduled
):
    # Given a break-fix request from the week before, overdue on Tuesday
    overdue = categorise(
        submit(people[Role.REQUESTER], now=local(2027, 1, 25, 9)),
        people,
        code="1.3",
        now=local(2027, 1, 25, 9),
    )
    tuesday = local(2027, 2, 2, 10)
    queue = list(selectors.team_queue(people[Role.TECHNICIAN], now=tuesday))
    assert queue == [overdue, scheduled]

    # When the team lead approves working the upgrade first
    scheduled_work.approve_working_ahead(
        scheduled,
        actor=people[Role.TEAM_LEAD],
        reason="The bell system must work before Monday's assembly",
        now=tuesday,
    )

    # Then it heads the team's queue, and the timeline says who approved it and why
    queue = list(selectors.team_queue(people[Role.TECHNICIAN], now=tuesday))
    assert queue == [scheduled, overdue]
    approval = Event.objects.for_subject(scheduled).get(code="request.worked_ahead_approved")
    assert approval.actor == people[Role.TEAM_LEAD]
    assert approval.params["reason"].startswith("The bell system")


def test_only_a_supervisor_approves_working_ahead_and_only_with_a_reason(people, scheduled):
    with pytest.raises(DomainError) as refused:
        scheduled_work.approve_working_ahead(
            scheduled, actor=people[Role.TECHNICIAN], reason="I would like to"
        )
    assert refused.value.code == "not_allowed"

    with pytest.raises(DomainError) as refused:
        scheduled_work.approve_working_ahead(scheduled, actor=people[Role.TEAM_LEAD], reason=" ")
    assert refused.value.field == "reason"

    scheduled.refresh_from_db()
    assert scheduled.queue_rank == ServiceRequest.QueueRank.BY_DUE_TIME


def test_working_ahead_applies_only_to_scheduled_work(people):
    break_fix = categorise(submit(people[Role.REQUESTER], now=MONDAY), people, code="1.3")

    with pytest.raises(DomainError) as refused:
        scheduled_work.approve_working_ahead(
            break_fix, actor=people[Role.TEAM_LEAD], reason="Urgent"
        )

    assert refused.value.code == "not_scheduled_work"


def test_the_planned_date_moves_only_with_a_reason_and_is_recorded(people, scheduled):
    with pytest.raises(DomainError) as refused:
        scheduled_work.plan_completion(
            scheduled,
            actor=people[Role.TECHNICIAN],
            planned_completion=date(2027, 3, 15),
            reason="",
        )
    assert refused.value.field == "reason"

    scheduled_work.plan_completion(
        scheduled,
        actor=people[Role.TECHNICIAN],
        planned_completion=date(2027, 3, 15),
        reason="The vendor ships the server a fortnight late",
        now=local(2027, 2, 3, 9),
    )

    scheduled.refresh_from_db()
    assert scheduled.planned_completion == date(2027, 3, 15)
    moved = Event.objects.for_subject(scheduled).get(code="request.completion_planned")
    assert (moved.params["before"], moved.params["after"]) == ("2027-03-01", "2027-03-15")


def test_a_requester_cannot_move_the_planned_date(people, scheduled):
    with pytest.raises(DomainError) as refused:
        scheduled_work.plan_completion(
            scheduled,
            actor=people[Role.REQUESTER],
            planned_completion=date(2027, 3, 15),
            reason="Sooner please",
        )

    assert refused.value.code == "not_allowed"
