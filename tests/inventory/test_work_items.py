"""Inventory work items (seed 003, category 7): each a service request under the chart's
priority for its kind, worked through requested → picked up → delivered (moves and PUDs) or
requested → done, with the asset records changed by the inventory's own services. States
are reached through the services only, with the clock pinned."""

from datetime import timedelta

import pytest
import time_machine

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset, AssetMove, InventoryWorkItem
from districtdesk.inventory.services import movement, work_items
from districtdesk.inventory.services.work_items import WorkRequest
from districtdesk.service_requests.models import ServiceRequest, Target
from tests.inventory.factories import register, room

pytestmark = pytest.mark.django_db
Kind = InventoryWorkItem.Kind
Status = InventoryWorkItem.Status


def events(item: InventoryWorkItem) -> list[str]:
    return list(
        Event.objects.filter(subject_id=str(item.pk), code__startswith="inventory_work.")
        .order_by("id")
        .values_list("code", flat=True)
    )


def resolve_target(request: ServiceRequest) -> Target:
    return request.targets.get(kind=Target.Kind.RESOLVE)


def file(actor, kind, assets, **fields) -> InventoryWorkItem:
    return work_items.file_work_item(
        WorkRequest(kind=kind, assets=assets, reason=fields.pop("reason", "Needed"), **fields),
        actor=actor,
    )


@pytest.mark.parametrize(
    ("kind", "extra", "chart"),
    [
        (Kind.TAG_REQUEST, {}, (7, 0)),
        (Kind.LOCATION_CORRECTION, {"to": "102"}, (7, 0)),
        (Kind.EXISTING_MOVE, {"to": "LIB"}, (7, 6)),
        (Kind.OBSOLETE_PICKUP, {}, (7, 6)),
        (Kind.DAMAGE_LOSS, {"reported_status": Asset.Status.IN_REPAIR}, (7, 4)),
        (
            Kind.DAMAGE_LOSS,
            {"reported_status": Asset.Status.STOLEN, "report_reference": "PD-1"},
            (3, 1),
        ),
    ],
)
def test_a_teacher_files_work_at_their_campus_under_the_charts_priority(
    district, people, now, kind, extra, chart
):
    # Given a Chromebook in north 101, and the north teacher
    asset = register(district)
    teacher = people[Role.REQUESTER]
    to = extra.pop("to", None)
    if to:
        extra.update(to_campus=district.north, to_room=room(district.north, to))

    # When they ask for the work
    item = file(teacher, kind, [asset], **extra)

    # Then a categorised request opens on the chart's SLA, from them, about that asset
    request = item.request
    assert (request.priority.category.number, request.priority.number) == chart
    assert request.requester == teacher
    assert request.status == ServiceRequest.Status.OPEN
    assert request.due_at is not None
    assert resolve_target(request).due_at is not None
    # The chart's days: 7.0 Maintenance 2, 7.6 Existing moves 3, 7.4 Reconciliation 10,
    # 3.1 Stolen equipment 1.
    assert resolve_target(request).sla_days == {(7, 0): 2, (7, 6): 3, (7, 4): 10, (3, 1): 1}[chart]
    assert list(item.assets.all()) == [asset]
    assert (item.status, item.campus, item.room) == (
        Status.REQUESTED,
        district.north,
        room(district.north, "101"),
    )
    assert asset.bar_tag in request.summary
    assert events(item) == ["inventory_work.requested"]


def test_a_teacher_may_not_ask_for_work_at_another_campus(district, people, now):
    asset = register(district, campus=district.south, room_number="A100")
    with pytest.raises(DomainError) as refused:
        file(people[Role.REQUESTER], Kind.TAG_REQUEST, [asset])
    assert refused.value.code == "not_allowed"
    assert not InventoryWorkItem.objects.exists()
    assert not ServiceRequest.objects.exists()


def test_only_the_inventory_team_asks_for_new_equipment_moves(district, people, now):
    asset = register(district, status=Asset.Status.IN_STORAGE)
    with pytest.raises(DomainError) as refused:
        file(
            people[Role.REQUESTER],
            Kind.NEW_MOVE,
            [asset],
            to_campus=district.north,
            to_room=room(district.north, "102"),
        )
    assert refused.value.code == "not_allowed"


