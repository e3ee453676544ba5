"""Idempotency-Key on the API's POSTs: a retried POST does its work once and gets the same
answer; a key reused for another body is refused; keys are per person and last 24 hours."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from districtdesk.activity.models import Event
from districtdesk.api import idempotency
from districtdesk.api.models import IdempotencyKey
from districtdesk.core import periodic
from districtdesk.core.models import Role
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import intake
from tests.cast import build_district
from tests.service_requests.builders import local, priority, submit

pytestmark = pytest.mark.django_db
REQUESTS = "/api/v1/requests/"
TUESDAY_9 = local(2027, 2, 2, 9)


@pytest.fixture
def district():
    return build_district()


@pytest.fixture
def people(district):
    return district.people


def post(person, path: str, data: dict | None = None, *, key: str | None, at=TUESDAY_9):
    client = APIClient()
    client.force_authenticate(user=person)
    headers = {} if key is None else {"Idempotency-Key": key}
    with time_machine.travel(at, tick=False):
        return client.post(path, data or {}, format="json", headers=headers)


def fields(district, **changes) -> dict:
    return {
        "summary": "Projector in room 101 shows no picture",
        "description": "The projector powers on but the screen stays blue.",
        "impact": "Second-grade lessons rely on it every morning.",
        "campus": district.north.pk,
        **changes,
    }


def test_a_retried_submission_creates_one_request_with_the_same_answer(people, district):
    teacher = people[Role.REQUESTER]

    first = post(teacher, REQUESTS, fields(district), key="a7c1-retry")
    again = post(teacher, REQUESTS, fields(district), key="a7c1-retry")

    assert first.status_code == again.status_code == 201
    assert first.content == again.content
    assert ServiceRequest.objects.count() == 1
    assert again["Idempotent-Replayed"] == "true"
    assert IdempotencyKey.objects.get().response_status == 201


def test_the_draft_s_quoted_key_is_the_same_key(people, district):
    teacher = people[Role.REQUESTER]

    post(teacher, REQUESTS, fields(district), key='"8e03978e"')
    post(teacher, REQUESTS, fields(district), key="8e03978e")

    assert ServiceRequest.objects.count() == 1


def test_the_same_key_with_another_body_is_refused_with_422(people, district):
    teacher = people[Role.REQUESTER]
    post(teacher, REQUESTS, fields(district), key="k-1")

    refused = post(teacher, REQUESTS, fields(district, summary="Printer jam"), key="k-1")

    assert refused.status_code == 422
    assert "already used for a different request" in refused.json()["detail"]
    assert ServiceRequest.objects.count() == 1


def test_the_same_key_on_another_endpoint_is_refused_with_422(people, district):
    teacher = people[Role.REQUESTER]
    created = post(teacher, REQUESTS, {}, key="k-2")  # a 400, kept like any 4xx

    refused = post(teacher, f"{REQUESTS}1/close/", {}, key="k-2")

    assert created.status_code == 400
    assert refused.status_code == 422


def test_keys_are_per_person(people, district):
    post(people[Role.REQUESTER], REQUESTS, fields(district), key="shared")
    other = post(people[Role.PRINCIPAL], REQUESTS, fields(district), key="shared")

    assert other.status_code == 201
    assert ServiceRequest.objects.count() == 2
    assert IdempotencyKey.objects.count() == 2


def test_a_repeated_step_is_applied_once(people, district):
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9))
    analyst = people[Role.CCC_ANALYST]
    chosen = priority("1.3")
    categorise = {"category": chosen.category_id, "priority": chosen.pk}
    post(analyst, f"{REQUESTS}{request.pk}/categorise/", categorise, key="cat-1")
    url = f"{REQUESTS}{request.pk}/acknowledge/"

    first = post(analyst, url, key="ack-1")
    again = post(analyst, url, key="ack-1", at=TUESDAY_9 + timedelta(minutes=5))
    unkeyed = post(analyst, url, key=None)

    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert Event.objects.filter(code="request.acknowledged").count() == 1
    # Without the key the step really runs again, and the state machine refuses it.
    assert unkeyed.status_code == 400


def test_an_expired_key_runs_again(people, district):
    teacher = people[Role.REQUESTER]
    post(teacher, REQUESTS, fields(district), key="daily")

    later = post(
        teacher, REQUESTS, fields(district), key="daily", at=TUESDAY_9 + timedelta(hours=24)
    )

    assert later.status_code == 201
    assert ServiceRequest.objects.count() == 2
    assert IdempotencyKey.objects.get().created_at == TUESDAY_9 + timedelta(hours=24)


def in_flight(*, since):
    """As if the key's first request were still running (or its worker had died)."""
    IdempotencyKey.objects.update(response_status=None, response_body="", created_at=since)


