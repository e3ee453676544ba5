"""The inventory work pages: asking from an asset's page and by a list of tags, the work
list (filters, htmx, constant queries), and an item's page with its steps."""

import pytest
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset, InventoryWorkItem
from districtdesk.inventory.services import work_items
from districtdesk.inventory.services.work_items import WorkRequest
from tests.inventory.factories import register, room

pytestmark = pytest.mark.django_db
Kind = InventoryWorkItem.Kind
Status = InventoryWorkItem.Status


def existing_move(district, actor, *assets) -> InventoryWorkItem:
    return work_items.file_work_item(
        WorkRequest(
            kind=Kind.EXISTING_MOVE,
            assets=list(assets),
            reason="Room swap",
            to_campus=district.north,
            to_room=room(district.north, "LIB"),
        ),
        actor=actor,
    )


def test_an_assets_page_offers_the_four_requests(client, district, people, now):
    asset = register(district)
    client.force_login(people[Role.PRINCIPAL])
    page = client.get(reverse("asset_detail", kwargs={"pk": asset.pk})).content.decode()
    for what in ("move", "damage", "location", "tag"):
        assert reverse(f"work_asset_{what}", kwargs={"pk": asset.pk}) in page


def test_a_principal_reports_damage_from_the_assets_page(client, district, people, now):
    asset = register(district)
    client.force_login(people[Role.PRINCIPAL])
    url = reverse("work_asset_damage", kwargs={"pk": asset.pk})

    form = client.get(url).content.decode()
    assert 'name="reported_status"' in form and 'name="tags"' not in form

    refused = client.post(url, {"reported_status": "lost", "reason": "Left on the bus"})
    assert refused.status_code == 200
    assert "Give the police or loss report" in refused.content.decode()
    assert not InventoryWorkItem.objects.exists()

    response = client.post(
        url, {"reported_status": "in_repair", "reason": "Hinge snapped", "report_reference": ""}
    )
    item = InventoryWorkItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("work_detail", kwargs={"pk": item.pk})
    assert (item.kind, item.reported_status) == (Kind.DAMAGE_LOSS, Asset.Status.IN_REPAIR)
    assert item.request.requester == people[Role.PRINCIPAL]


def test_a_location_correction_needs_where_it_really_is(client, district, people, now):
    asset = register(district)
    client.force_login(people[Role.TECHNICIAN])
    url = reverse("work_asset_location", kwargs={"pk": asset.pk})
    assert client.post(url, {"reason": "Wrong room"}).status_code == 200
    to = room(district.north, "102")
    assert client.post(url, {"reason": "Wrong room", "location": f"r:{to.pk}"}).status_code == 302
    item = InventoryWorkItem.objects.get()
    assert (item.kind, item.to_room) == (Kind.LOCATION_CORRECTION, to)


def test_a_teacher_asks_for_a_move_of_several_tags_and_unknown_ones_are_named(
    client, district, people, now
):
    first = register(district, bar_tag="NE000001")
    second = register(district, bar_tag="NE000002")
    register(district, bar_tag="SH000003", campus=district.south, room_number="A100")
    client.force_login(people[Role.REQUESTER])
    url = reverse("work_new")
    library = room(district.north, "LIB")

    form = client.get(url).content.decode()
    assert 'value="new_move"' not in form  # new equipment is the inventory team's to ask

    refused = client.post(
        url,
        {
            "kind": "existing_move",
            "tags": "ne000001\nSH000003, ZZ999999",
            "location": f"r:{library.pk}",
            "reason": "Library carts",
        },
    ).content.decode()
    assert "SH000003, ZZ999999" in refused  # the south tag is answered like an unknown one
    assert not InventoryWorkItem.objects.exists()

    response = client.post(
        url,
        {
            "kind": "existing_move",
            "tags": "ne000001\nNE000002\nhttps://dd.example/inventory/t/NE000002/",
            "location": f"r:{library.pk}",
            "reason": "Library carts",
        },
    )
    item = InventoryWorkItem.objects.get()
    assert response.status_code == 302
    assert set(item.assets.all()) == {first, second}
    assert item.to_room == library


