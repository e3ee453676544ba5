"""The service-request API: submitting, listing and working requests over /api/v1/requests/,
each answer checked as the caller sees it, at pinned times."""

from datetime import datetime

import pytest

from districtdesk.activity.models import Event
from districtdesk.core.models import Person, Role
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import working
from tests.core.factories import PersonFactory
from tests.service_requests.api_calls import REQUESTS, TUESDAY_9, api, get, post, step
from tests.service_requests.builders import local, priority, submit

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status


def when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def targets(body: dict) -> dict[str, dict]:
    return {target["kind"]: target for target in body["targets"]}


def categorised(request: ServiceRequest, analyst, code: str = "1.3", **fields) -> ServiceRequest:
    working.categorise_request(
        request,
        actor=analyst,
        category=priority(code).category,
        priority=priority(code),
        now=fields.pop("now", request.submitted_at),
        **fields,
    )
    request.refresh_from_db()
    return request


def new_request_fields(district, **fields) -> dict:
    return {
        "summary": "Projector in room 101 shows no picture",
        "description": "The projector powers on but the screen stays blue.",
        "impact": "Second-grade lessons rely on it every morning.",
        "campus": district.north.pk,
        **fields,
    }


# --- Submitting ---------------------------------------------------------------


def test_a_requester_submits_a_request_that_waits_to_be_categorised(people, district):
    # When the teacher submits through the API at 9:00 on Tuesday 2 February 2027
    response = post(people[Role.REQUESTER], REQUESTS, new_request_fields(district))

    # Then it is stored as hers, through the API channel, due to be categorised by 11:00
    assert response.status_code == 201
    body = response.json()
    stored = ServiceRequest.objects.get()
    assert body["number"] == stored.number
    assert (body["status"], body["channel"]) == ("new", "api")
    assert body["requester"] == {"id": people[Role.REQUESTER].pk, "name": "Rosa Alvarez"}
    assert (stored.requester, stored.channel) == (people[Role.REQUESTER], "api")
    assert when(body["due_at"]) == local(2027, 2, 2, 11)
    assert targets(body)["categorise"]["state"] == "running"
    event = Event.objects.for_subject(stored).get()
    assert (event.code, event.actor, event.params["channel"]) == (
        "request.submitted",
        people[Role.REQUESTER],
        "api",
    )


def test_missing_and_malformed_fields_are_a_400_naming_each_field(people):
    response = post(
        people[Role.REQUESTER], REQUESTS, {"summary": "  ", "urgency": "whenever", "campus": 0}
    )

    assert response.status_code == 400
    assert set(response.json()) == {"summary", "description", "impact", "urgency", "campus"}
    assert not ServiceRequest.objects.exists()


def test_a_body_that_is_not_json_is_a_400_in_the_field_errors_shape(people):
    response = api(people[Role.REQUESTER]).post(
        REQUESTS, b"{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_a_requester_entering_a_request_for_someone_else_is_refused_on_requester(people, district):
    fields = new_request_fields(district, requester=people[Role.PRINCIPAL].pk)

    response = post(people[Role.REQUESTER], REQUESTS, fields)

    assert response.status_code == 400
    assert list(response.json()) == ["requester"]
    assert "enter requests for others" in response.json()["requester"][0]
    assert not ServiceRequest.objects.exists()


def test_a_requester_cannot_choose_the_channel_or_categorise_on_entry(people, district):
    fields = new_request_fields(
        district,
        channel="phone",
        category=priority("1.1").category.pk,
        priority=priority("1.1").pk,
    )

    response = post(people[Role.REQUESTER], REQUESTS, fields)

    assert response.status_code == 400
    assert set(response.json()) == {"channel", "category", "priority"}
    assert not ServiceRequest.objects.exists()


def test_an_analyst_enters_a_phone_call_categorised_on_entry(people, district):
    # When the analyst takes the teacher's call and enters it as Break Fix, Instructional
    fields = new_request_fields(
        district,
        requester=people[Role.REQUESTER].pk,
        channel="phone",
        category=priority("1.3").category.pk,
        priority=priority("1.3").pk,
    )
    response = post(people[Role.CCC_ANALYST], REQUESTS, fields)

    # Then it is hers, routed to the campus technicians, and due in three business days
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["channel"]) == ("open", "phone")
    assert body["requester"]["id"] == people[Role.REQUESTER].pk
    assert body["priority"] == {
        "id": priority("1.3").pk,
        "code": "1.3",
        "name": priority("1.3").name,
        "sla_label": "3 days",
    }
    assert body["team"]["id"] == district.campus_team.pk
    clocks = targets(body)
    assert clocks["categorise"]["state"] == "met"
    assert when(clocks["acknowledge"]["due_at"]) == local(2027, 2, 3, 9)
    assert when(clocks["resolve"]["due_at"]) == local(2027, 2, 5, 9)
    assert ServiceRequest.objects.get().entered_by == people[Role.CCC_ANALYST]


