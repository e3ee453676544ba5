"""Rows for inventory tests. Assets themselves are registered through the service
(`register`), so their first move and event exist as they would in real life."""

from datetime import datetime

import factory
from factory.django import DjangoModelFactory

from districtdesk.core.models import Campus, Person, Role, Room
from districtdesk.inventory.models import Asset, AssetModel, AssetType, Manufacturer
from districtdesk.inventory.services.registration import register_asset
from districtdesk.inventory.services.rules import AssetFields
from tests.cast import District
from tests.core.factories import PersonFactory


class ManufacturerFactory(DjangoModelFactory):
    class Meta:
        model = Manufacturer
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Maker {n}")


class AssetModelFactory(DjangoModelFactory):
    class Meta:
        model = AssetModel

    manufacturer = factory.SubFactory(ManufacturerFactory)
    model_number = factory.Sequence(lambda n: f"M-{n:04d}")
    name = factory.Sequence(lambda n: f"Model {n}")
    asset_type = factory.LazyFunction(
        lambda: AssetType.objects.get_or_create(
            code="chromebook", defaults={"name": "Chromebooks"}
        )[0]
    )


_tags = iter(range(100000, 999999))


def next_tag() -> str:
    return f"NE{next(_tags)}"


def room(campus: Campus, number: str) -> Room:
    return Room.objects.get(campus=campus, number=number)


def register(
    district: District,
    *,
    campus: Campus | None = None,
    room_number: str | None = "101",
    actor: Person | None = None,
    now: datetime | None = None,
    **fields,
) -> Asset:
    """An asset put on record by the inventory specialist, at north 101 unless told."""
    campus = campus or district.north
    fields.setdefault("bar_tag", next_tag())
    fields.setdefault("asset_model", AssetModelFactory())
    fields.setdefault("serial_number", f"SN{fields['bar_tag']}")
    fields.setdefault("room", room(campus, room_number) if room_number else None)
    return register_asset(
        AssetFields(campus=campus, **fields),
        actor=actor or district.people[Role.INVENTORY],
        now=now,
    )


def inventory_technician(username: str = "invtech") -> Person:
    """An inventory technician: the inventory role plus the technician's, as the inventory
    team's members hold them, so they open and resolve the audit phases' requests."""
    return PersonFactory(
        username=username,
        first_name="Ines",
        last_name="Ortiz",
        roles=[Role.INVENTORY, Role.TECHNICIAN],
    )
