"""The service-request pages through Django's test client: the queues, a request's page
with its actions, and the home page panels, for the right people only."""

import re

import pytest
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.service_requests.models import Note, ServiceRequest
from districtdesk.service_requests.services import working
from districtdesk.service_requests.views import ACTIONS
from tests.core.factories import CampusFactory, PersonFactory, TeamFactory
from tests.service_requests.builders import local, submit
from tests.service_requests.pages import categorised, text

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status

# --- Queues ----------------------------------------------------------------------------


def test_the_uncategorised_queue_shows_which_odd_hour_review_is_due(client, people, now):
    submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 20))
    client.force_login(people[Role.CCC_ANALYST])

    response = client.get(reverse("request_queue", args=["uncategorised"]))

    # At 10:00 with no review recorded, the 9:00 review is due.
    assert response.status_code == 200
    assert response.context["cadence"].due_since == local(2027, 2, 2, 9)
    assert 'datetime="2027-02-02T09:00:00-06:00"' in text(response)
    assert len(response.context["page"]) == 1


def test_a_queue_flags_overdue_rows_in_words_and_keeps_the_selectors_order(client, people, now):
    teacher = people[Role.REQUESTER]
    overdue = categorised(submit(teacher, now=local(2027, 1, 25, 9)), people)
    fresh = categorised(submit(teacher, now=local(2027, 2, 2, 9)), people)
    client.force_login(people[Role.TECHNICIAN])

    response = client.get(reverse("request_queue", args=["team"]))

    assert [item.pk for item in response.context["page"]] == [overdue.pk, fresh.pk]
    rows = text(response).split('<li class="request-row')[1:]
    assert rows[0].startswith(" request-row--overdue") and ">Overdue<" in rows[0]
    assert "Overdue" not in rows[1]


def test_a_queue_searches_by_number_or_words_and_filters_in_the_url(client, people, district):
    teacher = people[Role.REQUESTER]
    printer = submit(teacher, now=local(2027, 2, 2, 9), summary="Printer jam in the library")
    submit(teacher, now=local(2027, 2, 2, 9), summary="Wi-Fi drops in room 101")
    stranger = PersonFactory(home_campus=district.south)
    south = submit(stranger, now=local(2027, 2, 2, 9), summary="Printer offline")
    client.force_login(people[Role.CCC_ANALYST])
    url = reverse("request_queue", args=["uncategorised"])

    def found(**params) -> list[int]:
        return [item.pk for item in client.get(url, params).context["page"]]

    assert found(q=printer.number) == [printer.pk]
    assert sorted(found(q="printer")) == sorted([printer.pk, south.pk])
    assert found(q="printer", campus=district.south.pk) == [south.pk]
    assert found(q="nothing like this") == []


def test_a_queue_search_with_htmx_returns_only_the_results(client, people):
    submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9), summary="Printer jam")
    client.force_login(people[Role.CCC_ANALYST])

    response = client.get(
        reverse("request_queue", args=["uncategorised"]), {"q": "printer"}, HTTP_HX_REQUEST="true"
    )

    page = text(response)
    assert "<html" not in page
    assert 'id="queue-count"' in page and 'hx-swap-oob="true"' in page
    assert "Printer jam" in page


def test_queues_are_for_staff_only_and_an_unknown_queue_is_a_404(client, people):
    client.force_login(people[Role.REQUESTER])
    assert client.get(reverse("request_queue", args=["mine"])).status_code == 404
    client.force_login(people[Role.DIRECTOR])
    assert client.get(reverse("request_queue", args=["overdue"])).status_code == 200
    assert client.get(reverse("request_queue", args=["everything"])).status_code == 404


def test_a_queue_page_costs_the_same_queries_for_a_few_requests_or_many(
    client, people, district, django_assert_max_num_queries
):
    technician = people[Role.TECHNICIAN]
    client.force_login(technician)
    # Many: more than a full page (50 rows) in the team queue.
    for batch in (3, 100):
        for index in range(batch):
            requester = PersonFactory(home_campus=district.north if index % 2 else CampusFactory())
            request = submit(requester, now=local(2027, 2, 1, 9))
            if index % 2:
                categorised(request, people)
                working.acknowledge_request(request, actor=technician)
        for name in ("team", "mine", "overdue"):
            with django_assert_max_num_queries(12):
                response = client.get(reverse("request_queue", args=[name]))
            assert response.status_code == 200
    client.force_login(people[Role.CCC_ANALYST])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("request_queue", args=["uncategorised"]), {"q": "room"})
    uncategorised = ServiceRequest.objects.filter(status=Status.NEW).count()
    assert response.context["page"].paginator.count == uncategorised


def test_a_teams_open_queue_shows_fifty_requests_a_page_by_due(client, people, district):
    for day in range(1, 28):
        for hour in (9, 13):
            categorised(submit(people[Role.REQUESTER], now=local(2027, 1, day, hour)), people)
    client.force_login(people[Role.TECHNICIAN])

    first = client.get(reverse("request_queue", args=["team"]))
    second = client.get(reverse("request_queue", args=["team"]), {"page": "2"})

    rows = list(first.context["page"]) + list(second.context["page"])
    assert (len(first.context["page"]), len(second.context["page"])) == (50, 4)
    assert [row.due_at for row in rows] == sorted(row.due_at for row in rows)
    assert "Page 1 of 2" in text(first)