def test_the_work_list_filters_and_answers_htmx_with_the_results(client, district, people, now):
    teacher = people[Role.REQUESTER]
    move = existing_move(district, teacher, register(district))
    south = work_items.file_work_item(
        WorkRequest(
            kind=Kind.TAG_REQUEST,
            assets=[register(district, campus=district.south, room_number="A100")],
            reason="Peeled",
        ),
        actor=people[Role.INVENTORY],
    )
    client.force_login(people[Role.INVENTORY])

    everything = client.get(reverse("work_list")).content.decode()
    tags = client.get(reverse("work_list"), {"kind": "tag_request"}, HTTP_HX_REQUEST="true")

    assert move.request.number in everything and south.request.number in everything
    assert south.request.number in tags.content.decode()
    assert move.request.number not in tags.content.decode()
    assert b"<html" not in tags.content


def test_a_campus_technician_lists_only_their_campuses_work(client, district, people, now):
    north = existing_move(district, people[Role.REQUESTER], register(district))
    south = work_items.file_work_item(
        WorkRequest(
            kind=Kind.OBSOLETE_PICKUP,
            assets=[register(district, campus=district.south, room_number="A100")],
            reason="Old",
        ),
        actor=people[Role.INVENTORY],
    )
    client.force_login(people[Role.TECHNICIAN])
    page = client.get(reverse("work_list")).content.decode()
    assert north.request.number in page and south.request.number not in page
    assert client.get(reverse("work_detail", kwargs={"pk": south.pk})).status_code == 404


def test_the_work_list_costs_the_same_queries_for_more_rows(
    client, district, people, now, django_assert_max_num_queries
):
    client.force_login(people[Role.TECHNICIAN])
    existing_move(district, people[Role.REQUESTER], register(district))
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("work_list")).status_code == 200
    for _ in range(10):
        existing_move(district, people[Role.REQUESTER], register(district), register(district))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("work_list")).status_code == 200


def test_an_items_page_shows_its_request_its_due_time_and_the_steps_one_may_take(
    client, district, people, now, django_assert_max_num_queries
):
    item = existing_move(district, people[Role.REQUESTER], register(district), register(district))
    url = reverse("work_detail", kwargs={"pk": item.pk})

    client.force_login(people[Role.TECHNICIAN])
    with django_assert_max_num_queries(25):
        page = client.get(url).content.decode()
    assert reverse("request_detail", kwargs={"pk": item.request.pk}) in page
    assert item.request.number in page
    assert 'aria-current="step"' in page
    assert reverse("work_pick_up", kwargs={"pk": item.pk}) in page
    assert reverse("work_drop_off", kwargs={"pk": item.pk}) not in page

    client.force_login(people[Role.REQUESTER])
    page = client.get(url).content.decode()
    assert reverse("work_pick_up", kwargs={"pk": item.pk}) not in page
    assert reverse("work_cancel", kwargs={"pk": item.pk}) in page


def test_pick_up_and_drop_off_through_the_page(client, district, people, now):
    asset = register(district)
    item = existing_move(district, people[Role.REQUESTER], asset)

    client.force_login(people[Role.TECHNICIAN])
    response = client.post(reverse("work_pick_up", kwargs={"pk": item.pk}), {})
    assert response.status_code == 302
    # The technician may not record the drop-off: it changes the asset record.
    assert client.post(reverse("work_drop_off", kwargs={"pk": item.pk}), {}).status_code == 404

    client.force_login(people[Role.INVENTORY])
    response = client.post(
        reverse("work_drop_off", kwargs={"pk": item.pk}), {"dropped_off_by": "technician"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    asset.refresh_from_db()
    assert (item.status, item.dropped_off_by) == (Status.DELIVERED, people[Role.TECHNICIAN])
    assert asset.location == "NE-01 LIB"


def test_a_refused_step_shows_why_beside_its_field(client, district, people, now):
    item = work_items.file_work_item(
        WorkRequest(kind=Kind.TAG_REQUEST, assets=[register(district)], reason="Peeled"),
        actor=people[Role.REQUESTER],
    )
    client.force_login(people[Role.INVENTORY])
    response = client.post(reverse("work_complete", kwargs={"pk": item.pk}), {"new_tag": "AB"})
    assert response.status_code == 200
    assert "is not a bar tag" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.REQUESTED


def test_the_admin_lists_work_items_read_only(client, district, people, now):
    item = existing_move(district, people[Role.REQUESTER], register(district, bar_tag="NE000007"))
    client.force_login(people[Role.SYSTEM_ADMIN])
    listing = client.get(reverse("admin:inventory_inventoryworkitem_changelist"), {"q": "NE000007"})
    assert listing.status_code == 200
    assert item.request.number in listing.content.decode()
    assert client.get(reverse("admin:inventory_inventoryworkitem_add")).status_code == 403
