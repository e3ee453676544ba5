"""Changes and meetings for tests, made through the services exactly as the application
makes them."""

from datetime import datetime, timedelta

from districtdesk.changes.models import ChangeRequest, Meeting
from districtdesk.changes.services import decisions, meetings, submission
from districtdesk.core.models import EnterpriseSystem, Role
from tests.cast import District
from tests.service_requests.builders import local, submit

# Tuesday 2 February 2027, 10:00: the next meeting is Monday 8 February at 13:00.
TUESDAY = local(2027, 2, 2, 10)
NEXT_MONDAY_MEETING = local(2027, 2, 8, 13)


def linked_request(district: District):
    """A service request from the north campus teacher, which the campus technicians see."""
    return submit(district.people[Role.REQUESTER], now=TUESDAY - timedelta(days=1))


def change_fields(district: District, **fields) -> dict:
    """A firmware upgrade on Saturday night 20 February 2027: inside the weekend window,
    with 18 days' notice, outside every sample blackout."""
    values = {
        "title": "Upgrade core switch firmware",
        "change_type": ChangeRequest.Type.SCHEDULED,
        "category": ChangeRequest.Category.OS_FIRMWARE,
        "description": "Move the north core switch to the vendor's long-term release.",
        "reason": "The running release is out of support.",
        "risk_level": ChangeRequest.Risk.MEDIUM,
        "risk_and_impact": "The campus network is down for about twenty minutes.",
        "affected_users": "North campus staff, told by email on 1 February.",
        "implementation_plan": "Stage the image, reload, check uplinks.",
        "back_out_plan": "Boot the previous image kept on flash.",
        "test_plan": "Ping every closet switch and sign in to Infinite Campus.",
        "planned_start": local(2027, 2, 20, 20),
        "planned_end": local(2027, 2, 20, 23),
        "affects_connectivity": True,
        "service_request": linked_request(district),
        "systems": [EnterpriseSystem.objects.get(code="infinite-campus")],
        "campuses": [district.north],
    }
    values.update(fields)
    return values


def draft(district: District, *, actor=None, now: datetime = TUESDAY, **fields) -> ChangeRequest:
    return submission.draft_change(
        actor=actor or district.people[Role.TECHNICIAN],
        now=now,
        **change_fields(district, **fields),
    )


def submitted(
    district: District, *, actor=None, now: datetime = TUESDAY, **fields
) -> ChangeRequest:
    actor = actor or district.people[Role.TECHNICIAN]
    change = draft(district, actor=actor, now=now, **fields)
    return submission.submit_change(change, actor=actor, now=now)


def open_meeting_with_agenda(district: District, *, now: datetime = NEXT_MONDAY_MEETING) -> Meeting:
    """The coordinator plans the meeting, builds its agenda and opens it at its time."""
    coordinator = district.people[Role.CHANGE_COORDINATOR]
    meeting = meetings.plan_meeting(actor=coordinator, scheduled_for=now, now=now)
    meetings.build_agenda(meeting, actor=coordinator, now=now)
    return meetings.open_meeting(meeting, actor=coordinator, now=now)


def approved(district: District, change: ChangeRequest, *, now: datetime = NEXT_MONDAY_MEETING):
    """Approved by the committee at Monday's meeting, which then closes."""
    meeting = open_meeting_with_agenda(district, now=now)
    decisions.approve_change(change, actor=district.people[Role.CHANGE_COMMITTEE], now=now)
    meetings.close_meeting(
        meeting, actor=district.people[Role.CHANGE_COORDINATOR], now=now + timedelta(hours=1)
    )
    change.refresh_from_db()
    return change
