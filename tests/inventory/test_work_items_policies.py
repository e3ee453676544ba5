"""Who files, sees and works inventory work items: the list and the object check come from
one rule, each step has its own policy, and an item out of scope is a 404."""

import pytest
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.inventory import policies
from districtdesk.inventory.models import InventoryWorkItem
from districtdesk.inventory.services import work_items
from districtdesk.inventory.services.work_items import WorkRequest
from tests.inventory.factories import register, room

pytestmark = pytest.mark.django_db
Kind = InventoryWorkItem.Kind

SEES_NORTH = {
    Role.INVENTORY,
    Role.SYSTEM_ADMIN,
    Role.DIRECTOR,
    Role.TECHNICIAN,
    Role.TEAM_LEAD,
    Role.PRINCIPAL,
    Role.SUPERVISOR,  # the principal, who holds both roles
}
SEES_SOUTH = {Role.INVENTORY, Role.SYSTEM_ADMIN, Role.DIRECTOR}
PICK_UP_NORTH = {Role.INVENTORY, Role.SYSTEM_ADMIN, Role.TECHNICIAN, Role.TEAM_LEAD}


@pytest.fixture
def north_and_south(district, people, now):
    """A move the north teacher asked for, and a PUD at south asked for by inventory."""
    north = work_items.file_work_item(
        WorkRequest(
            kind=Kind.EXISTING_MOVE,
            assets=[register(district)],
            reason="Room swap",
            to_campus=district.north,
            to_room=room(district.north, "LIB"),
        ),
        actor=people[Role.REQUESTER],
    )
    south = work_items.file_work_item(
        WorkRequest(
            kind=Kind.OBSOLETE_PICKUP,
            assets=[register(district, campus=district.south, room_number="A100")],
            reason="Old",
        ),
        actor=people[Role.INVENTORY],
    )
    return north, south


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_campuses_work_and_its_own(district, north_and_south, people, role):
    north, south = north_and_south
    person = people[role]

    visible = set(policies.work_items_visible_to(person))

    assert (north in visible) == (role in SEES_NORTH | {Role.REQUESTER})
    assert (south in visible) == (role in SEES_SOUTH)
    assert policies.can_view_work(person, north) == (north in visible)
    assert policies.can_view_work(person, south) == (south in visible)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_files_where_it_may(district, people, role):
    person = people[role]
    campuses = set(policies.filing_campuses(person))
    may_north = role in SEES_NORTH | {Role.REQUESTER}  # the teacher's home campus is north
    assert (district.north in campuses) == may_north
    assert (district.south in campuses) == (role in SEES_SOUTH)
    assert policies.may_file_work(person) == bool(campuses)
    for kind in (Kind.TAG_REQUEST, Kind.EXISTING_MOVE, Kind.DAMAGE_LOSS):
        assert policies.can_file_work(person, district.north, kind) == may_north
    assert policies.can_file_work(person, district.north, Kind.NEW_MOVE) == (
        role in {Role.INVENTORY, Role.SYSTEM_ADMIN}
    )


@pytest.mark.parametrize("role", list(Role))
def test_each_step_has_its_own_rule(district, north_and_south, people, role):
    north, _south = north_and_south
    person = people[role]
    manages = role in {Role.INVENTORY, Role.SYSTEM_ADMIN}
    assert policies.can_pick_up_work(person, north) == (role in PICK_UP_NORTH)
    assert policies.can_drop_off_work(person, north) == manages
    assert policies.can_complete_work(person, north) == manages
    assert policies.can_cancel_work(person, north) == (manages or role == Role.REQUESTER)


def test_the_requester_may_not_cancel_once_it_is_picked_up(district, north_and_south, people):
    north, _south = north_and_south
    work_items.pick_up(north, actor=people[Role.TECHNICIAN])
    north.refresh_from_db()
    assert not policies.can_cancel_work(people[Role.REQUESTER], north)


def test_an_inactive_person_sees_and_files_nothing(district, north_and_south, people):
    inventory = people[Role.INVENTORY]
    inventory.is_active = False
    assert not policies.work_items_visible_to(inventory).exists()
    assert not policies.filing_campuses(inventory).exists()


def test_work_out_of_scope_is_a_404_like_missing_work(client, district, north_and_south, people):
    _north, south = north_and_south
    client.force_login(people[Role.TECHNICIAN])
    for url in (
        reverse("work_detail", kwargs={"pk": south.pk}),
        reverse("work_detail", kwargs={"pk": south.pk + 1000}),
    ):
        assert client.get(url).status_code == 404
    for name in ("work_pick_up", "work_drop_off", "work_complete", "work_cancel"):
        assert client.post(reverse(name, kwargs={"pk": south.pk}), {}).status_code == 404
