"""A change's life through the services at pinned times: draft, submission with flags,
the meeting's agenda and decisions, implementation, review and closing; emergencies and
informational changes; the single-approver model."""

from datetime import timedelta

import pytest

from districtdesk.activity.models import Event
from districtdesk.changes.models import AgendaItem, ChangeControlSettings, ChangeRequest, Meeting
from districtdesk.changes.services import decisions, implementation, meetings, submission
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from tests.changes.builders import (
    NEXT_MONDAY_MEETING,
    TUESDAY,
    approved,
    draft,
    open_meeting_with_agenda,
    submitted,
)
from tests.service_requests.builders import local

pytestmark = pytest.mark.django_db
Status = ChangeRequest.Status
Type = ChangeRequest.Type


def codes(change) -> list[str]:
    return list(
        Event.objects.for_subject(change)
        .order_by("occurred_at", "id")
        .values_list("code", flat=True)
    )


def test_a_scheduled_change_goes_from_draft_to_closed(district, people):
    # Given a technician's firmware upgrade, submitted with 18 days' notice
    change = submitted(district)
    assert change.status == Status.SUBMITTED
    assert change.number == f"CHG-{change.pk:06d}"

    # When the committee approves it at Monday's meeting and the meeting closes
    change = approved(district, change)

    # Then it is eligible from the close of the meeting, and runs, completes and is reviewed
    assert change.status == Status.APPROVED
    assert change.eligible_at == NEXT_MONDAY_MEETING + timedelta(hours=1)
    technician = people[Role.TECHNICIAN]
    implementation.schedule_change(change, actor=technician, now=local(2027, 2, 9, 9))
    implementation.start_change(change, actor=technician, now=local(2027, 2, 20, 20))
    implementation.complete_change(
        change,
        actor=technician,
        outcome=ChangeRequest.Outcome.SUCCESSFUL,
        now=local(2027, 2, 20, 22),
    )
    review = implementation.review_change(
        change,
        actor=technician,
        what_happened="Reloaded in twelve minutes.",
        impact="None reported.",
        now=local(2027, 2, 22, 9),
    )
    implementation.close_change(
        change, actor=people[Role.CHANGE_COORDINATOR], now=local(2027, 2, 22, 14)
    )
    change.refresh_from_db()
    assert change.status == Status.CLOSED
    assert change.outcome == ChangeRequest.Outcome.SUCCESSFUL
    assert review.reviewer == technician
    assert codes(change) == [
        "change.drafted",
        "change.submitted",
        "change.placed_on_agenda",
        "change.approved",
        "change.scheduled",
        "change.started",
        "change.completed",
        "change.reviewed",
        "change.closed",
    ]
    completed = Event.objects.for_subject(change).get(code="change.completed")
    assert completed.params["notify_roles"] == ["principal", "superintendent"]
    assert completed.params["notify_campus_ids"] == [district.north.pk]


def test_a_change_cannot_close_without_its_review(district, people):
    change = approved(district, submitted(district))
    technician = people[Role.TECHNICIAN]
    implementation.schedule_change(change, actor=technician, now=local(2027, 2, 9, 9))
    implementation.start_change(change, actor=technician, now=local(2027, 2, 20, 20))
    implementation.complete_change(
        change,
        actor=technician,
        outcome=ChangeRequest.Outcome.BACKED_OUT,
        now=local(2027, 2, 20, 22),
    )

    with pytest.raises(DomainError) as refused:
        implementation.close_change(change, actor=people[Role.CHANGE_COORDINATOR])

    assert "review" in refused.value.message
    change.refresh_from_db()
    assert change.status == Status.COMPLETED


def test_an_approved_change_cannot_start_before_the_meeting_closes(district, people):
    change = submitted(district)
    open_meeting_with_agenda(district)
    decisions.approve_change(change, actor=people[Role.CHANGE_COMMITTEE], now=NEXT_MONDAY_MEETING)

    with pytest.raises(DomainError) as refused:
        implementation.schedule_change(
            change, actor=people[Role.TECHNICIAN], now=NEXT_MONDAY_MEETING
        )

    assert refused.value.code == "not_yet_eligible"


def test_the_meeting_cannot_close_with_a_change_undecided(district, people):
    change = submitted(district)
    meeting = open_meeting_with_agenda(district)

    with pytest.raises(DomainError) as refused:
        meetings.close_meeting(
            meeting, actor=people[Role.CHANGE_COORDINATOR], now=NEXT_MONDAY_MEETING
        )

    assert refused.value.code == "undecided_items"
    assert change.number in refused.value.message


def test_a_denial_needs_a_reason_and_is_recorded_on_the_agenda_item(district, people):
    change = submitted(district)
    open_meeting_with_agenda(district)
    committee = people[Role.CHANGE_COMMITTEE]

    with pytest.raises(DomainError) as refused:
        decisions.deny_change(change, actor=committee, denial_reason="")
    assert refused.value.field == "denial_reason"

    decisions.deny_change(
        change,
        actor=committee,
        denial_reason=ChangeRequest.DenialReason.INADEQUATE_BACK_OUT,
        notes="No image kept.",
    )
    item = AgendaItem.objects.get(change=change)
    assert item.decision == AgendaItem.Decision.DENY
    assert item.denial_reason == "inadequate_back_out"
    change.refresh_from_db()
    assert change.status == Status.DENIED