def test_a_phone_call_without_a_category_is_refused_by_the_service_on_category(people, district):
    fields = new_request_fields(district, requester=people[Role.REQUESTER].pk, channel="phone")

    response = post(people[Role.CCC_ANALYST], REQUESTS, fields)

    assert response.status_code == 400
    assert list(response.json()) == ["category"]
    assert not ServiceRequest.objects.exists()


def test_a_technician_entering_a_request_for_a_caller_elsewhere_is_answered_it(people, district):
    # Given a caller at South High, a campus the technician's team does not serve
    caller = PersonFactory(home_campus=district.south)
    fields = new_request_fields(
        district, requester=caller.pk, channel="email", campus=district.south.pk
    )

    response = post(people[Role.TECHNICIAN], REQUESTS, fields)

    # Then whoever took it keeps sight of it, and is answered it
    assert response.status_code == 201
    assert response.json()["requester"]["id"] == caller.pk
    assert ServiceRequest.objects.get().entered_by == people[Role.TECHNICIAN]


def test_a_room_at_another_campus_is_refused_on_room(people, district):
    fields = new_request_fields(district, room=district.south.rooms.get().pk)

    response = post(people[Role.REQUESTER], REQUESTS, fields)

    assert response.status_code == 400
    assert response.json() == {"room": ["Room A100 is not at Northeast Elementary."]}


# --- Reading ----------------------------------------------------------------


def test_the_list_shows_each_caller_only_the_requests_they_may_see(people, district):
    # Given a request from the north campus teacher and one from someone at South High
    north = submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9))
    south = submit(PersonFactory(home_campus=district.south), now=local(2027, 2, 1, 10))

    def listed(role):
        response = get(people[role], REQUESTS)
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    # Then (newest first)
    assert listed(Role.REQUESTER) == [north.pk]
    assert listed(Role.TECHNICIAN) == [north.pk]  # the north team serves the north campus
    assert listed(Role.CCC_ANALYST) == [south.pk, north.pk]
    assert listed(Role.BUSINESS_OFFICE) == []


@pytest.fixture
def assorted(people, district):
    """Four requests submitted Tuesday 9:00, and the analyst who sees them all."""
    analyst, technician = people[Role.CCC_ANALYST], people[Role.TECHNICIAN]
    worked = categorised(submit(people[Role.REQUESTER], now=TUESDAY_9), analyst)
    working.acknowledge_request(worked, actor=technician, now=local(2027, 2, 2, 9, 30))
    emailed = submit(
        people[Role.REQUESTER], actor=analyst, channel="email", now=TUESDAY_9
    )  # uncategorised: due to be categorised by 11:00
    phoned = submit(
        PersonFactory(home_campus=district.south),
        actor=analyst,
        channel="phone",
        category=priority("1.1").category,
        priority=priority("1.1"),
        summary="Whole campus offline",
        now=TUESDAY_9,
    )  # an emergency: due 13:00
    own = submit(technician, campus=district.north, now=TUESDAY_9)  # uncategorised
    return {"worked": worked, "emailed": emailed, "phoned": phoned, "own": own}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "new"}, {"emailed", "own"}),
        ({"status": ["new", "in_progress"]}, {"worked", "emailed", "own"}),
        ({"channel": "phone"}, {"phoned"}),
        ({"category": 1}, {"worked", "phoned"}),
        ({"overdue": "true"}, {"emailed", "own"}),  # at 12:00, past their 11:00
        ({"overdue": "false"}, {"worked", "phoned"}),
        ({"q": "offline"}, {"phoned"}),
        ({"status": "new", "campus": "north"}, {"emailed", "own"}),
        ({"campus": "south"}, {"phoned"}),
        ({"team": "campus_team"}, {"worked"}),
        ({"assignee": "technician"}, {"worked"}),
        ({"priority": "1.1"}, {"phoned"}),
        ({"q": "number of phoned"}, {"phoned"}),
        ({"q": "SR-number of phoned"}, {"phoned"}),
    ],
)
def test_the_list_filters(people, district, assorted, params, expected):
    ids = {
        "north": district.north.pk,
        "south": district.south.pk,
        "campus_team": district.campus_team.pk,
        "technician": people[Role.TECHNICIAN].pk,
        "1.1": priority("1.1").pk,
        "number of phoned": str(assorted["phoned"].pk),
        "SR-number of phoned": assorted["phoned"].number,
    }
    query = {
        name: ids.get(value, value) if isinstance(value, str) else value
        for name, value in params.items()
    }

    response = get(people[Role.CCC_ANALYST], REQUESTS, query, at=local(2027, 2, 2, 12))

    assert response.status_code == 200
    found = {row["id"] for row in response.json()["results"]}
    assert found == {assorted[name].pk for name in expected}