@pytest.mark.parametrize(
    ("kind", "fields", "code"),
    [
        (Kind.EXISTING_MOVE, {}, "destination_required"),
        (Kind.EXISTING_MOVE, {"to": "101"}, "same_location"),
        (Kind.LOCATION_CORRECTION, {"south_room": True}, "room_not_at_campus"),
        (Kind.DAMAGE_LOSS, {}, "reported_status_required"),
        (Kind.DAMAGE_LOSS, {"reported_status": Asset.Status.LOST}, "report_required"),
        (Kind.NEW_MOVE, {"to": "102"}, "not_new_equipment"),
        (Kind.TAG_REQUEST, {"reason": "  "}, "reason_required"),
        (Kind.TAG_REQUEST, {"two": True}, "one_asset"),
    ],
)
def test_filing_refuses_what_cannot_be(district, people, now, kind, fields, code):
    asset = register(district)
    assets = [asset]
    if fields.pop("two", False):
        assets.append(register(district))
    if to := fields.pop("to", None):
        fields.update(to_campus=district.north, to_room=room(district.north, to))
    if fields.pop("south_room", False):
        fields.update(to_campus=district.north, to_room=room(district.south, "A100"))
    with pytest.raises(DomainError) as refused:
        file(people[Role.INVENTORY], kind, assets, **fields)
    assert refused.value.code == code
    assert not ServiceRequest.objects.exists()


def test_an_asset_on_open_work_is_not_asked_for_twice(district, people, now):
    asset = register(district)
    first = file(people[Role.REQUESTER], Kind.TAG_REQUEST, [asset])
    with pytest.raises(DomainError) as refused:
        file(people[Role.REQUESTER], Kind.OBSOLETE_PICKUP, [asset])
    assert refused.value.code == "already_requested"
    assert first.request.number in refused.value.message


def test_a_move_of_several_assets_names_each_refused_tag(district, people, now):
    fine = register(district)
    gone = register(district)
    movement.change_asset_status(
        gone, actor=people[Role.INVENTORY], status=Asset.Status.LOST, reason="Gone", report="L-1"
    )
    with pytest.raises(DomainError) as refused:
        file(
            people[Role.REQUESTER],
            Kind.EXISTING_MOVE,
            [fine, gone],
            to_campus=district.north,
            to_room=room(district.north, "LIB"),
        )
    assert refused.value.code == "move_not_allowed"
    assert refused.value.message.startswith(gone.bar_tag)


def test_an_existing_move_is_picked_up_then_dropped_off_and_resolves_its_request(
    district, people, now
):
    # Given a cart of two Chromebooks the north teacher wants moved to the library
    carts = [register(district), register(district)]
    item = file(
        people[Role.REQUESTER],
        Kind.EXISTING_MOVE,
        carts,
        reason="Library cart",
        to_campus=district.north,
        to_room=room(district.north, "LIB"),
    )
    technician, inventory = people[Role.TECHNICIAN], people[Role.INVENTORY]

    # When the north campus technician picks it up an hour later
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        work_items.pick_up(item, actor=technician)
    item.refresh_from_db()
    item.request.refresh_from_db()

    # Then the item is picked up, and the request acknowledged (the work has started)
    assert (item.status, item.picked_up_by) == (Status.PICKED_UP, technician)
    assert item.picked_up_at == now + timedelta(hours=1)
    assert item.request.status == ServiceRequest.Status.IN_PROGRESS

    # When inventory records the technician's drop-off two hours later
    with time_machine.travel(now + timedelta(hours=3), tick=False):
        work_items.drop_off(item, actor=inventory, dropped_off_by=technician)
    item.refresh_from_db()
    item.request.refresh_from_db()

    # Then each asset moved through move_asset with the pick-up and drop-off on its move,
    # the request is resolved with where they went, and each step wrote its event
    for asset in carts:
        asset.refresh_from_db()
        assert asset.location == "NE-01 LIB"
        move = asset.moves.first()
        assert move.kind == AssetMove.Kind.EXISTING_MOVE
        assert (move.picked_up_by, move.dropped_off_by) == (technician, technician)
        assert move.dropped_off_at == now + timedelta(hours=3)
        assert item.request.number in move.reason
    assert {line.move_id for line in item.lines.all()} == set(
        AssetMove.objects.filter(kind=AssetMove.Kind.EXISTING_MOVE).values_list("pk", flat=True)
    )
    assert item.status == Status.DELIVERED
    assert (item.ended_by, item.ended_at) == (inventory, now + timedelta(hours=3))
    assert item.request.status == ServiceRequest.Status.RESOLVED
    assert "NE-01 LIB" in item.request.resolution
    assert resolve_target(item.request).completed_at == now + timedelta(hours=3)
    assert events(item) == [
        "inventory_work.requested",
        "inventory_work.picked_up",
        "inventory_work.dropped_off",
    ]


def test_new_equipment_is_delivered_to_its_first_location_as_a_new_delivery(district, people, now):
    inventory = people[Role.INVENTORY]
    received = register(district, status=Asset.Status.IN_STORAGE, room_number="LIB")
    item = file(
        inventory,
        Kind.NEW_MOVE,
        [received],
        reason="PO 4471 for room 102",
        to_campus=district.north,
        to_room=room(district.north, "102"),
    )
    assert (item.request.priority.category.number, item.request.priority.number) == (7, 5)
    work_items.pick_up(item, actor=inventory)
    work_items.drop_off(item, actor=inventory)

    received.refresh_from_db()
    assert received.location == "NE-01 102"
    assert list(received.moves.values_list("kind", flat=True)) == [
        AssetMove.Kind.NEW_DELIVERY,
        AssetMove.Kind.NEW_DELIVERY,
    ]


