"""Registering, editing, moving and changing the status of assets: each step's rules, its
row changes and its one event, in one transaction."""

from datetime import timedelta
from decimal import Decimal

import pytest

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset, AssetMove
from districtdesk.inventory.services.movement import change_asset_status, move_asset
from districtdesk.inventory.services.registration import edit_asset
from tests.inventory.factories import AssetModelFactory, register, room

pytestmark = pytest.mark.django_db
Status = Asset.Status


def events(asset: Asset) -> list[Event]:
    return list(Event.objects.for_subject(asset).order_by("id"))


def test_registering_records_the_first_location_and_one_event(district, now, people):
    asset = register(district, bar_tag=" ne012345 ", cost=Decimal("249.99"))

    assert asset.bar_tag == "NE012345"
    assert asset.registered_at == now
    [delivery] = asset.moves.all()
    assert delivery.kind == AssetMove.Kind.NEW_DELIVERY
    assert delivery.to_location == "NE-01 101"
    [event] = events(asset)
    assert event.code == "asset.registered"
    assert event.actor == people[Role.INVENTORY]
    assert event.occurred_at == now


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"bar_tag": "AB"}, "invalid_bar_tag", "bar_tag"),
        ({"cost": Decimal("-1")}, "negative_cost", "cost"),
        ({"status": Status.STOLEN}, "initial_status", "status"),
    ],
)
def test_registering_refuses_bad_fields(district, now, fields, code, field):
    with pytest.raises(DomainError) as refused:
        register(district, **fields)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert not Asset.objects.exists()
    assert not AssetMove.objects.exists()


def test_registering_refuses_a_room_at_another_campus(district, now):
    with pytest.raises(DomainError) as refused:
        register(
            district, campus=district.north, room_number=None, room=room(district.south, "A100")
        )
    assert refused.value.code == "room_not_at_campus"


def test_registering_refuses_a_tag_already_on_record(district, now):
    register(district, bar_tag="NE000001")
    with pytest.raises(DomainError) as refused:
        register(district, bar_tag="ne000001")
    assert refused.value.code == "duplicate_bar_tag"
    assert Asset.objects.count() == 1


@pytest.mark.parametrize("role", [Role.TECHNICIAN, Role.PRINCIPAL, Role.DIRECTOR, Role.REQUESTER])
def test_only_inventory_staff_and_admins_register(district, now, people, role):
    with pytest.raises(DomainError) as refused:
        register(district, actor=people[role])
    assert refused.value.code == "not_allowed"


def test_an_edit_writes_one_event_with_each_changed_field(district, now, people):
    asset = register(district, notes="old", cost=Decimal("100.00"))
    newer = AssetModelFactory()

    edit_asset(
        asset,
        actor=people[Role.INVENTORY],
        notes="new",
        cost=Decimal("120.50"),
        asset_model=newer,
        budget_code="",  # unchanged: not in the diff
    )

    asset.refresh_from_db()
    assert (asset.notes, asset.cost, asset.asset_model) == ("new", Decimal("120.50"), newer)
    assert asset.manufacturer == newer.manufacturer
    edited = events(asset)[-1]
    assert edited.code == "asset.edited"
    assert {
        change["field"]: (change["before"], change["after"]) for change in edited.params["changes"]
    } == {
        "notes": ("old", "new"),
        "cost": ("100.00", "120.50"),
        "asset_model": (
            str(asset.asset_model.__class__.objects.exclude(pk=newer.pk).get()),
            str(newer),
        ),
    }


def test_an_edit_never_writes_a_student_id_into_the_history(district, now, people):
    asset = register(district)
    edit_asset(asset, actor=people[Role.INVENTORY], student_id="S4455667")

    edited = events(asset)[-1]
    assert "S4455667" not in str(edited.params)
    assert edited.params["changes"] == [{"field": "student_id", "before": "", "after": "(student)"}]


def test_an_edit_that_changes_nothing_writes_nothing(district, now, people):
    asset = register(district, notes="same")
    edit_asset(asset, actor=people[Role.INVENTORY], notes="same")
    assert len(events(asset)) == 1