def test_mine_lists_the_requests_the_caller_asked_for(people, assorted):
    response = get(people[Role.TECHNICIAN], REQUESTS, {"mine": "true"})

    assert [row["id"] for row in response.json()["results"]] == [assorted["own"].pk]


@pytest.mark.parametrize(
    "params",
    [{"status": "lost"}, {"priority": 0}, {"category": "1.5"}, {"page_size": 0}],
)
def test_a_filter_it_cannot_read_is_a_400_naming_it(people, params):
    response = get(people[Role.CCC_ANALYST], REQUESTS, params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_pages_run_newest_first_by_keyset(people):
    for hour in (9, 10, 11):
        submit(people[Role.REQUESTER], now=local(2027, 2, 2, hour))
    newest_first = list(
        ServiceRequest.objects.order_by("-submitted_at").values_list("pk", flat=True)
    )

    first = get(people[Role.REQUESTER], REQUESTS, {"page_size": 2}).json()
    second = api(people[Role.REQUESTER]).get(first["next"]).json()

    assert [row["id"] for row in first["results"] + second["results"]] == newest_first


def test_a_request_out_of_scope_is_a_404_like_one_that_does_not_exist(people, assorted):
    outsider = people[Role.BUSINESS_OFFICE]
    pk = assorted["worked"].pk
    missing = ServiceRequest.objects.order_by("-pk").first().pk + 1
    calls = {
        "read": lambda pk: get(outsider, f"{REQUESTS}{pk}/"),
        "resolve": lambda pk: post(outsider, step(pk, "resolve"), {"resolution": "Done"}),
        "acknowledge": lambda pk: post(outsider, step(pk, "acknowledge")),
    }

    for name, call in calls.items():
        hidden, absent = call(pk), call(missing)
        assert (hidden.status_code, absent.status_code) == (404, 404), name
        assert hidden.content == absent.content, name
    assert ServiceRequest.objects.get(pk=pk).status == Status.IN_PROGRESS


# --- Working ----------------------------------------------------------------


def test_the_whole_journey_through_the_steps_with_its_clocks(people, district):
    requester, analyst = people[Role.REQUESTER], people[Role.CCC_ANALYST]
    technician = people[Role.TECHNICIAN]
    # Given the teacher's request, submitted through the API on Tuesday 2 February at 9:00
    pk = post(requester, REQUESTS, new_request_fields(district)).json()["id"]

    # When the analyst categorises it at 9:30 as Break Fix, Instructional (3 days)
    body = post(
        analyst,
        step(pk, "categorise"),
        {"category": priority("1.3").category.pk, "priority": priority("1.3").pk},
        at=local(2027, 2, 2, 9, 30),
    ).json()
    # Then it goes to the campus technicians, to be acknowledged within a business day
    # and resolved three business days after submission
    clocks = targets(body)
    assert (body["status"], body["team"]["id"]) == ("open", district.campus_team.pk)
    assert (clocks["categorise"]["state"], when(clocks["categorise"]["completed_at"])) == (
        "met",
        local(2027, 2, 2, 9, 30),
    )
    assert when(clocks["acknowledge"]["due_at"]) == local(2027, 2, 3, 9, 30)
    assert when(clocks["resolve"]["due_at"]) == local(2027, 2, 5, 9)
    assert when(body["due_at"]) == local(2027, 2, 3, 9, 30)

    # When the technician acknowledges it at 10:00, it is theirs and due Friday 9:00
    body = post(technician, step(pk, "acknowledge"), at=local(2027, 2, 2, 10)).json()
    assert (body["status"], body["assignee"]["id"]) == ("in_progress", technician.pk)
    assert targets(body)["acknowledge"]["state"] == "met"
    assert when(body["due_at"]) == local(2027, 2, 5, 9)

    # When it waits on a vendor from Wednesday 9:00, the resolve clock stops
    body = post(
        technician,
        step(pk, "wait"),
        {"waiting_on": "vendor", "reason": "Replacement lamp ordered"},
        at=local(2027, 2, 3, 9),
    ).json()
    assert (body["status"], body["waiting_on"]) == ("waiting", "vendor")
    assert (targets(body)["resolve"]["state"], targets(body)["resolve"]["due_at"]) == (
        "paused",
        None,
    )
    assert body["due_at"] is None

    # When work resumes on Thursday 9:00, the nine working hours waited move the due time
    body = post(technician, step(pk, "resume"), at=local(2027, 2, 4, 9)).json()
    assert (body["status"], body["waiting_on"]) == ("in_progress", "")
    assert when(targets(body)["resolve"]["due_at"]) == local(2027, 2, 8, 9)
    assert targets(body)["resolve"]["state"] == "running"
    assert targets(body)["resolve"]["explanation"].endswith(
        "paused Wed 9:00–Thu 9:00 (9h of working time); due Mon 9:00"
    )

    # When it is resolved Thursday 14:00, every promise is met
    body = post(
        technician,
        step(pk, "resolve"),
        {"resolution": "Replaced the lamp"},
        at=local(2027, 2, 4, 14),
    ).json()
    assert (body["status"], body["resolution"]) == ("resolved", "Replaced the lamp")
    assert [t["state"] for t in body["targets"]] == ["met", "met", "met"]
    assert body["due_at"] is None

    # When the teacher reopens it Friday 10:00, the resolve clock runs again from its start
    body = post(
        requester, step(pk, "reopen"), {"reason": "Still no picture"}, at=local(2027, 2, 5, 10)
    ).json()
    assert (body["status"], body["resolved_at"]) == ("in_progress", None)
    assert targets(body)["resolve"]["state"] == "running"
    assert when(body["due_at"]) == local(2027, 2, 8, 9)

    # When it is resolved again at 11:00 and the teacher closes it at 12:00
    post(
        technician,
        step(pk, "resolve"),
        {"resolution": "Replaced the cable too"},
        at=local(2027, 2, 5, 11),
    )
    body = post(requester, step(pk, "close"), at=local(2027, 2, 5, 12)).json()

    # Then it is closed, its resolve target met at 11:00, and every step is on its timeline
    assert (body["status"], when(body["closed_at"])) == ("closed", local(2027, 2, 5, 12))
    resolve = targets(body)["resolve"]
    assert (resolve["state"], when(resolve["completed_at"])) == ("met", local(2027, 2, 5, 11))
    codes = Event.objects.for_subject(ServiceRequest(pk=pk)).order_by("occurred_at", "pk")
    assert list(codes.values_list("code", flat=True)) == [
        "request.submitted",
        "request.categorised",
        "request.acknowledged",
        "request.waiting",
        "request.resumed",
        "request.resolved",
        "request.reopened",
        "request.resolved",
        "request.closed",
    ]


def test_a_promise_past_its_due_time_reads_overdue_and_so_does_the_request(people):
    request = categorised(submit(people[Role.REQUESTER], now=TUESDAY_9), people[Role.CCC_ANALYST])

    late = get(people[Role.TECHNICIAN], f"{REQUESTS}{request.pk}/", at=local(2027, 2, 3, 10))

    body = late.json()
    assert targets(body)["acknowledge"]["state"] == "overdue"  # due Wednesday 9:00
    assert body["is_overdue"] is True


def test_recategorising_keeps_the_clock_start_and_needs_a_reason(people):
    request = categorised(submit(people[Role.REQUESTER], now=TUESDAY_9), people[Role.CCC_ANALYST])
    emergency = {"category": priority("1.1").category.pk, "priority": priority("1.1").pk}

    without_reason = post(people[Role.TECHNICIAN], step(request.pk, "recategorise"), emergency)
    body = post(
        people[Role.TECHNICIAN],
        step(request.pk, "recategorise"),
        {**emergency, "reason": "The whole campus is offline"},
        at=local(2027, 2, 2, 10),
    ).json()

    assert list(without_reason.json()) == ["reason"]
    assert body["priority"]["code"] == "1.1"
    assert when(targets(body)["resolve"]["due_at"]) == local(2027, 2, 2, 13)


def test_a_step_the_status_does_not_allow_is_a_400_with_the_message(people):
    request = categorised(submit(people[Role.REQUESTER], now=TUESDAY_9), people[Role.CCC_ANALYST])

    response = post(people[Role.TECHNICIAN], step(request.pk, "resume"))

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["A request that is “Awaiting acknowledgement” cannot be resumed."]
    }
    request.refresh_from_db()
    assert request.status == Status.OPEN


