"""What is true of one asset row: its tag format, unique tags and serials, one assignee."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from districtdesk.core.errors import DomainError
from districtdesk.inventory.models import Asset, AssetType
from districtdesk.inventory.tags import is_valid_tag, normalise_tag, validate_bar_tag
from tests.inventory.factories import AssetModelFactory, ManufacturerFactory, register

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("tag", ["004512", "NE012345", "T1000", "A1B2", "12345678901234567890"])
def test_it_accepts_letters_and_digits_with_a_digit(tag):
    assert is_valid_tag(tag)
    validate_bar_tag(tag)


@pytest.mark.parametrize(
    "tag", ["", "AB1", "ABCD", "12-34", "NE 0123", "ne0123", "123456789012345678901", "=1+2"]
)
def test_it_rejects_other_tags(tag):
    assert not is_valid_tag(tag)
    with pytest.raises(ValidationError):
        validate_bar_tag(tag)


def test_typed_tags_are_normalised_before_checking():
    assert normalise_tag("  ne0123 ") == "NE0123"


def test_the_tag_pattern_is_a_setting(settings):
    settings.INVENTORY_BAR_TAG_PATTERN = r"[0-9]{6}"
    assert is_valid_tag("004512")
    assert not is_valid_tag("NE0123")


def test_the_shipped_asset_types_include_seed_003s_items():
    names = set(AssetType.objects.values_list("code", flat=True))
    assert {
        "chromebook",
        "projector",
        "cash-register",
        "hand-held-radio",
        "software-licence",
    } <= names


def test_a_serial_is_unique_per_manufacturer_only(district, now):
    acer = ManufacturerFactory(name="Acer")
    dell = ManufacturerFactory(name="Dell")
    register(district, serial_number="ABC123", asset_model=AssetModelFactory(manufacturer=acer))
    register(district, serial_number="ABC123", asset_model=AssetModelFactory(manufacturer=dell))

    with pytest.raises(DomainError) as refused:
        register(district, serial_number="abc123", asset_model=AssetModelFactory(manufacturer=acer))

    assert refused.value.code == "duplicate_serial"
    assert Asset.objects.filter(serial_number="ABC123").count() == 2


def test_the_database_also_keeps_serials_unique_per_manufacturer(district, now):
    asset = register(district, serial_number="XYZ9")
    twin = Asset.objects.get(pk=asset.pk)
    twin.pk, twin.bar_tag = None, "NE999999"
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_items_without_a_serial_may_share_the_empty_one(district, now):
    model = AssetModelFactory()
    register(district, serial_number="", asset_model=model)
    register(district, serial_number="", asset_model=model)
    assert Asset.objects.filter(serial_number="").count() == 2


def test_an_asset_is_assigned_to_staff_or_a_student_not_both(district, now, people):
    asset = register(district)
    asset.assigned_to, asset.student_id = people["requester"], "S100200"
    with pytest.raises(ValidationError) as invalid:
        asset.clean()
    assert "student_id" in invalid.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        asset.save()


def test_a_room_must_be_at_the_assets_campus(district, now):
    asset = register(district)
    asset.campus = district.south
    with pytest.raises(ValidationError) as invalid:
        asset.clean()
    assert "room" in invalid.value.message_dict
