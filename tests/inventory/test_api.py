"""The inventory API: registration, edits, moves and status changes through the services,
400s with field errors for bad input, 403 for viewers who may not change, constant queries."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from districtdesk.activity.models import Event
from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset
from tests.inventory.factories import AssetModelFactory, register, room

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def as_(api: APIClient, person) -> APIClient:
    api.force_authenticate(person)
    return api


def test_inventory_staff_register_an_asset(api, district, people, now):
    model = AssetModelFactory()
    response = as_(api, people[Role.INVENTORY]).post(
        reverse("asset-list"),
        {
            "bar_tag": "ne123456",
            "serial_number": "5cd1",
            "asset_model": model.pk,
            "campus": district.north.pk,
            "room": room(district.north, "LIB").pk,
            "cost": "199.00",
            "student_id": "S1",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["bar_tag"], body["serial_number"], body["status"]) == (
        "NE123456",
        "5CD1",
        "in_use",
    )
    assert (body["room"]["number"], body["cost"], body["student_id"]) == ("LIB", "199.00", "S1")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"bar_tag": "X"}, "bar_tag"),
        ({"room": "south"}, "room"),
        ({"cost": "-5"}, "cost"),
        ({"status": "stolen"}, "status"),
        ({"purchase_date": "2027-02-30"}, "purchase_date"),
    ],
)
def test_bad_registrations_are_400s_with_field_errors(api, district, people, now, changes, field):
    fields = {
        "bar_tag": "NE123456",
        "asset_model": AssetModelFactory().pk,
        "campus": district.north.pk,
    }
    if changes.get("room") == "south":
        changes = {"room": room(district.south, "A100").pk}
    response = as_(api, people[Role.INVENTORY]).post(
        reverse("asset-list"), {**fields, **changes}, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Asset.objects.exists()


def test_viewers_who_may_not_change_get_403_and_others_404(api, district, people, now):
    asset = register(district)
    url = reverse("asset-detail", kwargs={"pk": asset.pk})
    assert (
        as_(api, people[Role.TECHNICIAN]).patch(url, {"notes": "x"}, format="json").status_code
        == 403
    )
    assert (
        as_(api, people[Role.REQUESTER]).patch(url, {"notes": "x"}, format="json").status_code
        == 404
    )
    assert (
        as_(api, people[Role.TECHNICIAN]).post(reverse("asset-list"), {}, format="json").status_code
        == 400
    )
    asset.refresh_from_db()
    assert asset.notes == ""


def test_patch_edits_through_the_service_with_its_diff(api, district, people, now):
    asset = register(district, notes="old")
    response = as_(api, people[Role.INVENTORY]).patch(
        reverse("asset-detail", kwargs={"pk": asset.pk}), {"notes": "new"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["notes"] == "new"
    edited = Event.objects.for_subject(asset).first()
    assert edited.params["changes"] == [{"field": "notes", "before": "old", "after": "new"}]


def test_status_cannot_be_patched(api, district, people, now):
    asset = register(district)
    as_(api, people[Role.INVENTORY]).patch(
        reverse("asset-detail", kwargs={"pk": asset.pk}), {"status": "disposed"}, format="json"
    )
    asset.refresh_from_db()
    assert asset.status == Asset.Status.IN_USE


def test_move_and_status_steps(api, district, people, now):
    asset = register(district)
    client = as_(api, people[Role.INVENTORY])

    moved = client.post(
        reverse("asset-move", kwargs={"pk": asset.pk}),
        {
            "to_campus": district.south.pk,
            "to_room": room(district.south, "A100").pk,
            "reason": "Swap",
        },
        format="json",
    )
    refused = client.post(
        reverse("asset-change-status", kwargs={"pk": asset.pk}), {"status": "stolen"}, format="json"
    )
    stolen = client.post(
        reverse("asset-change-status", kwargs={"pk": asset.pk}),
        {"status": "stolen", "reason": "Taken", "report": "PD-1"},
        format="json",
    )

    assert moved.status_code == 200 and moved.json()["campus"]["code"] == "SH-02"
    assert refused.status_code == 400 and "report" in refused.json()
    assert stolen.status_code == 200 and stolen.json()["status"] == "stolen"
    moves = client.get(reverse("assetmove-list"), {"asset": asset.pk}).json()["results"]
    assert [move["kind"] for move in moves] == ["existing_move", "new_delivery"]


def test_the_list_filters_and_searches(api, district, people, now):
    register(district, bar_tag="NE000001", serial_number="AAA1")
    register(district, bar_tag="NE000002", serial_number="BBB2", room_number="102")
    register(district, bar_tag="SH000003", campus=district.south, room_number="A100")
    client = as_(api, people[Role.INVENTORY])

    def tags(**query) -> list[str]:
        return [a["bar_tag"] for a in client.get(reverse("asset-list"), query).json()["results"]]

    assert tags() == ["NE000001", "NE000002", "SH000003"]
    assert tags(campus=district.north.pk) == ["NE000001", "NE000002"]
    assert tags(room=room(district.north, "102").pk) == ["NE000002"]
    assert tags(q="bbb") == ["NE000002"]
    assert tags(q="sh") == ["SH000003"]
    assert tags(status="lost") == []
    assert client.get(reverse("asset-list"), {"campus": "x"}).status_code == 400


def test_the_list_costs_the_same_queries_for_more_rows(
    api, district, people, now, django_assert_max_num_queries
):
    client = as_(api, people[Role.TECHNICIAN])
    register(district)
    with django_assert_max_num_queries(6) as few:
        assert client.get(reverse("asset-list")).status_code == 200
    for _ in range(15):
        register(district, assigned_to=people[Role.REQUESTER], asset_model=AssetModelFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("asset-list")).json()["results"]) == 16
    with django_assert_max_num_queries(6):
        assert client.get(reverse("assetmove-list")).status_code == 200


@pytest.mark.parametrize("audit", ["-1.3e124", "99999999999999999999", "0", "x"])
def test_a_discrepancy_filter_outside_the_id_range_is_a_400(api, district, people, audit):
    answer = as_(api, people[Role.INVENTORY]).get(
        reverse("auditdiscrepancy-list"), {"audit": audit}
    )
    assert answer.status_code == 400
    assert "audit" in answer.json()