def test_a_priority_from_another_category_is_refused_on_priority(people):
    request = submit(people[Role.REQUESTER], now=TUESDAY_9)

    response = post(
        people[Role.CCC_ANALYST],
        step(request.pk, "categorise"),
        {"category": priority("1.3").category.pk, "priority": priority("5.3").pk},
    )

    assert response.status_code == 400
    assert list(response.json()) == ["priority"]
    assert "does not belong to category" in response.json()["priority"][0]


def test_an_assignee_from_another_team_is_refused_on_assignee(people, district):
    request = categorised(submit(people[Role.REQUESTER], now=TUESDAY_9), people[Role.CCC_ANALYST])

    response = post(
        people[Role.TEAM_LEAD],
        step(request.pk, "assign"),
        {"team": district.campus_team.pk, "assignee": people[Role.CCC_ANALYST].pk},
    )

    assert response.status_code == 400
    assert response.json() == {
        "assignee": ["Ana Costa is not a member of North Campus Technicians."]
    }


def test_a_requester_trying_to_acknowledge_is_a_403(people):
    request = categorised(submit(people[Role.REQUESTER], now=TUESDAY_9), people[Role.CCC_ANALYST])

    response = post(people[Role.REQUESTER], step(request.pk, "acknowledge"))

    assert response.status_code == 403
    assert response.json() == {"detail": "You may not work this request."}
    request.refresh_from_db()
    assert request.status == Status.OPEN


