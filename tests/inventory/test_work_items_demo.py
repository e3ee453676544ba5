"""The demo's inventory work: a few campuses' work items in every state, every step taken
through the work-item services, so requests, moves, status changes and events exist."""

from datetime import UTC, datetime

import pytest
import time_machine

from districtdesk.core.models import Role
from districtdesk.inventory.demo_assets import load_demo_assets
from districtdesk.inventory.demo_work_items import load_demo_work_items
from districtdesk.inventory.models import Asset, AssetMove, InventoryWorkItem
from districtdesk.service_requests.models import ServiceRequest
from tests.cast import build_district
from tests.core.factories import CampusFactory, PersonFactory, RoomFactory, TeamFactory
from tests.inventory.factories import inventory_technician

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 2, 10, 17, 0, tzinfo=UTC)
Status = InventoryWorkItem.Status


@pytest.fixture
def loaded():
    district = build_district()
    team = TeamFactory(code="CT-E", name="East Campus Technicians")
    for code in ("ES-201", "ES-202"):
        campus = CampusFactory(code=code, name=f"Campus {code}")
        team.campuses.add(campus)
        for number in ("1", "2", "3"):
            RoomFactory(campus=campus, number=number)
        PersonFactory(username=f"teacher.{code}", home_campus=campus)
    inventory_technician()
    with time_machine.travel(NOW, tick=False):
        load_demo_assets(count=240, seed=3, now=NOW)
        return district, load_demo_work_items(seed=3, now=NOW)


def test_the_demo_leaves_work_in_every_state(loaded):
    _district, by_status = loaded
    assert set(by_status) == set(Status.values)
    assert sum(by_status.values()) == InventoryWorkItem.objects.count()


def test_the_demo_work_went_through_the_services(loaded):
    district, _by_status = loaded
    for item in InventoryWorkItem.objects.select_related("request"):
        resolved = item.request.status == ServiceRequest.Status.RESOLVED
        assert resolved == (not item.is_open)
    delivered = InventoryWorkItem.objects.filter(status=Status.DELIVERED, kind="existing_move")
    for line in delivered.first().lines.select_related("asset", "move"):
        assert line.move.kind == AssetMove.Kind.EXISTING_MOVE
        assert line.asset.campus_id == line.move.to_campus_id
    pud = InventoryWorkItem.objects.filter(kind="obsolete_pickup").first()
    assert {asset.status for asset in pud.assets.all()} == {Asset.Status.DISPOSED}
    # Someone who works at north (not a technician) asks there: it has rooms and a team.
    asked = InventoryWorkItem.objects.filter(campus=district.north).exclude(kind="new_move")
    assert {item.requested_by.home_campus for item in asked} == {district.north}
    assert not {item.requested_by.pk for item in asked} & {
        district.people[role].pk for role in (Role.TECHNICIAN, Role.INVENTORY)
    }


def test_the_demo_loads_once(loaded):
    with time_machine.travel(NOW, tick=False):
        assert load_demo_work_items(seed=3, now=NOW) == {}
