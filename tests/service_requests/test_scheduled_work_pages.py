"""Scheduled maintenance on the request page: its planned date and weekly status note, the
steps that move the date or put it ahead of overdue work, and the page's query count."""

from datetime import date

import pytest
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import scheduled_work, working
from tests.service_requests.builders import local, priority, submit
from tests.service_requests.pages import text

pytestmark = pytest.mark.django_db


def scheduled(people, *, now) -> ServiceRequest:
    request = submit(people[Role.REQUESTER], now=now, summary="Install the new bell server")
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("5.4").category,
        priority=priority("5.4"),
        planned_completion=date(2027, 3, 1),
        now=now,
    )
    working.acknowledge_request(request, actor=people[Role.TECHNICIAN], now=now)
    request.refresh_from_db()
    return request


def page_of(client, person, request: ServiceRequest):
    client.force_login(person)
    return client.get(reverse("request_detail", args=[request.pk]))


def offered(response) -> list[str]:
    return [step for step, *_ in response.context["actions"]]


def test_staff_see_the_planned_date_and_a_late_status_note_flagged(client, people, now):
    # Given scheduled work whose last status note was due a day ago (Monday 1 February)
    request = scheduled(people, now=local(2027, 1, 25, 9))

    page = text(page_of(client, people[Role.TECHNICIAN], request))

    assert "Scheduled work" in page
    assert 'datetime="2027-03-01"' in page
    assert "Status note due" in page
    assert ">Late<" in page


def test_the_requester_sees_the_plan_but_not_the_staff_reminder(client, people, now):
    request = scheduled(people, now=local(2027, 2, 1, 9))

    page = text(page_of(client, people[Role.REQUESTER], request))

    assert 'datetime="2027-03-01"' in page
    assert "Status note due" not in page
    assert "posts progress notes at least weekly" in page


def test_a_team_lead_may_put_it_ahead_and_a_technician_may_move_its_date(client, people, now):
    request = scheduled(people, now=local(2027, 2, 1, 9))

    for_lead = offered(page_of(client, people[Role.TEAM_LEAD], request))
    for_technician = offered(page_of(client, people[Role.TECHNICIAN], request))

    assert "work_ahead" in for_lead and "plan" in for_lead
    assert "plan" in for_technician and "work_ahead" not in for_technician


def test_approving_work_ahead_through_the_page_shows_who_approved_it(client, people, now):
    request = scheduled(people, now=local(2027, 2, 1, 9))
    client.force_login(people[Role.TEAM_LEAD])

    response = client.post(
        reverse("request_work_ahead", args=[request.pk]),
        {"status": request.status, "work_ahead-reason": "Assembly on Monday"},
        follow=True,
    )

    page = text(response)
    assert "now heads its queues" in page
    assert "approved by Terry Lee" in page and "Assembly on Monday" in page
    assert "work_ahead" not in offered(response)


def test_categorising_as_scheduled_work_without_a_date_shows_the_field_error(client, people, now):
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9))
    client.force_login(people[Role.CCC_ANALYST])

    response = client.post(
        reverse("request_categorise", args=[request.pk]),
        {"status": request.status, "categorise-priority": priority("5.3").pk},
    )

    assert response.status_code == 200
    form = dict((step, form) for step, _, _, form in response.context["actions"])["categorise"]
    assert form.errors["planned_completion"] == [
        "Scheduled maintenance is planned work: give its planned completion date."
    ]
    request.refresh_from_db()
    assert request.status == ServiceRequest.Status.NEW


def test_the_request_page_costs_the_same_queries_with_more_history(
    client, people, now, django_assert_max_num_queries
):
    request = scheduled(people, now=local(2027, 2, 1, 9))
    scheduled_work.approve_working_ahead(request, actor=people[Role.TEAM_LEAD], reason="Urgent")
    for round_ in range(2):
        for index in range(5):
            working.add_note(
                request,
                actor=people[Role.TECHNICIAN],
                body=f"Progress {round_}.{index}",
                visibility="work_note" if index % 2 else "reply",
            )
        working.wait_on(request, actor=people[Role.TECHNICIAN], waiting_on="vendor", reason="Parts")
        working.resume_request(request, actor=people[Role.TECHNICIAN])
        client.force_login(people[Role.TECHNICIAN])
        with django_assert_max_num_queries(13):
            response = client.get(reverse("request_detail", args=[request.pk]))
        assert response.status_code == 200
