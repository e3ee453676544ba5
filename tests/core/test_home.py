"""The home page: one per person, with panels for the roles they hold."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from districtdesk.core.models import Role
from tests.cast import build_district
from tests.core.factories import PersonFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return build_district()


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_a_requester_sees_their_requests_and_profile_but_no_staff_panels(client, district):
    client.force_login(district.people[Role.REQUESTER])

    response = client.get(reverse("home"))

    content = response.content.decode()
    assert "My open requests" in content
    assert "Priya Shah" in content  # their supervisor
    assert "People who report to you" not in content
    assert "Uncategorised queue review" not in content
    assert "Coming closures" not in content


def test_a_principal_sees_their_campus_and_who_reports_to_them(client, district):
    client.force_login(district.people[Role.PRINCIPAL])

    response = client.get(reverse("home"))

    assert [campus.code for campus in response.context["led_campuses"]] == ["NE-01"]
    assert response.context["led_campuses"][0].room_count == 3
    assert [p.username for p in response.context["direct_reports"]] == ["requester"]


def test_a_technician_sees_their_team_members_and_campuses(client, district):
    client.force_login(district.people[Role.TECHNICIAN])

    response = client.get(reverse("home"))

    [team] = response.context["teams"]
    assert team.name == "North Campus Technicians"
    assert [m.person.username for m in team.memberships.all()] == ["teamlead", "technician"]
    assert [c.code for c in team.campuses.all()] == ["NE-01"]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Tuesday 10:20 in Chicago: the next odd hour is 11:00.
        (datetime(2026, 12, 1, 16, 20, tzinfo=UTC), datetime(2026, 12, 1, 17, 0, tzinfo=UTC)),
        # Tuesday 11:00 exactly: the review is due now.
        (datetime(2026, 12, 1, 17, 0, tzinfo=UTC), datetime(2026, 12, 1, 17, 0, tzinfo=UTC)),
        # Friday 16:20, after the last odd hour: Monday 09:00 (07:30 opening is not odd-hour).
        (datetime(2026, 12, 4, 22, 20, tzinfo=UTC), datetime(2026, 12, 7, 15, 0, tzinfo=UTC)),
        # Friday 18 Dec after hours; winter break, then Monday 4 Jan is a staff-development
        # day: Tuesday 5 Jan 09:00.
        (datetime(2026, 12, 18, 23, 0, tzinfo=UTC), datetime(2027, 1, 5, 15, 0, tzinfo=UTC)),
    ],
)
def test_an_analyst_sees_when_the_next_odd_hour_review_is_due(client, district, now, expected):
    with time_machine.travel(now, tick=False):
        client.force_login(district.people[Role.CCC_ANALYST])
        response = client.get(reverse("home"))

    assert response.context["next_review"] == expected


def test_the_home_page_costs_the_same_queries_however_big_the_district(
    client, district, django_assert_max_num_queries
):
    # Given a person holding every role, with a big team and many direct reports
    everyone = PersonFactory(roles=[*Role, (Role.PRINCIPAL, district.north)], is_staff=True)
    TeamMembershipFactory(team=district.campus_team, person=everyone, is_lead=True)
    for _ in range(30):
        TeamMembershipFactory(team=district.campus_team, person=PersonFactory(supervisor=everyone))
    client.force_login(everyone)

    # When they open their home page, then every panel renders in a fixed number of queries
    # (the service-request panels add two: my open requests, and all queue counts at once)
    with django_assert_max_num_queries(22):
        response = client.get(reverse("home"))

    assert response.status_code == 200
    assert len(response.context["direct_reports"]) == 30