def test_a_duplicate_while_the_first_runs_answers_409(people, district):
    teacher = people[Role.REQUESTER]
    post(teacher, REQUESTS, fields(district), key="busy")
    in_flight(since=TUESDAY_9)

    duplicate = post(teacher, REQUESTS, fields(district), key="busy")

    assert duplicate.status_code == 409
    assert "still being processed" in duplicate.json()["detail"]
    assert ServiceRequest.objects.count() == 1


def test_an_abandoned_claim_is_taken_over_after_a_while(people, district):
    teacher = people[Role.REQUESTER]
    post(teacher, REQUESTS, fields(district), key="crashed")
    in_flight(since=TUESDAY_9 - idempotency.IN_FLIGHT_FOR)

    retried = post(teacher, REQUESTS, fields(district), key="crashed")

    assert retried.status_code == 201
    assert IdempotencyKey.objects.get().response_status == 201


def test_a_server_error_is_not_kept_and_the_post_may_be_retried(people, district, monkeypatch):
    teacher = people[Role.REQUESTER]
    submit_request = intake.submit_request

    def crash(**kwargs):
        submit_request(**kwargs)  # the work is done, then the worker fails
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake, "submit_request", crash)
    with pytest.raises(RuntimeError):
        post(teacher, REQUESTS, fields(district), key="retry-me")
    assert not ServiceRequest.objects.exists()
    assert not IdempotencyKey.objects.exists()
    monkeypatch.setattr(intake, "submit_request", submit_request)

    retried = post(teacher, REQUESTS, fields(district), key="retry-me")

    assert retried.status_code == 201
    assert ServiceRequest.objects.count() == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "naïve", "tab\there"])
def test_a_malformed_key_is_a_400(people, district, key):
    response = post(people[Role.REQUESTER], REQUESTS, fields(district), key=key)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert not ServiceRequest.objects.exists()


def test_a_key_of_255_characters_is_accepted(people, district):
    response = post(people[Role.REQUESTER], REQUESTS, fields(district), key="k" * 255)

    assert response.status_code == 201


def test_anonymous_posts_are_refused_before_any_key_is_kept(district):
    response = APIClient().post(
        REQUESTS, fields(district), format="json", headers={"Idempotency-Key": "anon"}
    )

    assert response.status_code == 401
    assert not IdempotencyKey.objects.exists()


def test_forgetting_expired_keys_keeps_the_last_24_hours(people, district):
    teacher = people[Role.REQUESTER]
    post(teacher, REQUESTS, fields(district), key="old", at=TUESDAY_9 - timedelta(hours=25))
    post(teacher, REQUESTS, fields(district), key="new", at=TUESDAY_9 - timedelta(hours=1))

    forgotten = idempotency.forget_expired_keys(TUESDAY_9)

    assert forgotten == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]


def test_the_tick_forgets_expired_keys(people, district):
    post(people[Role.REQUESTER], REQUESTS, fields(district), key="old", at=TUESDAY_9)

    counts = periodic.run_all(TUESDAY_9 + timedelta(hours=25))

    assert counts["api.forget_expired_keys"] == 1
    assert not IdempotencyKey.objects.exists()


def _api_views(patterns=None):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from _api_views(entry.url_patterns)
        elif isinstance(entry, URLPattern) and hasattr(entry.callback, "cls"):
            yield entry


def test_every_api_view_that_takes_a_post_honours_the_key():
    posting = [
        pattern
        for pattern in _api_views()
        if "post" in (getattr(pattern.callback, "actions", None) or {})
        or (not hasattr(pattern.callback, "actions") and hasattr(pattern.callback.cls, "post"))
    ]

    assert posting
    missing = [
        str(pattern.pattern)
        for pattern in posting
        if not issubclass(pattern.callback.cls, idempotency.IdempotentPosts)
    ]
    assert not missing