def test_paging_stops_at_the_cap_and_says_to_search(client, people, monkeypatch):
    monkeypatch.setattr("districtdesk.service_requests.views.MAX_ROWS", 4)
    monkeypatch.setattr("districtdesk.service_requests.queue_views.QUEUE_PAGE_SIZE", 2)
    for _ in range(7):
        submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9))
    client.force_login(people[Role.CCC_ANALYST])

    response = client.get(reverse("request_queue", args=["uncategorised"]), {"page": "4"})

    assert response.context["page"].number == 2
    page = text(response)
    assert "Only the first 4 are shown: search or filter to find the rest." in page
    assert 'rel="next"' not in page


# --- One request -----------------------------------------------------------------------


def test_a_request_outside_the_viewers_scope_is_a_404(client, people, district):
    request = submit(PersonFactory(home_campus=district.south), now=local(2027, 2, 2, 9))
    for role in (Role.REQUESTER, Role.TECHNICIAN, Role.BUSINESS_OFFICE):
        client.force_login(people[role])
        assert client.get(reverse("request_detail", args=[request.pk])).status_code == 404
        assert client.get(reverse("request_detail", args=[request.pk + 1000])).status_code == 404
    client.force_login(people[Role.CCC_ANALYST])
    assert client.get(reverse("request_detail", args=[request.pk])).status_code == 200


def test_the_page_explains_each_clock_and_lists_the_pauses(client, people, now):
    request = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)
    working.wait_on(
        request, actor=people[Role.TECHNICIAN], waiting_on="vendor", reason="Lamp on order"
    )
    client.force_login(people[Role.TECHNICIAN])

    response = client.get(reverse("request_detail", args=[request.pk]))

    page = text(response)
    assert "Waiting on a vendor — the clock is stopped" in page
    assert "Paused — the clock is stopped" in page  # the resolve clock, in words
    assert "Met" in page  # categorised on time
    assert "no due time while paused" in page  # the explanation's own words
    assert "Waiting on a vendor: Lamp on order" in page
    assert "still waiting" in page


def test_a_requester_never_receives_work_notes(client, people):
    request = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)
    technician = people[Role.TECHNICIAN]
    working.add_note(
        request, actor=technician, body="Vendor quote 4471-B: $312", visibility="work_note"
    )
    working.add_note(
        request, actor=technician, body="A new lamp is on its way.", visibility="reply"
    )

    client.force_login(people[Role.REQUESTER])
    as_requester = client.get(reverse("request_detail", args=[request.pk])).content
    client.force_login(technician)
    as_technician = client.get(reverse("request_detail", args=[request.pk])).content

    assert b"Vendor quote 4471-B" not in as_requester
    assert b"A new lamp is on its way." in as_requester
    assert b"Vendor quote 4471-B" in as_technician
    assert "Work note — staff only".encode() in as_technician


def test_each_viewer_is_offered_only_the_steps_they_may_take_now(client, people):
    request = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)

    def offered(role) -> list[str]:
        client.force_login(people[role])
        context = client.get(reverse("request_detail", args=[request.pk])).context
        return [step for step, *_ in context["actions"]] + (
            ["note"] if context["note_form"] else []
        )

    assert offered(Role.TECHNICIAN) == [
        "acknowledge",
        "resolve",
        "wait",
        "assign",
        "recategorise",
        "note",
    ]
    assert offered(Role.REQUESTER) == ["note"]
    assert offered(Role.DIRECTOR) == []


@pytest.mark.parametrize("step", list(ACTIONS))
def test_every_step_is_post_only(client, people, step):
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9))
    client.force_login(people[Role.CCC_ANALYST])

    response = client.get(reverse(f"request_{step}", args=[request.pk]))

    assert response.status_code == 405


def test_a_step_the_viewer_may_not_take_is_a_404_and_changes_nothing(client, people):
    request = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)
    client.force_login(people[Role.REQUESTER])

    response = client.post(reverse("request_acknowledge", args=[request.pk]), {"status": "open"})

    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == Status.OPEN


def test_without_javascript_a_step_redirects_back_to_the_request(client, people):
    request = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)
    client.force_login(people[Role.TECHNICIAN])

    response = client.post(
        reverse("request_acknowledge", args=[request.pk]), {"status": "open"}, follow=True
    )

    assert response.redirect_chain == [(reverse("request_detail", args=[request.pk]), 302)]
    assert f"{request.number} acknowledged." in text(response)
    request.refresh_from_db()
    assert (request.status, request.assignee) == (Status.IN_PROGRESS, people[Role.TECHNICIAN])


