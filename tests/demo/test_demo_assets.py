"""The demo district's inventory: assets on every campus in a realistic mix, each with its
first location and history, deterministic for a seed."""

from datetime import UTC, datetime

import pytest
import time_machine

from districtdesk.activity.models import Event
from districtdesk.core.models import Campus
from districtdesk.inventory.demo_assets import load_demo_assets
from districtdesk.inventory.models import Asset, AssetMove
from tests.cast import build_district

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 2, 10, 17, 0, tzinfo=UTC)


@pytest.fixture
def loaded():
    build_district()
    with time_machine.travel(NOW, tick=False):
        return load_demo_assets(count=600, seed=3, now=NOW)


def test_the_demo_holds_assets_in_every_status_on_every_campus(loaded):
    assert sum(loaded.values()) == Asset.objects.count() == 600
    assert set(Asset.objects.values_list("status", flat=True)) == set(Asset.Status.values)
    assert set(Asset.objects.values_list("campus", flat=True)) == set(
        Campus.objects.values_list("pk", flat=True)
    )


def test_every_demo_asset_has_its_first_location_and_history(loaded):
    deliveries = AssetMove.objects.filter(kind=AssetMove.Kind.NEW_DELIVERY)
    assert deliveries.count() == 600
    assert Event.objects.filter(code="asset.registered").count() == 600
    moved = AssetMove.objects.filter(kind=AssetMove.Kind.EXISTING_MOVE)
    assert moved.exists()
    for move in moved.select_related("asset")[:20]:
        assert move.asset.room_id == move.to_room_id
    changed = Asset.objects.exclude(status=Asset.Status.IN_USE).count()
    assert Event.objects.filter(code="asset.status_changed").count() == changed
    assert not Event.objects.filter(occurred_at__gt=NOW).exists()
    assert not Asset.objects.filter(registered_at__gt=NOW).exists()


def test_stolen_and_lost_demo_assets_carry_their_report(loaded):
    reported = Asset.objects.filter(status__in=[Asset.Status.STOLEN, Asset.Status.LOST])
    assert reported.exists()
    assert not reported.filter(status_report="").exists()


def test_the_same_seed_gives_the_same_assets():
    build_district()
    first = load_demo_assets(count=50, seed=11, now=NOW)
    tags = list(Asset.objects.order_by("bar_tag").values_list("serial_number", "status"))
    Event.objects.all().delete()
    AssetMove.objects.all().delete()
    Asset.objects.all().delete()
    second = load_demo_assets(count=50, seed=11, now=NOW)
    assert first == second
    assert tags == list(Asset.objects.order_by("bar_tag").values_list("serial_number", "status"))