def test_a_pud_is_dropped_off_at_the_warehouse_and_its_devices_disposed(district, people, now):
    inventory = people[Role.INVENTORY]
    old = register(district)
    item = file(people[Role.REQUESTER], Kind.OBSOLETE_PICKUP, [old], reason="Old laptops")
    work_items.pick_up(item, actor=people[Role.TECHNICIAN])

    # The drop-off must say where: a PUD asks for no destination
    with pytest.raises(DomainError) as refused:
        work_items.drop_off(item, actor=inventory)
    assert refused.value.code == "destination_required"

    work_items.drop_off(
        item, actor=inventory, to_campus=district.south, to_room=room(district.south, "A100")
    )
    old.refresh_from_db()
    item.refresh_from_db()
    assert (old.status, old.location) == (Asset.Status.DISPOSED, "SH-02 A100")
    assert item.request.number in old.status_reason
    assert (item.status, item.to_location) == (Status.DELIVERED, "SH-02 A100")


def test_only_the_inventory_team_records_a_drop_off(district, people, now):
    item = file(
        people[Role.REQUESTER],
        Kind.EXISTING_MOVE,
        [register(district)],
        to_campus=district.north,
        to_room=room(district.north, "102"),
    )
    work_items.pick_up(item, actor=people[Role.TECHNICIAN])
    with pytest.raises(DomainError) as refused:
        work_items.drop_off(item, actor=people[Role.TECHNICIAN])
    assert refused.value.code == "not_allowed"
    item.refresh_from_db()
    assert item.status == Status.PICKED_UP


def test_a_technician_of_another_campus_may_not_pick_up(district, people, now):
    item = file(
        people[Role.INVENTORY],
        Kind.OBSOLETE_PICKUP,
        [register(district, campus=district.south, room_number="A100")],
    )
    with pytest.raises(DomainError) as refused:
        work_items.pick_up(item, actor=people[Role.TECHNICIAN])
    assert refused.value.code == "not_allowed"


def test_steps_follow_the_table(district, people, now):
    inventory = people[Role.INVENTORY]
    tag = file(inventory, Kind.TAG_REQUEST, [register(district)])
    with pytest.raises(DomainError) as refused:
        work_items.pick_up(tag, actor=inventory)
    assert refused.value.code == "cannot_pick_up"

    move = file(
        inventory,
        Kind.EXISTING_MOVE,
        [register(district)],
        to_campus=district.north,
        to_room=room(district.north, "102"),
    )
    with pytest.raises(DomainError) as refused:
        work_items.drop_off(move, actor=inventory)
    assert refused.value.code == "cannot_drop_off"
    with pytest.raises(DomainError) as refused:
        work_items.complete(move, actor=inventory)
    assert refused.value.code == "cannot_complete"


def test_a_drop_off_cannot_come_before_the_pick_up(district, people, now):
    inventory = people[Role.INVENTORY]
    item = file(
        inventory,
        Kind.EXISTING_MOVE,
        [register(district)],
        to_campus=district.north,
        to_room=room(district.north, "102"),
    )
    work_items.pick_up(item, actor=inventory)
    with pytest.raises(DomainError) as refused:
        work_items.drop_off(item, actor=inventory, dropped_off_at=now - timedelta(minutes=5))
    assert refused.value.code == "dropped_before_pickup"


def test_a_tag_request_ends_with_the_new_tag_on_record(district, people, now):
    inventory = people[Role.INVENTORY]
    asset = register(district, bar_tag="NE000111")
    item = file(people[Role.REQUESTER], Kind.TAG_REQUEST, [asset], reason="Tag peeled off")

    with pytest.raises(DomainError) as refused:
        work_items.complete(item, actor=inventory, new_tag="ne000111")
    assert refused.value.code == "same_tag"

    work_items.complete(item, actor=inventory, new_tag=" ne000222 ")
    asset.refresh_from_db()
    item.refresh_from_db()
    assert asset.bar_tag == "NE000222"
    assert (item.status, item.new_tag) == (Status.DONE, "NE000222")
    assert item.request.status == ServiceRequest.Status.RESOLVED
    assert "NE000222" in item.request.resolution
    assert Event.objects.filter(subject_id=str(asset.pk), code="asset.edited").exists()


