"""The directory API and its OpenAPI schema."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from districtdesk.core.models import Role
from tests.cast import build_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return build_district()


@pytest.fixture
def api(district):
    client = APIClient()
    token = Token.objects.create(user=district.people[Role.TECHNICIAN])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_anonymous_callers_are_refused():
    response = APIClient().get("/api/v1/campuses/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_campuses_list_and_filter_by_kind(api):
    response = api.get("/api/v1/campuses/", {"kind": "high"})

    assert response.status_code == 200
    assert [c["code"] for c in response.json()["results"]] == ["SH-02"]


def test_an_unknown_filter_value_is_a_400_with_the_field(api):
    response = api.get("/api/v1/campuses/", {"kind": "university"})

    assert response.status_code == 400
    assert "kind" in response.json()


def test_rooms_filter_by_campus_code(api):
    response = api.get("/api/v1/rooms/", {"campus_code": "NE-01"})

    assert sorted(r["number"] for r in response.json()["results"]) == ["101", "102", "LIB"]


def test_pages_are_keyset_cursors(api):
    first = api.get("/api/v1/rooms/", {"page_size": 2}).json()

    second = api.get(first["next"]).json()

    assert len(first["results"]) == 2
    assert {r["id"] for r in first["results"]}.isdisjoint(r["id"] for r in second["results"])


def test_me_describes_the_caller_and_their_roles(api):
    response = api.get("/api/v1/me/")

    body = response.json()
    assert body["username"] == "technician"
    assert body["roles"] == [{"role": "technician", "campus": None}]


def test_the_directory_is_read_only(api):
    response = api.post("/api/v1/campuses/", {"code": "X1", "name": "X", "kind": "other"})

    assert response.status_code == 405


def test_the_schema_and_docs_are_served(client, district):
    schema = client.get("/api/schema/")
    client.force_login(district.people[Role.REQUESTER])
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    assert b"/api/v1/campuses/" in schema.content
    assert docs.status_code == 200