def test_a_step_that_would_take_the_request_out_of_the_callers_sight_is_undone(people, district):
    # Given a South High request routed to the north technicians, whom only that routing
    # lets see it
    stranger = PersonFactory(home_campus=district.south)
    request = categorised(
        submit(stranger, now=TUESDAY_9), people[Role.CCC_ANALYST], team=district.campus_team
    )

    # When the technician hands it to the Customer Care Center
    response = post(
        people[Role.TECHNICIAN], step(request.pk, "assign"), {"team": district.help_desk.pk}
    )

    # Then it is refused, and nothing changed
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.team == district.campus_team
    assert not Event.objects.for_subject(request).filter(code="request.assigned").exists()


# --- Notes ----------------------------------------------------------------------


def test_work_notes_never_reach_the_requester(people):
    # Given a request with a work note from the analyst and a reply from the teacher
    request = submit(people[Role.REQUESTER], now=TUESDAY_9)
    noted = post(
        people[Role.CCC_ANALYST],
        step(request.pk, "notes"),
        {"body": "Lamp hours very high", "visibility": "work_note"},
    )
    replied = post(
        people[Role.REQUESTER],
        step(request.pk, "notes"),
        {"body": "It also beeps", "visibility": "reply"},
        at=local(2027, 2, 2, 9, 5),
    )

    # When each reads it
    as_requester = [
        get(people[Role.REQUESTER], f"{REQUESTS}{request.pk}/"),
        get(people[Role.REQUESTER], REQUESTS),
    ]
    as_technician = get(people[Role.TECHNICIAN], f"{REQUESTS}{request.pk}/")

    # Then the requester's answers do not contain the work note anywhere; staff see both
    assert (noted.status_code, replied.status_code) == (200, 200)
    assert b"Lamp hours very high" not in replied.content
    for response in as_requester:
        assert b"Lamp hours very high" not in response.content
        assert b"It also beeps" in response.content
    assert [n["visibility"] for n in as_technician.json()["notes"]] == ["work_note", "reply"]


def test_a_requester_writing_a_work_note_is_a_403_and_nothing_is_written(people):
    request = submit(people[Role.REQUESTER], now=TUESDAY_9)

    response = post(
        people[Role.REQUESTER],
        step(request.pk, "notes"),
        {"body": "Please hurry", "visibility": "work_note"},
    )

    assert response.status_code == 403
    assert not request.notes.exists()


# --- Cost -------------------------------------------------------------------------


def test_a_list_page_costs_the_same_few_queries_with_thirty_rows(
    people, district, django_assert_max_num_queries
):
    # Given thirty categorised requests, each with a work note and a reply
    analyst = people[Role.CCC_ANALYST]
    for index in range(30):
        request = categorised(
            submit(people[Role.REQUESTER], now=local(2027, 2, 1, 8, index)), analyst
        )
        working.add_note(request, actor=analyst, body="Checked", visibility="work_note")
        working.add_note(request, actor=people[Role.REQUESTER], body="Thanks", visibility="reply")
    technician = Person.objects.get(username="technician")  # nothing cached on it

    # When the technician lists them
    with django_assert_max_num_queries(12):
        response = get(technician, REQUESTS, {"page_size": 30})

    # Then
    assert len(response.json()["results"]) == 30