def test_an_edit_refuses_a_tag_of_another_asset(district, now, people):
    register(district, bar_tag="NE000001")
    asset = register(district, bar_tag="NE000002")
    with pytest.raises(DomainError) as refused:
        edit_asset(asset, actor=people[Role.INVENTORY], bar_tag="NE000001")
    assert refused.value.code == "duplicate_bar_tag"
    asset.refresh_from_db()
    assert asset.bar_tag == "NE000002"


def test_a_move_records_where_from_where_to_and_who_carried_it(district, now, people):
    asset = register(district)
    technician = people[Role.TECHNICIAN]

    move = move_asset(
        asset,
        actor=people[Role.INVENTORY],
        to_campus=district.south,
        to_room=room(district.south, "A100"),
        reason="Teacher moved to South High",
        picked_up_at=now - timedelta(hours=2),
        picked_up_by=technician,
        dropped_off_at=now - timedelta(hours=1),
        dropped_off_by=technician,
    )

    asset.refresh_from_db()
    assert asset.location == "SH-02 A100"
    assert (move.from_location, move.to_location) == ("NE-01 101", "SH-02 A100")
    assert move.kind == AssetMove.Kind.EXISTING_MOVE
    moved = events(asset)[-1]
    assert moved.code == "asset.moved"
    assert moved.params["reason"] == "Teacher moved to South High"


@pytest.mark.parametrize(
    ("to", "changes", "code"),
    [
        ("A100", {}, "room_not_at_campus"),
        ("101", {}, "same_location"),
        ("102", {"reason": " "}, "reason_required"),
        ("102", {"kind": AssetMove.Kind.NEW_DELIVERY}, "move_kind"),
    ],
)
def test_a_move_refuses_what_cannot_be(district, now, people, to, changes, code):
    asset = register(district)
    campus = district.south if to == "A100" else district.north
    with pytest.raises(DomainError) as refused:
        move_asset(
            asset,
            actor=people[Role.INVENTORY],
            to_campus=district.north,
            to_room=room(campus, to),
            **{"reason": "Room swap", **changes},
        )
    assert refused.value.code == code
    assert asset.moves.count() == 1


def test_a_stolen_asset_needs_the_report_and_a_reason(district, now, people):
    asset = register(district)
    inventory = people[Role.INVENTORY]
    with pytest.raises(DomainError) as refused:
        change_asset_status(asset, actor=inventory, status=Status.STOLEN, reason="Taken")
    assert refused.value.code == "report_required"

    change_asset_status(
        asset, actor=inventory, status=Status.STOLEN, reason="Taken from cart", report="PD-2027-118"
    )

    asset.refresh_from_db()
    assert (asset.status, asset.status_report) == (Status.STOLEN, "PD-2027-118")
    changed = events(asset)[-1]
    assert changed.code == "asset.status_changed"
    assert (changed.params["before"], changed.params["after"]) == (Status.IN_USE, Status.STOLEN)


def test_a_stolen_asset_cannot_be_moved(district, now, people):
    asset = register(district)
    inventory = people[Role.INVENTORY]
    change_asset_status(asset, actor=inventory, status=Status.LOST, reason="Gone", report="L-1")
    with pytest.raises(DomainError) as refused:
        move_asset(asset, actor=inventory, to_campus=district.south, reason="Found?")
    assert refused.value.code == "move_not_allowed"


def test_disposal_needs_a_reason_and_is_final(district, now, people):
    asset = register(district)
    inventory = people[Role.INVENTORY]
    with pytest.raises(DomainError) as refused:
        change_asset_status(asset, actor=inventory, status=Status.DISPOSED)
    assert refused.value.code == "reason_required"

    change_asset_status(asset, actor=inventory, status=Status.DISPOSED, reason="E-waste lot 7")
    with pytest.raises(DomainError) as refused:
        change_asset_status(asset, actor=inventory, status=Status.IN_USE)

    assert refused.value.code == "status_not_allowed"
    assert Asset.objects.filter(pk=asset.pk, status=Status.DISPOSED).exists()


def test_a_damaged_asset_goes_to_repair_with_what_is_broken(district, now, people):
    asset = register(district)
    with pytest.raises(DomainError):
        change_asset_status(asset, actor=people[Role.INVENTORY], status=Status.IN_REPAIR)
    change_asset_status(
        asset, actor=people[Role.INVENTORY], status=Status.IN_REPAIR, reason="Cracked screen"
    )
    asset.refresh_from_db()
    assert asset.status_reason == "Cracked screen"
