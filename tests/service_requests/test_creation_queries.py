"""What creating a request costs in queries, through the API and the portal form: a fixed
number, however many requests and people the district already has.

Inside a test the view's transaction is a savepoint, so each count includes its SAVEPOINT
and RELEASE; in production they are the transaction's BEGIN and COMMIT."""

import pytest
from django.urls import reverse

from districtdesk.activity.models import Event
from districtdesk.core.models import Person, Role
from districtdesk.service_requests.models import ServiceRequest
from tests.core.factories import PersonFactory
from tests.service_requests.api_calls import REQUESTS, api
from tests.service_requests.builders import local, submit
from tests.service_requests.pages import portal_data

pytestmark = pytest.mark.django_db

# The caller's roles; campus; savepoint; calendar, its hours, its closures; the request, its
# categorise target, its event; the notification rules; its targets for the answer; release.
API_QUERIES = 12
# Session, person; campus, room (the form's choices); savepoint; calendar, hours, closures;
# the request, its target, its event; the notification rules; release.
FORM_QUERIES = 13


def fill_the_district(district, count: int = 30) -> None:
    """More people and requests at the same campus, some the same teacher's."""
    for index in range(count):
        requester = PersonFactory(home_campus=district.north)
        submit(requester, now=local(2027, 2, 1, 9))
        submit(district.people[Role.REQUESTER], now=local(2027, 2, 1, 10), summary=f"#{index}")


def signed_in(person: Person) -> Person:
    """The person as a request loads them: nothing cached from the test's set-up."""
    return Person.objects.get(pk=person.pk)


def test_submitting_through_the_api_costs_a_fixed_number_of_queries(
    people, district, now, django_assert_num_queries
):
    teacher = people[Role.REQUESTER]
    fields = {
        "summary": "Projector shows no picture",
        "description": "The projector in the library shows no picture since this morning.",
        "impact": "Classes in the library cannot show slides.",
        "urgency": "medium",
        "campus": district.north.pk,
    }
    api(signed_in(teacher)).post(REQUESTS, fields, format="json")  # caches filled
    client = api(signed_in(teacher))

    with django_assert_num_queries(API_QUERIES):
        few = client.post(REQUESTS, fields, format="json")
    fill_the_district(district)
    client = api(signed_in(teacher))
    with django_assert_num_queries(API_QUERIES):
        many = client.post(REQUESTS, fields, format="json")

    assert (few.status_code, many.status_code) == (201, 201)
    stored = ServiceRequest.objects.get(pk=many.json()["id"])
    assert many.json()["number"] == stored.number
    assert many.json()["due_at"] is not None and stored.due_at is not None
    assert [target["kind"] for target in many.json()["targets"]] == ["categorise"]
    assert (many.json()["notes"], many.json()["attachments"]) == ([], [])
    assert Event.objects.for_subject(stored).get().code == "request.submitted"


def test_submitting_the_portal_form_costs_a_fixed_number_of_queries(
    client, people, district, now, django_assert_num_queries
):
    client.force_login(people[Role.REQUESTER])
    form = portal_data(district)  # with a room: one query more than without
    client.post(reverse("request_new"), form)  # caches filled

    with django_assert_num_queries(FORM_QUERIES):
        few = client.post(reverse("request_new"), form)
    fill_the_district(district)
    with django_assert_num_queries(FORM_QUERIES):
        many = client.post(reverse("request_new"), form)

    assert (few.status_code, many.status_code) == (302, 302)
    stored = ServiceRequest.objects.latest("pk")
    assert many.url == reverse("request_detail", args=[stored.pk])
    assert stored.due_at == stored.targets.get().due_at
