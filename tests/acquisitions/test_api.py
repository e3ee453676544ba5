"""The technology-request API over /api/v1/technology-requests/: the whole chain as each
role would call it, and the answers for bad input and for people outside a step."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.core.models import Role, Room
from districtdesk.inventory.models import Asset
from tests.acquisitions import builders

REQUESTS = "/api/v1/technology-requests/"


def client(person) -> APIClient:
    api = APIClient()
    api.force_authenticate(user=person)
    return api


def post(person, path: str, data: dict | None = None):
    return client(person).post(path, data or {}, format="json")


def step(pk: int, name: str) -> str:
    return f"{REQUESTS}{pk}/{name}/"


def ask_fields(district, catalogue, **fields) -> dict:
    return {
        "kind": "new_equipment",
        "need": "A document camera for maths.",
        "impact": "28 students cannot see worked examples.",
        "urgency": "medium",
        "quantity": 1,
        "campus": district.north.pk,
        "room": Room.objects.get(campus=district.north, number="101").pk,
        "standard_item": catalogue["camera"].pk,
        **fields,
    }


def test_the_chain_through_the_api(district, people, catalogue, now):
    teacher, technician = people[Role.REQUESTER], people[Role.TECHNICIAN]
    principal, business_office = people[Role.PRINCIPAL], people[Role.BUSINESS_OFFICE]
    inventory, team_lead = people[Role.INVENTORY], people[Role.TEAM_LEAD]

    created = post(teacher, REQUESTS, ask_fields(district, catalogue))
    assert created.status_code == 201, created.json()
    body = created.json()
    pk = body["id"]
    assert (body["status"], body["held_by"]) == ("in_review", "the technology team")
    assert body["priority"]["code"] == "3.3"

    forwarded = post(technician, step(pk, "forward"), {"notes": "Standard model."})
    assert forwarded.json()["held_by"] == str(principal)
    assert post(principal, step(pk, "approve"), {"feedback": "Yes"}).json()["status"] == "quoting"

    quote = post(
        technician,
        step(pk, "quotes"),
        {
            "vendor": "Classroom Supply Co.",
            "valid_until": (now.date() + timedelta(days=30)).isoformat(),
            "lines": [
                {
                    "description": "Visualiser 5",
                    "quantity": 1,
                    "unit_price": "99.00",
                    "asset_model": catalogue["camera"].asset_model_id,
                }
            ],
        },
    )
    assert quote.status_code == 201, quote.json()
    [entered] = quote.json()["quotes"]
    assert entered["total"] == "99.00"
    assert post(technician, step(pk, "request-funding")).json()["status"] == "awaiting_funding"
    funded = post(
        business_office,
        step(pk, "fund"),
        {
            "quote": entered["id"],
            "funding": "bond",
            "budget_code": "B-410",
            "purchase_order": "PO-9",
        },
    )
    assert funded.json()["status"] == "ordered", funded.json()

    line = entered["lines"][0]["id"]
    received = post(
        inventory, step(pk, "receive"), {"line": line, "bar_tag": "NE700050", "serial_number": "S"}
    )
    assert received.json()["status"] == "received", received.json()
    assert Asset.objects.get(bar_tag="NE700050").purchase_order == "PO-9"
    extra = post(
        inventory, step(pk, "receive"), {"line": line, "bar_tag": "NE700051", "serial_number": "T"}
    )
    assert extra.status_code == 400
    assert post(team_lead, step(pk, "assign-deployer"), {"technician": technician.pk}).json()[
        "held_by"
    ] == str(technician)
    deployed = post(technician, step(pk, "deploy"), {"notes": "Set up in 101."})
    assert deployed.json()["status"] == "deployed"
    assert client(teacher).get(f"{REQUESTS}{pk}/").json()["status"] == "deployed"


def test_bad_input_answers_400_with_field_errors(district, people, catalogue, now):
    teacher = people[Role.REQUESTER]
    missing = post(teacher, REQUESTS, {"kind": "new_equipment"})
    assert missing.status_code == 400
    assert {"need", "impact", "urgency", "quantity", "campus"} <= set(missing.json())
    wrong_room = post(
        teacher,
        REQUESTS,
        ask_fields(district, catalogue, room=Room.objects.get(campus=district.south).pk),
    )
    assert wrong_room.status_code == 400
    assert "room" in wrong_room.json()
    assert not TechnologyRequest.objects.exists()


def test_a_step_by_someone_outside_it_is_refused(district, people, catalogue, now):
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    # The director sees it but is not the approver: 403.
    assert post(people[Role.DIRECTOR], step(request.pk, "approve")).status_code == 403
    # A committee member does not see it at all: 404.
    assert post(people[Role.CHANGE_COMMITTEE], step(request.pk, "approve")).status_code == 404
    request.refresh_from_db()
    assert request.status == TechnologyRequest.Status.AWAITING_APPROVAL


def test_funding_names_only_this_requests_quotes(district, people, catalogue, now):
    first = builders.ask(district, item=catalogue["camera"])
    builders.quoted(district, first, now=now)
    other = builders.quoted(district, builders.ask(district, item=catalogue["camera"]), now=now)
    post(people[Role.TECHNICIAN], step(first.pk, "request-funding"))
    answer = post(
        people[Role.BUSINESS_OFFICE],
        step(first.pk, "fund"),
        {"quote": other.pk, "funding": "bond", "budget_code": "B", "purchase_order": "P"},
    )
    assert answer.status_code == 400
    assert "quote" in answer.json()


def test_delegations_through_the_api(district, people, now):
    principal, team_lead = people[Role.PRINCIPAL], people[Role.TEAM_LEAD]
    created = post(
        principal,
        "/api/v1/approval-delegations/",
        {
            "delegate": team_lead.pk,
            "starts_on": now.date().isoformat(),
            "ends_on": (now.date() + timedelta(days=3)).isoformat(),
        },
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert len(client(team_lead).get("/api/v1/approval-delegations/").json()["results"]) == 1
    assert post(team_lead, f"/api/v1/approval-delegations/{pk}/revoke/").status_code == 403
    revoked = post(principal, f"/api/v1/approval-delegations/{pk}/revoke/")
    assert revoked.json()["revoked_at"] is not None


@pytest.mark.parametrize("rows", [1, 6])
def test_the_list_costs_the_same_for_more_rows(
    district, people, catalogue, now, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        builders.quoted(district, builders.ask(district, item=catalogue["camera"]), now=now)
    with django_assert_max_num_queries(12):
        answer = client(people[Role.DIRECTOR]).get(REQUESTS)
    assert len(answer.json()["results"]) == rows