def test_with_htmx_a_step_answers_with_the_panels_and_announces_it(client, people):
    request = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)
    client.force_login(people[Role.TECHNICIAN])

    response = client.post(
        reverse("request_wait", args=[request.pk]),
        {"status": "open", "wait-waiting_on": "vendor", "wait-reason": "Lamp on order"},
        HTTP_HX_REQUEST="true",
    )

    page = text(response)
    assert response.status_code == 200
    assert "<html" not in page and 'id="request-panels"' in page
    assert 'id="request-announcement"' in page and 'hx-swap-oob="true"' in page
    assert f"{request.number} is on hold; its clock is stopped." in page
    assert "Waiting on a vendor — the clock is stopped" in page
    request.refresh_from_db()
    assert request.status == Status.WAITING


def test_a_refusal_from_the_service_is_shown_beside_its_field_with_the_input_kept(
    client, people, district
):
    request = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)
    outsider = PersonFactory(first_name="Olga", last_name="Outside")
    other_team = TeamFactory(name="Network Services")
    other_team.memberships.create(person=outsider)
    client.force_login(people[Role.TECHNICIAN])

    response = client.post(
        reverse("request_assign", args=[request.pk]),
        {"status": "open", "assign-team": district.campus_team.pk, "assign-assignee": outsider.pk},
    )

    assert response.status_code == 200
    form = dict((step, form) for step, _, _, form in response.context["actions"])["assign"]
    assert form.errors == {
        "assignee": ["Olga Outside is not a member of North Campus Technicians."]
    }
    page = text(response)
    assert 'id="id_assign-assignee-errors"' in page
    assert f'<option value="{outsider.pk}" selected>' in page
    assert '<details class="action" open>' in page
    assert (
        "Not saved. Technician: Olga Outside is not a member of North Campus Technicians." in page
    )
    request.refresh_from_db()
    assert request.assignee is None


def test_a_step_from_an_out_of_date_page_is_refused_and_says_what_changed(client, people):
    request = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)
    working.acknowledge_request(request, actor=people[Role.TEAM_LEAD])
    client.force_login(people[Role.TECHNICIAN])

    # The technician's page still showed "Awaiting acknowledgement"
    response = client.post(reverse("request_acknowledge", args=[request.pk]), {"status": "open"})

    assert response.status_code == 200
    assert "This request changed while you were looking at it: it is now “In progress”." in text(
        response
    )
    request.refresh_from_db()
    assert request.assignee == people[Role.TEAM_LEAD]


def test_a_requester_replies_and_may_not_slip_in_a_work_note(client, people):
    request = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)
    client.force_login(people[Role.REQUESTER])
    url = reverse("request_note", args=[request.pk])

    client.post(url, {"note-body": "It flickers again.", "note-visibility": "reply"})
    refused = client.post(url, {"note-body": "Sneaky", "note-visibility": "work_note"})

    assert [note.body for note in Note.objects.all()] == ["It flickers again."]
    assert refused.status_code == 200
    assert "Only Technology Services staff write work notes." in text(refused)


def test_the_requester_sees_the_resolution_and_may_reopen(client, people):
    request = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)
    working.resolve_request(request, actor=people[Role.TECHNICIAN], resolution="Replaced the lamp")
    client.force_login(people[Role.REQUESTER])

    response = client.get(reverse("request_detail", args=[request.pk]))
    assert "Replaced the lamp" in text(response)
    assert [step for step, *_ in response.context["actions"]] == ["reopen", "close"]

    client.post(
        reverse("request_reopen", args=[request.pk]),
        {"status": "resolved", "reopen-reason": "Still dim"},
    )
    request.refresh_from_db()
    assert request.status == Status.IN_PROGRESS


# --- The home page -----------------------------------------------------------------------


def test_the_home_page_lists_my_open_requests(client, people):
    open_request = submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9), summary="Open one")
    done = categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)
    working.resolve_request(done, actor=people[Role.TECHNICIAN], resolution="Fixed")
    working.close_request(done, actor=people[Role.REQUESTER])
    client.force_login(people[Role.REQUESTER])

    page = text(client.get(reverse("home")))

    assert f"{open_request.number}</span> Open one" in page
    assert done.number not in page
    assert "Queues" not in page


def test_the_home_page_counts_each_queue_for_those_who_work_them(client, people, district, now):
    teacher = people[Role.REQUESTER]
    submit(teacher, now=local(2027, 2, 2, 9))  # uncategorised
    overdue = categorised(submit(teacher, now=local(2027, 1, 25, 9)), people)  # overdue, team
    working.acknowledge_request(overdue, actor=people[Role.TECHNICIAN])  # and mine
    categorised(submit(teacher, now=local(2027, 2, 2, 9)), people)  # team
    client.force_login(people[Role.TECHNICIAN])

    response = client.get(reverse("home"))

    counts = re.findall(
        r'queue-counts__value">(\d+)</span> <span class="queue-counts__label">([^<]+)<',
        text(response),
    )
    assert counts == [
        ("1", "Uncategorised"),
        ("2", "My teams"),
        ("1", "Assigned to me"),
        ("1", "Overdue"),
    ]