def test_a_deferred_change_is_revised_and_goes_on_the_next_agenda(district, people):
    change = submitted(district)
    meeting = open_meeting_with_agenda(district)
    decisions.defer_change(
        change, actor=people[Role.CHANGE_COMMITTEE], notes="Wait for the vendor."
    )
    meetings.close_meeting(meeting, actor=people[Role.CHANGE_COORDINATOR], now=NEXT_MONDAY_MEETING)

    submission.revise_change(change, actor=people[Role.TECHNICIAN], test_plan="Also test VoIP.")
    next_meeting = open_meeting_with_agenda(district, now=NEXT_MONDAY_MEETING + timedelta(days=7))

    assert next_meeting.items.get().change == change
    change.refresh_from_db()
    assert change.status == Status.ON_AGENDA
    assert change.test_plan == "Also test VoIP."


def test_committee_members_decide_but_technicians_do_not(district, people):
    change = submitted(district)
    open_meeting_with_agenda(district)

    with pytest.raises(DomainError) as refused:
        decisions.approve_change(change, actor=people[Role.TECHNICIAN])

    assert refused.value.code == "not_allowed"


def test_a_decision_waits_for_the_meeting_to_open(district, people):
    change = submitted(district)
    coordinator = people[Role.CHANGE_COORDINATOR]
    meeting = meetings.plan_meeting(actor=coordinator, now=TUESDAY)
    meetings.build_agenda(meeting, actor=coordinator, now=TUESDAY)

    with pytest.raises(DomainError) as refused:
        decisions.approve_change(change, actor=people[Role.CHANGE_COMMITTEE])

    assert refused.value.code == "meeting_not_open"
    assert meeting.scheduled_for == NEXT_MONDAY_MEETING


# --- Submission rules -------------------------------------------------------


def test_a_requester_without_a_staff_role_cannot_write_a_change(district, people):
    with pytest.raises(DomainError) as refused:
        draft(district, actor=people[Role.REQUESTER])
    assert refused.value.code == "not_allowed"
    assert not ChangeRequest.objects.exists()


def test_a_scheduled_change_needs_its_service_request_but_an_informational_one_does_not(
    district, people
):
    with pytest.raises(DomainError) as refused:
        submitted(district, service_request=None)
    assert refused.value.field == "service_request"

    informational = submitted(district, change_type=Type.INFORMATIONAL, service_request=None)
    assert informational.status == Status.SUBMITTED


def test_a_change_that_ends_before_it_starts_is_refused_and_nothing_is_stored(district):
    with pytest.raises(DomainError) as refused:
        draft(district, planned_end=local(2027, 2, 20, 19))
    assert refused.value.field == "planned_end"
    assert not ChangeRequest.objects.exists()


def test_a_scheduled_change_before_the_saturday_boundary_must_be_submitted_as_an_emergency(
    district,
):
    # Submitted Tuesday 2 Feb; first discussed Monday 8 Feb; the boundary is Saturday 13 Feb noon.
    with pytest.raises(DomainError) as refused:
        submitted(district, planned_start=local(2027, 2, 13, 6), planned_end=local(2027, 2, 13, 8))
    assert refused.value.code == "needs_emergency"
    assert refused.value.field == "change_type"
    assert ChangeRequest.objects.get().status == Status.DRAFT


def test_a_short_lead_time_needs_the_coordinators_recorded_override_before_approval(
    district, people
):
    # Given a change submitted 12 days before it starts: after the boundary, short of two weeks
    change = submitted(
        district, planned_start=local(2027, 2, 14, 1), planned_end=local(2027, 2, 14, 3)
    )
    open_meeting_with_agenda(district)
    committee, coordinator = people[Role.CHANGE_COMMITTEE], people[Role.CHANGE_COORDINATOR]

    with pytest.raises(DomainError) as refused:
        decisions.approve_change(change, actor=committee, now=NEXT_MONDAY_MEETING)
    assert refused.value.code == "lead_time_not_overridden"

    with pytest.raises(DomainError):
        submission.override_lead_time(change, actor=committee, reason="Vendor deadline")
    submission.override_lead_time(change, actor=coordinator, reason="Vendor support ends 15 Feb.")
    decisions.approve_change(change, actor=committee, now=NEXT_MONDAY_MEETING)

    change.refresh_from_db()
    assert change.status == Status.APPROVED
    assert change.lead_time_override_by == coordinator
    assert "change.lead_time_overridden" in codes(change)


def test_submission_records_the_flags_it_raised(district):
    change = submitted(
        district, planned_start=local(2027, 2, 24, 10), planned_end=local(2027, 2, 24, 11)
    )
    event = Event.objects.for_subject(change).get(code="change.submitted")
    assert event.params["flags"] == ["outside_window"]


