"""Who sees which requests, and the queues that order them: overdue first, then due time,
scheduled maintenance after overdue work; constant queries at any size."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districtdesk.core.models import Person, Role
from districtdesk.service_requests import policies, selectors
from districtdesk.service_requests.services import working
from tests.core.factories import CampusFactory, PersonFactory, TeamFactory
from tests.service_requests.builders import local, priority, submit

pytestmark = pytest.mark.django_db


def categorised(request, analyst, code="1.3", now=None):
    chosen = priority(code)
    working.categorise_request(
        request,
        actor=analyst,
        category=chosen.category,
        priority=chosen,
        planned_completion=date(2027, 3, 1) if chosen.category.needs_planned_completion else None,
        now=now or request.submitted_at,
    )
    request.refresh_from_db()
    return request


def test_visibility_follows_the_requester_their_supervisor_and_the_serving_team(people, district):
    # Given a request from the teacher at the north campus, and one from someone at the south
    north = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9))
    stranger = PersonFactory(home_campus=district.south)
    south = submit(stranger, now=local(2027, 2, 2, 9))

    def visible(role):
        return set(policies.requests_visible_to(people[role]))

    # Then each role sees what its scope allows, and the object check agrees with the list
    assert visible(Role.REQUESTER) == {north}
    assert visible(Role.SUPERVISOR) == {north}  # the principal supervises the teacher
    assert visible(Role.TECHNICIAN) == {north}  # the north team serves the north campus
    assert visible(Role.CCC_ANALYST) == {north, south}
    assert visible(Role.DIRECTOR) == {north, south}
    assert visible(Role.BUSINESS_OFFICE) == set()
    for person in people.values():
        for request in (north, south):
            assert policies.can_view(person, request) == (
                request in policies.requests_visible_to(person)
            )


def test_a_technician_sees_requests_routed_to_their_team_even_from_another_campus(people, district):
    stranger = PersonFactory(home_campus=district.south)
    request = submit(stranger, now=local(2027, 2, 2, 9))
    assert not policies.can_view(people[Role.TECHNICIAN], request)

    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
        team=district.campus_team,
    )

    assert policies.can_view(people[Role.TECHNICIAN], request)


def test_a_technician_who_took_a_call_keeps_sight_of_it_wherever_it_goes(people, district):
    # Given the north technician answers a South High teacher's call and enters it
    stranger = PersonFactory(home_campus=district.south)
    south_team = TeamFactory(code="CT-S", name="South Campus Technicians")
    south_team.campuses.add(district.south)
    technician = people[Role.TECHNICIAN]
    request = submit(
        stranger,
        actor=technician,
        channel="phone",
        now=local(2027, 2, 2, 9),
        category=priority("1.3").category,
        priority=priority("1.3"),
    )

    # Then it went to the south technicians, and he can still open and reopen it
    assert request.team == south_team
    assert policies.can_view(technician, request)
    assert request in policies.requests_visible_to(technician)
    # while a teammate who did not take the call cannot
    assert not policies.can_view(people[Role.TEAM_LEAD], request)


def test_the_team_queue_puts_overdue_first_then_due_time_and_maintenance_after(people):
    analyst, requester = people[Role.CCC_ANALYST], people[Role.REQUESTER]
    # Given: a 3-day request from last week (overdue), a 4-hour emergency, a 4-day request,
    # and a scheduled-maintenance task, all for the north campus technicians
    overdue = categorised(submit(requester, now=local(2027, 1, 25, 9)), analyst)
    emergency = categorised(submit(requester, now=local(2027, 2, 2, 9)), analyst, "1.1")
    later = categorised(submit(requester, now=local(2027, 2, 2, 9)), analyst, "1.4")
    scheduled = categorised(submit(requester, now=local(2027, 2, 1, 9)), analyst, "5.3")
    for request in (overdue, emergency, later, scheduled):
        working.acknowledge_request(request, actor=people[Role.TECHNICIAN])

    # When the technician opens the queue on Tuesday 2 February at 10:00
    queue = list(selectors.team_queue(people[Role.TECHNICIAN], now=local(2027, 2, 2, 10)))

    # Then
    assert queue == [overdue, emergency, later, scheduled]
    assert [r.is_overdue for r in queue] == [True, False, False, False]


def test_the_uncategorised_queue_holds_only_new_requests_oldest_deadline_first(people):
    requester = people[Role.REQUESTER]
    first = submit(requester, now=local(2027, 2, 2, 8))
    second = submit(requester, now=local(2027, 2, 2, 9))
    categorised(submit(requester, now=local(2027, 2, 2, 7, 45)), people[Role.CCC_ANALYST])

    queue = list(selectors.uncategorised_queue(people[Role.CCC_ANALYST], now=local(2027, 2, 2, 9)))

    assert queue == [first, second]


def test_a_queue_costs_the_same_queries_for_five_requests_or_fifty(people, district):
    analyst = people[Role.CCC_ANALYST]
    counts = []
    for batch in (5, 45):
        for index in range(batch):
            requester = PersonFactory(home_campus=CampusFactory() if index % 2 else district.north)
            request = submit(requester, now=local(2027, 2, 2, 9))
            categorised(request, analyst)
        technician = Person.objects.get(username="technician")  # nothing cached on it
        with CaptureQueriesContext(connection) as queries:
            rows = list(selectors.team_queue(technician, now=local(2027, 2, 3, 9)))
            for row in rows:
                (row.requester.get_full_name(), row.campus.code, row.priority.name, row.team.name)
        counts.append(len(queries))

    assert counts[0] == counts[1] <= 4


def test_search_finds_a_request_by_number_or_words(people):
    request = submit(
        people[Role.REQUESTER], now=local(2027, 2, 2, 9), summary="Printer jam in the library"
    )
    everything = policies.requests_visible_to(people[Role.CCC_ANALYST])

    assert list(selectors.search(everything, request.number)) == [request]
    assert list(selectors.search(everything, str(request.pk))) == [request]
    assert list(selectors.search(everything, "printer JAM")) == [request]
    assert list(selectors.search(everything, "SR-999999")) == []


@pytest.mark.parametrize("text", ["²", "SR-①", "9" * 40])
def test_search_treats_odd_numbers_as_words_instead_of_failing(people, text):
    everything = policies.requests_visible_to(people[Role.CCC_ANALYST])

    assert list(selectors.search(everything, text)) == []
