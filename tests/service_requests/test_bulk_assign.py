"""Bulk assignment from a queue: every ticked request is assigned, with its own event, or
none is and the message names the request that stopped it."""

import pytest
from django.urls import reverse

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.service_requests.services import bulk, working
from tests.core.factories import PersonFactory, TeamFactory
from tests.service_requests.builders import local, submit
from tests.service_requests.pages import categorised, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(people):
    return [
        categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9)), people)
        for _ in range(3)
    ]


def assign_form(requests, team, assignee=None, queue="team") -> dict:
    return {
        "queue": queue,
        "bulk-requests": [request.pk for request in requests],
        "bulk-team": team.pk,
        "bulk-assignee": assignee.pk if assignee else "",
    }


def test_a_team_lead_assigns_three_requests_to_a_technician_at_once(
    client, people, district, three, now
):
    technician = people[Role.TECHNICIAN]
    client.force_login(people[Role.TEAM_LEAD])

    response = client.post(
        reverse("request_queue_assign"),
        assign_form(three, district.campus_team, technician),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("request_queue", args=["team"])
    assert "3 requests assigned to Tomas Nguyen." in text(response)
    for request in three:
        request.refresh_from_db()
        assert request.assignee == technician
        assert Event.objects.for_subject(request).filter(code="request.assigned").count() == 1


def test_one_refused_request_stops_the_whole_assignment_and_is_named(
    client, people, district, three, now
):
    # Given one of the three was resolved while the team lead was looking at the queue
    resolved = three[1]
    working.resolve_request(resolved, actor=people[Role.TECHNICIAN], resolution="Fixed")
    someone_else = PersonFactory(roles=[Role.TECHNICIAN])
    outsiders = TeamFactory(code="OUT", name="Outsiders")
    outsiders.memberships.create(person=someone_else)

    # When she assigns all three through the service
    with pytest.raises(DomainError) as refused:
        bulk.assign_requests(three, actor=people[Role.TEAM_LEAD], team=outsiders)

    # Then nothing was assigned, and the error names the resolved request
    assert refused.value.message.startswith(f"{resolved.number}: ")
    for request in three:
        request.refresh_from_db()
        assert request.team == district.campus_team


def test_a_request_no_longer_open_to_the_viewer_is_refused_by_the_form(
    client, people, district, three, now
):
    working.resolve_request(three[0], actor=people[Role.TECHNICIAN], resolution="Fixed")
    client.force_login(people[Role.TEAM_LEAD])

    response = client.post(
        reverse("request_queue_assign"), assign_form(three, district.campus_team), follow=True
    )

    page = text(response)
    assert "Nothing was assigned." in page
    assert "no longer open to you" in page
    assert not Event.objects.filter(code="request.assigned").exists()


def test_nothing_ticked_says_what_to_do(client, people, district, now):
    client.force_login(people[Role.TEAM_LEAD])

    response = client.post(
        reverse("request_queue_assign"), assign_form([], district.campus_team), follow=True
    )

    assert "Tick the requests to assign first." in text(response)


def test_the_queue_offers_tick_boxes_to_workers_only(client, people, three, now):
    client.force_login(people[Role.TECHNICIAN])
    for_technician = text(client.get(reverse("request_queue", args=["team"])))
    client.force_login(people[Role.DIRECTOR])
    for_director = text(client.get(reverse("request_queue", args=["team"])))

    assert 'id="bulk-assign"' in for_technician
    assert for_technician.count('name="bulk-requests"') == 3
    assert 'id="bulk-assign"' not in for_director
    assert 'name="bulk-requests"' not in for_director


def test_the_choices_load_when_the_panel_opens_or_inline_without_javascript(
    client, people, three, now
):
    client.force_login(people[Role.TECHNICIAN])

    queue = text(client.get(reverse("request_queue", args=["team"])))
    panel = text(client.get(reverse("request_queue_assign")))
    inline = text(client.get(reverse("request_queue", args=["team"]), {"assign": "1"}))

    # The queue itself renders no technician list; the panel's fragment and ?assign=1 do
    assert 'name="bulk-assignee"' not in queue
    assert "<html" not in panel and 'name="bulk-assignee"' in panel
    assert 'name="bulk-assignee"' in inline and "<details open>" in inline
    client.force_login(people[Role.DIRECTOR])
    assert client.get(reverse("request_queue_assign")).status_code == 404
