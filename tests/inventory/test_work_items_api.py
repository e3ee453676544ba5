"""The inventory work API: filing by tags, one POST per step through the services, 400s
with field errors, 403 for a step by someone who sees the item but may not take it, 404
outside the caller's scope, and constant queries for the list."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset, InventoryWorkItem
from districtdesk.inventory.services import work_items
from districtdesk.inventory.services.work_items import WorkRequest
from districtdesk.service_requests.models import ServiceRequest
from tests.inventory.factories import register, room

pytestmark = pytest.mark.django_db
Kind = InventoryWorkItem.Kind


@pytest.fixture
def api():
    return APIClient()


def as_(api: APIClient, person) -> APIClient:
    api.force_authenticate(person)
    return api


def a_move(district, actor, *assets) -> InventoryWorkItem:
    return work_items.file_work_item(
        WorkRequest(
            kind=Kind.EXISTING_MOVE,
            assets=list(assets) or [register(district)],
            reason="Room swap",
            to_campus=district.north,
            to_room=room(district.north, "LIB"),
        ),
        actor=actor,
    )


def step(item: InventoryWorkItem, name: str) -> str:
    return reverse(f"inventoryworkitem-{name}", kwargs={"pk": item.pk})


def test_a_teacher_files_a_pud_by_tags(api, district, people, now):
    register(district, bar_tag="NE000001")
    register(district, bar_tag="NE000002")
    response = as_(api, people[Role.REQUESTER]).post(
        reverse("inventoryworkitem-list"),
        {"kind": "obsolete_pickup", "tags": ["ne000001", "NE000002"], "reason": "Old projectors"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["status"], body["priority"]) == (
        "obsolete_pickup",
        "requested",
        "7.6",
    )
    assert [asset["bar_tag"] for asset in body["assets"]] == ["NE000001", "NE000002"]
    assert body["number"].endswith(str(body["request"]))
    assert body["due_at"] is not None
    request = ServiceRequest.objects.get(pk=body["request"])
    assert request.channel == ServiceRequest.Channel.API


def test_unknown_and_out_of_reach_tags_are_named(api, district, people, now):
    register(district, bar_tag="SH000001", campus=district.south, room_number="A100")
    response = as_(api, people[Role.REQUESTER]).post(
        reverse("inventoryworkitem-list"),
        {"kind": "tag_request", "tags": ["SH000001"], "reason": "Peeled"},
        format="json",
    )
    assert response.status_code == 400
    assert "SH000001" in response.json()["tags"][0]
    assert not InventoryWorkItem.objects.exists()


def test_a_rule_that_says_no_is_a_400_with_the_field(api, district, people, now):
    register(district, bar_tag="NE000001")
    response = as_(api, people[Role.REQUESTER]).post(
        reverse("inventoryworkitem-list"),
        {
            "kind": "damage_loss",
            "tags": ["NE000001"],
            "reason": "Gone",
            "reported_status": "stolen",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "report" in response.json()


def test_the_steps_through_the_api(api, district, people, now):
    asset = register(district)
    item = a_move(district, people[Role.REQUESTER], asset)

    picked = as_(api, people[Role.TECHNICIAN]).post(step(item, "pick-up"), {}, format="json")
    assert picked.status_code == 200, picked.json()
    assert (picked.json()["status"], picked.json()["picked_up_by"]["id"]) == (
        "picked_up",
        people[Role.TECHNICIAN].pk,
    )

    # The technician sees the item but may not record the drop-off: 403.
    refused = api.post(step(item, "drop-off"), {}, format="json")
    assert refused.status_code == 403

    dropped = as_(api, people[Role.INVENTORY]).post(
        step(item, "drop-off"),
        {"dropped_off_by": people[Role.TECHNICIAN].pk, "to_room": room(district.north, "102").pk},
        format="json",
    )
    assert dropped.status_code == 200, dropped.json()
    body = dropped.json()
    assert (body["status"], body["to_room"]["number"], body["due_at"]) == ("delivered", "102", None)
    assert body["assets"][0]["move"] is not None
    asset.refresh_from_db()
    assert asset.location == "NE-01 102"


def test_a_tag_request_is_done_with_its_new_tag(api, district, people, now):
    asset = register(district, bar_tag="NE000001")
    item = work_items.file_work_item(
        WorkRequest(kind=Kind.TAG_REQUEST, assets=[asset], reason="Peeled"),
        actor=people[Role.REQUESTER],
    )
    client = as_(api, people[Role.INVENTORY])
    assert client.post(step(item, "complete"), {}, format="json").status_code == 400
    done = client.post(step(item, "complete"), {"new_tag": "NE000009"}, format="json")
    assert done.status_code == 200, done.json()
    assert (done.json()["status"], done.json()["new_tag"]) == ("done", "NE000009")
    asset.refresh_from_db()
    assert asset.bar_tag == "NE000009"


def test_cancel_needs_a_reason(api, district, people, now):
    item = a_move(district, people[Role.REQUESTER])
    client = as_(api, people[Role.REQUESTER])
    assert client.post(step(item, "cancel"), {}, format="json").status_code == 400
    cancelled = client.post(step(item, "cancel"), {"reason": "Not needed"}, format="json")
    assert cancelled.json()["status"] == "cancelled"


def test_work_outside_the_callers_scope_is_a_404(api, district, people, now):
    south = work_items.file_work_item(
        WorkRequest(
            kind=Kind.OBSOLETE_PICKUP,
            assets=[register(district, campus=district.south, room_number="A100")],
            reason="Old",
        ),
        actor=people[Role.INVENTORY],
    )
    client = as_(api, people[Role.TECHNICIAN])
    detail = reverse("inventoryworkitem-detail", kwargs={"pk": south.pk})
    assert client.get(detail).status_code == 404
    assert client.post(step(south, "pick-up"), {}, format="json").status_code == 404
    listed = client.get(reverse("inventoryworkitem-list")).json()["results"]
    assert south.pk not in [row["id"] for row in listed]


def test_the_list_filters_by_kind_status_and_campus(api, district, people, now):
    move = a_move(district, people[Role.REQUESTER])
    tag = work_items.file_work_item(
        WorkRequest(
            kind=Kind.TAG_REQUEST,
            assets=[register(district, campus=district.south, room_number="A100")],
            reason="Peeled",
        ),
        actor=people[Role.INVENTORY],
    )
    client = as_(api, people[Role.INVENTORY])

    def ids(**query) -> list[int]:
        return [
            row["id"]
            for row in client.get(reverse("inventoryworkitem-list"), query).json()["results"]
        ]

    assert ids() == [tag.pk, move.pk]
    assert ids(kind="tag_request") == [tag.pk]
    assert ids(campus=district.north.pk) == [move.pk]
    assert ids(status="picked_up") == []
    assert client.get(reverse("inventoryworkitem-list"), {"kind": "nope"}).status_code == 400


def test_the_list_costs_the_same_queries_for_more_rows(
    api, district, people, now, django_assert_max_num_queries
):
    client = as_(api, people[Role.TEAM_LEAD])
    a_move(district, people[Role.REQUESTER])
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("inventoryworkitem-list")).status_code == 200
    for _ in range(8):
        a_move(district, people[Role.REQUESTER], register(district), register(district))
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(reverse("inventoryworkitem-list")).json()
    assert len(body["results"]) == 9
    assert {asset["bar_tag"] for row in body["results"] for asset in row["assets"]} <= set(
        Asset.objects.values_list("bar_tag", flat=True)
    )
