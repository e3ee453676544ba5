"""The API's corrections and scheduled work: PATCH of descriptive fields with a recorded
diff, moving a planned completion date, and approving work ahead of overdue requests."""

from datetime import date

import pytest

from districtdesk.activity.models import Event
from districtdesk.core.models import EnterpriseSystem, Role, Room
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import working
from tests.service_requests.api_calls import REQUESTS, TUESDAY_9, api, patch, post, step
from tests.service_requests.builders import local, priority, submit

pytestmark = pytest.mark.django_db


def detail(request: ServiceRequest) -> str:
    return f"{REQUESTS}{request.pk}/"


@pytest.fixture
def request_(people) -> ServiceRequest:
    return submit(people[Role.REQUESTER], now=local(2027, 2, 2, 8))


def test_the_requester_corrects_her_new_request_and_history_keeps_each_change(
    people, district, request_
):
    library = Room.objects.get(campus=district.north, number="LIB")

    response = patch(
        people[Role.REQUESTER],
        detail(request_),
        {"summary": "Library projector shows no picture", "room": library.pk},
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["summary"] == "Library projector shows no picture"
    assert body["room"] == {"id": library.pk, "number": "LIB"}
    edited = Event.objects.for_subject(request_).get(code="request.edited")
    assert edited.actor == people[Role.REQUESTER]
    assert edited.params["diff"]["summary"] == {
        "before": "Projector in room 101 shows no picture",
        "after": "Library projector shows no picture",
    }
    assert edited.params["diff"]["room"]["after"] == {"id": library.pk, "name": str(library)}


def test_a_patch_that_changes_nothing_writes_no_history(people, request_):
    response = patch(people[Role.REQUESTER], detail(request_), {"urgency": "medium"})

    assert response.status_code == 200
    assert not Event.objects.for_subject(request_).filter(code="request.edited").exists()


def test_a_room_at_another_campus_is_refused_on_room(people, district, request_):
    elsewhere = Room.objects.get(campus=district.south)

    response = patch(people[Role.REQUESTER], detail(request_), {"room": elsewhere.pk})

    assert response.status_code == 400
    assert list(response.json()) == ["room"]
    request_.refresh_from_db()
    assert request_.room is None


def test_bad_values_are_field_errors(people, request_):
    response = patch(
        people[Role.REQUESTER],
        detail(request_),
        {"summary": "", "urgency": "whenever", "system": 999999},
    )

    assert response.status_code == 400
    assert set(response.json()) == {"summary", "urgency", "system"}


def test_workflow_fields_cannot_be_patched(people, request_):
    response = patch(people[Role.REQUESTER], detail(request_), {"status": "closed"})

    # Unknown fields are ignored, as everywhere in the API; status stays the workflow's.
    assert response.status_code == 200
    request_.refresh_from_db()
    assert request_.status == ServiceRequest.Status.NEW


def test_the_requester_may_not_edit_once_work_has_started_but_its_technician_may(people, request_):
    analyst, technician = people[Role.CCC_ANALYST], people[Role.TECHNICIAN]
    working.categorise_request(
        request_, actor=analyst, category=priority("1.3").category, priority=priority("1.3")
    )
    working.acknowledge_request(request_, actor=technician)

    refused = patch(people[Role.REQUESTER], detail(request_), {"summary": "Changed my mind"})
    corrected = patch(technician, detail(request_), {"asset_tag": "T-104233"})

    assert refused.status_code == 403
    assert corrected.status_code == 200
    assert corrected.json()["asset_tag"] == "T-104233"


def test_people_who_cannot_see_the_request_get_404(people, request_):
    response = patch(people[Role.BUSINESS_OFFICE], detail(request_), {"summary": "Mine now"})

    assert response.status_code == 404


def test_put_is_not_offered(people, request_):
    response = api(people[Role.REQUESTER]).put(detail(request_), {}, format="json")

    assert response.status_code == 405


def test_a_system_can_be_named_and_cleared(people, request_):
    infinite_campus = EnterpriseSystem.objects.get(code="infinite-campus")

    named = patch(people[Role.REQUESTER], detail(request_), {"system": infinite_campus.pk})
    cleared = patch(people[Role.REQUESTER], detail(request_), {"system": None})

    assert named.json()["system"]["code"] == "infinite-campus"
    assert cleared.json()["system"] is None


# --- Scheduled maintenance --------------------------------------------------------------


def test_categorising_scheduled_work_needs_its_planned_date(people, request_):
    fields = {"category": priority("5.3").category.pk, "priority": priority("5.3").pk}

    missing = post(people[Role.CCC_ANALYST], step(request_.pk, "categorise"), fields)
    given = post(
        people[Role.CCC_ANALYST],
        step(request_.pk, "categorise"),
        {**fields, "planned_completion": "2027-03-01"},
    )

    assert missing.status_code == 400
    assert list(missing.json()) == ["planned_completion"]
    assert given.status_code == 200
    assert given.json()["planned_completion"] == "2027-03-01"
    assert given.json()["status_note_due_at"] is not None


def test_a_team_lead_moves_scheduled_work_ahead_and_a_technician_moves_its_date(people, request_):
    working.categorise_request(
        request_,
        actor=people[Role.CCC_ANALYST],
        category=priority("5.4").category,
        priority=priority("5.4"),
        planned_completion=date(2027, 3, 1),
        now=TUESDAY_9,
    )

    by_technician = post(
        people[Role.TECHNICIAN], step(request_.pk, "work-ahead"), {"reason": "Please"}
    )
    by_lead = post(
        people[Role.TEAM_LEAD], step(request_.pk, "work-ahead"), {"reason": "Board meeting"}
    )
    moved = post(
        people[Role.TECHNICIAN],
        step(request_.pk, "plan"),
        {"planned_completion": "2027-03-19", "reason": "Parts arrive late"},
    )

    assert by_technician.status_code == 403
    assert by_lead.status_code == 200
    assert by_lead.json()["worked_ahead_approved_by"]["id"] == people[Role.TEAM_LEAD].pk
    assert moved.status_code == 200
    assert moved.json()["planned_completion"] == "2027-03-19"