def test_a_second_change_on_the_same_system_at_the_same_time_is_flagged(district, people):
    first = submitted(district)
    second = submitted(district, actor=people[Role.TEAM_LEAD])
    event = Event.objects.for_subject(second).get(code="change.submitted")
    assert event.params["flags"] == ["overlaps_change"]
    assert first.number != second.number


# --- Emergencies and informational changes --------------------------------------


def test_an_emergency_implemented_on_wednesday_appears_on_the_next_agenda_for_review(
    district, people
):
    # Given an emergency patch, submitted and implemented on Wednesday 3 February
    wednesday = local(2027, 2, 3, 15)
    technician = people[Role.TECHNICIAN]
    change = submitted(
        district,
        change_type=Type.EMERGENCY,
        category=ChangeRequest.Category.THIRD_PARTY_PATCH,
        planned_start=wednesday,
        planned_end=wednesday + timedelta(hours=1),
        now=wednesday,
    )
    implementation.start_change(change, actor=technician, now=wednesday)
    implementation.complete_change(
        change,
        actor=technician,
        outcome=ChangeRequest.Outcome.SUCCESSFUL,
        now=wednesday + timedelta(hours=1),
    )

    # When the coordinator builds Monday's agenda
    meeting = open_meeting_with_agenda(district)

    # Then the emergency is on it for review, still completed, with its directors told
    item = meeting.items.get()
    assert (item.change, item.purpose) == (change, AgendaItem.Purpose.REVIEW)
    change.refresh_from_db()
    assert change.status == Status.COMPLETED
    implemented = Event.objects.for_subject(change).get(code="change.emergency_implemented")
    assert implemented.params["notify_roles"] == ["director"]
    # And the meeting can close: review items need no decision
    meetings.close_meeting(meeting, actor=people[Role.CHANGE_COORDINATOR], now=NEXT_MONDAY_MEETING)
    assert Meeting.objects.get().status == Meeting.Status.CLOSED


def test_an_emergency_may_be_recorded_as_done_straight_away(district, people):
    change = submitted(
        district,
        change_type=Type.EMERGENCY,
        planned_start=TUESDAY,
        planned_end=TUESDAY + timedelta(hours=1),
    )
    implementation.complete_change(
        change,
        actor=people[Role.TECHNICIAN],
        outcome=ChangeRequest.Outcome.POSTPONED,
        now=TUESDAY + timedelta(hours=1),
    )
    change.refresh_from_db()
    assert change.status == Status.COMPLETED
    assert change.started_at is not None
    assert codes(change)[-2:] == ["change.emergency_implemented", "change.completed"]


def test_an_emergency_is_never_decided_and_a_scheduled_change_never_skips_approval(
    district, people
):
    emergency = submitted(
        district,
        change_type=Type.EMERGENCY,
        planned_start=TUESDAY,
        planned_end=TUESDAY + timedelta(hours=1),
    )
    scheduled = submitted(
        district,
        actor=people[Role.TEAM_LEAD],
        planned_start=local(2027, 3, 6, 1),
        planned_end=local(2027, 3, 6, 2),
    )
    open_meeting_with_agenda(district)

    with pytest.raises(DomainError):
        decisions.approve_change(emergency, actor=people[Role.CHANGE_COMMITTEE])
    with pytest.raises(DomainError) as refused:
        implementation.start_change(scheduled, actor=people[Role.TEAM_LEAD])
    assert refused.value.code == "cannot_start"


def test_an_informational_change_goes_on_the_agenda_for_the_record(district, people):
    change = submitted(district, change_type=Type.INFORMATIONAL, service_request=None)
    meeting = open_meeting_with_agenda(district)
    assert meeting.items.get().purpose == AgendaItem.Purpose.INFORM
    implementation.schedule_change(change, actor=people[Role.TECHNICIAN])
    change.refresh_from_db()
    assert change.status == Status.SCHEDULED


# --- The single-approver model (seed 001) -------------------------------------


@pytest.fixture
def single_approver():
    ChangeControlSettings.objects.filter(pk=1).update(
        approval_model=ChangeControlSettings.ApprovalModel.SINGLE_APPROVER
    )


@pytest.mark.usefixtures("single_approver")
def test_the_coordinator_alone_approves_and_the_change_is_eligible_at_once(district, people):
    change = submitted(district)

    with pytest.raises(DomainError):
        decisions.approve_change(change, actor=people[Role.CHANGE_COMMITTEE])
    decisions.approve_change(
        change, actor=people[Role.CHANGE_COORDINATOR], now=local(2027, 2, 3, 9)
    )

    change.refresh_from_db()
    assert change.status == Status.APPROVED
    assert change.eligible_at == local(2027, 2, 3, 9)
    with pytest.raises(DomainError) as refused:
        meetings.plan_meeting(actor=people[Role.CHANGE_COORDINATOR])
    assert refused.value.code == "no_meeting_model"


@pytest.mark.usefixtures("single_approver")
def test_a_single_approver_district_has_no_saturday_boundary(district):
    change = submitted(
        district, planned_start=local(2027, 2, 6, 1), planned_end=local(2027, 2, 6, 2)
    )
    event = Event.objects.for_subject(change).get(code="change.submitted")
    assert event.params["flags"] == ["short_lead_time"]