def test_a_location_correction_moves_the_record_as_a_correction(district, people, now):
    asset = register(district)
    item = file(
        people[Role.PRINCIPAL],
        Kind.LOCATION_CORRECTION,
        [asset],
        reason="It has always been in 102",
        to_campus=district.north,
        to_room=room(district.north, "102"),
    )
    work_items.complete(item, actor=people[Role.INVENTORY])
    asset.refresh_from_db()
    move = asset.moves.first()
    assert (asset.location, move.kind) == ("NE-01 102", AssetMove.Kind.CORRECTION)
    assert "It has always been in 102" in move.reason


def test_a_damage_report_changes_the_status_with_its_report(district, people, now):
    asset = register(district)
    item = file(
        people[Role.REQUESTER],
        Kind.DAMAGE_LOSS,
        [asset],
        reason="Screen cracked",
        reported_status=Asset.Status.IN_REPAIR,
    )
    work_items.complete(item, actor=people[Role.INVENTORY], report_reference="DMG-12")
    asset.refresh_from_db()
    assert (asset.status, asset.status_report) == (Asset.Status.IN_REPAIR, "DMG-12")
    assert "Screen cracked" in asset.status_reason


def test_a_stolen_report_is_filed_as_stolen_equipment_and_records_the_police_report(
    district, people, now
):
    asset = register(district)
    item = file(
        people[Role.REQUESTER],
        Kind.DAMAGE_LOSS,
        [asset],
        reason="Taken from the cart overnight",
        reported_status=Asset.Status.STOLEN,
        report_reference="PD-2027-118",
    )
    assert item.request.priority.category.number == 3
    work_items.complete(item, actor=people[Role.SYSTEM_ADMIN])
    asset.refresh_from_db()
    assert (asset.status, asset.status_report) == (Asset.Status.STOLEN, "PD-2027-118")


def test_the_requester_cancels_until_it_is_picked_up(district, people, now):
    teacher = people[Role.REQUESTER]
    item = file(
        teacher,
        Kind.EXISTING_MOVE,
        [register(district)],
        to_campus=district.north,
        to_room=room(district.north, "102"),
    )
    with pytest.raises(DomainError) as refused:
        work_items.cancel(item, actor=teacher, reason=" ")
    assert refused.value.code == "reason_required"

    work_items.cancel(item, actor=teacher, reason="The room swap is off")
    item.refresh_from_db()
    assert item.status == Status.CANCELLED
    assert item.request.status == ServiceRequest.Status.RESOLVED
    assert "The room swap is off" in item.request.resolution
    assert events(item)[-1] == "inventory_work.cancelled"


def test_the_requester_may_not_cancel_once_picked_up(district, people, now):
    teacher = people[Role.REQUESTER]
    item = file(teacher, Kind.OBSOLETE_PICKUP, [register(district)])
    work_items.pick_up(item, actor=people[Role.TECHNICIAN])
    with pytest.raises(DomainError) as refused:
        work_items.cancel(item, actor=teacher, reason="Changed my mind")
    assert refused.value.code == "not_allowed"
    work_items.cancel(item, actor=people[Role.INVENTORY], reason="Kept as spares")
    item.refresh_from_db()
    assert item.status == Status.CANCELLED


def test_a_refused_drop_off_changes_nothing(district, people, now):
    # Given a move of two assets, one of which was disposed after it was asked for
    inventory = people[Role.INVENTORY]
    fine, gone = register(district), register(district)
    item = file(
        inventory,
        Kind.EXISTING_MOVE,
        [fine, gone],
        to_campus=district.north,
        to_room=room(district.north, "102"),
    )
    work_items.pick_up(item, actor=inventory)
    movement.change_asset_status(gone, actor=inventory, status=Asset.Status.DISPOSED, reason="x")

    # When the drop-off is recorded, it is refused naming the tag, and nothing moved
    with pytest.raises(DomainError) as refused:
        work_items.drop_off(item, actor=inventory)
    assert refused.value.message.startswith(gone.bar_tag)
    fine.refresh_from_db()
    item.refresh_from_db()
    assert fine.location == "NE-01 101"
    assert item.status == Status.PICKED_UP


def test_only_equipment_never_moved_since_it_was_received_makes_a_new_delivery(
    district, people, now
):
    inventory = people[Role.INVENTORY]
    received = register(district, status=Asset.Status.IN_STORAGE, room_number="LIB")
    assert movement.is_new_equipment(received)

    movement.move_asset(
        received,
        actor=inventory,
        to_campus=district.north,
        to_room=room(district.north, "102"),
        kind=AssetMove.Kind.NEW_DELIVERY,
        reason="First room",
    )

    # Delivered once, it is existing equipment from then on
    received.refresh_from_db()
    assert not movement.is_new_equipment(received)
    with pytest.raises(DomainError) as refused:
        movement.move_asset(
            received,
            actor=inventory,
            to_campus=district.north,
            to_room=room(district.north, "101"),
            kind=AssetMove.Kind.NEW_DELIVERY,
            reason="Again",
        )
    assert refused.value.code == "move_kind"
