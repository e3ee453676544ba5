"""The change-control API over /api/v1/changes/ and /api/v1/change-meetings/: the journey
from a flagged draft to a reviewed change, and the answers for bad input and other roles,
at pinned times."""

from datetime import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from districtdesk.changes.models import ChangeRequest
from districtdesk.core.models import EnterpriseSystem, Role
from tests.changes.builders import NEXT_MONDAY_MEETING, TUESDAY, linked_request, submitted
from tests.service_requests.builders import local

pytestmark = pytest.mark.django_db
CHANGES = "/api/v1/changes/"
MEETINGS = "/api/v1/change-meetings/"


def post(person, path: str, data: dict | None = None, *, at: datetime = TUESDAY):
    client = APIClient()
    client.force_authenticate(user=person)
    with time_machine.travel(at, tick=False):
        return client.post(path, data or {}, format="json")


def get(person, path: str, *, at: datetime = TUESDAY):
    client = APIClient()
    client.force_authenticate(user=person)
    with time_machine.travel(at, tick=False):
        return client.get(path)


def draft_fields(district, **fields) -> dict:
    return {
        "title": "Upgrade core switch firmware",
        "change_type": "scheduled",
        "category": "os_firmware",
        "systems": [EnterpriseSystem.objects.get(code="infinite-campus").pk],
        "campuses": [district.north.pk],
        "description": "Move the north core switch to the long-term release.",
        "reason": "The running release is out of support.",
        "risk_level": "medium",
        "risk_and_impact": "The campus network is down for twenty minutes.",
        "affected_users": "North campus staff, told by email.",
        "implementation_plan": "Stage, reload, check uplinks.",
        "back_out_plan": "Boot the previous image.",
        "test_plan": "Ping every closet switch.",
        # Wednesday afternoon, during the school day: outside the maintenance window.
        "planned_start": local(2027, 2, 24, 14).isoformat(),
        "planned_end": local(2027, 2, 24, 15).isoformat(),
        "affects_connectivity": True,
        "service_request": linked_request(district).pk,
        **fields,
    }


def test_a_network_change_is_flagged_fixed_approved_implemented_and_reviewed(district, people):
    technician, coordinator = people[Role.TECHNICIAN], people[Role.CHANGE_COORDINATOR]
    committee = people[Role.CHANGE_COMMITTEE]

    # Given a draft that falls outside the maintenance window: it is flagged with the reason
    response = post(technician, CHANGES, draft_fields(district))
    assert response.status_code == 201, response.json()
    change = response.json()
    assert change["status"] == "draft"
    assert [flag["code"] for flag in change["flags"]] == ["outside_window"]
    assert "maintenance windows" in change["flags"][0]["reason"]

    # When the technician moves it to Saturday night and submits it
    step = f"{CHANGES}{change['id']}/"
    revised = post(
        technician,
        step + "revise/",
        {
            "planned_start": local(2027, 2, 20, 20).isoformat(),
            "planned_end": local(2027, 2, 20, 22).isoformat(),
        },
    )
    assert revised.json()["flags"] == []
    assert post(technician, step + "submit/").json()["status"] == "submitted"

    # And the coordinator plans Monday's meeting, which builds its agenda; the committee approves
    meeting = post(coordinator, MEETINGS, {"scheduled_for": NEXT_MONDAY_MEETING.isoformat()})
    assert meeting.status_code == 201
    meeting_url = f"{MEETINGS}{meeting.json()['id']}/"
    agenda = post(coordinator, meeting_url + "build-agenda/").json()
    assert [(item["change"]["number"], item["purpose"]) for item in agenda["items"]] == [
        (change["number"], "decide")
    ]
    at_meeting = {"at": NEXT_MONDAY_MEETING}
    post(coordinator, meeting_url + "open/", **at_meeting)
    attendance = post(
        coordinator,
        meeting_url + "attendance/",
        {"attendees": [committee.pk, coordinator.pk]},
        **at_meeting,
    )
    assert len(attendance.json()["attendees"]) == 2
    approved = post(committee, step + "approve/", {"notes": "Go ahead."}, **at_meeting)
    assert approved.json()["status"] == "approved"
    assert approved.json()["eligible_at"] is None
    closed = post(
        coordinator, meeting_url + "close/", {"minutes": "One change approved."}, **at_meeting
    )
    assert closed.json()["status"] == "closed"

    # Then it is implemented and reviewed, and closes
    saturday = {"at": local(2027, 2, 20, 20)}
    post(technician, step + "schedule/", **at_meeting)
    assert post(technician, step + "start/", **saturday).json()["status"] == "in_progress"
    completed = post(technician, step + "complete/", {"outcome": "successful"}, **saturday)
    assert completed.json()["outcome"] == "successful"
    reviewed = post(
        technician,
        step + "review/",
        {"what_happened": "Done in 15 minutes.", "impact": "None."},
        **saturday,
    )
    assert reviewed.json()["review"]["reviewer"]["id"] == technician.pk
    assert post(coordinator, step + "close/", **saturday).json()["status"] == "closed"


def test_a_bad_plan_is_a_400_with_field_errors_and_nothing_is_stored(district, people):
    response = post(
        people[Role.TECHNICIAN],
        CHANGES,
        draft_fields(district, planned_end=local(2027, 2, 24, 13).isoformat()),
    )
    assert response.status_code == 400
    assert "planned_end" in response.json()
    assert not ChangeRequest.objects.exists()


def test_a_service_request_the_caller_cannot_see_reads_as_unknown(district, people):
    # The coordinator is not among the request's viewers (teacher, principal, campus team).
    response = post(people[Role.CHANGE_COORDINATOR], CHANGES, draft_fields(district))
    assert response.status_code == 400
    assert "service_request" in response.json()


def test_a_requester_cannot_write_changes_or_see_them(district, people):
    change = submitted(district)
    requester = people[Role.REQUESTER]

    assert post(requester, CHANGES, draft_fields(district)).status_code == 403
    assert get(requester, f"{CHANGES}{change.pk}/").status_code == 404
    assert get(requester, CHANGES).json()["results"] == []


def test_a_technician_may_not_approve_and_the_denial_reason_is_required(district, people):
    change = submitted(district)
    url = f"{CHANGES}{change.pk}/"

    assert post(people[Role.TECHNICIAN], url + "approve/").status_code == 403
    refused = post(people[Role.CHANGE_COMMITTEE], url + "deny/", {"notes": "No."})
    assert refused.status_code == 400
    assert "denial_reason" in refused.json()


def test_the_list_leaves_flags_to_the_detail(district, people):
    change = submitted(district)
    listed = get(people[Role.DIRECTOR], CHANGES).json()["results"]
    assert [(row["number"], row["flags"]) for row in listed] == [(change.number, None)]
    assert get(people[Role.DIRECTOR], f"{CHANGES}{change.pk}/").json()["flags"] == []
