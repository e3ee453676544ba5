"""Who sees which assets: the list and the object check come from one rule, an asset out
of scope is a 404, and student IDs reach only inventory staff and administrators."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from districtdesk.core.models import Person, Role
from districtdesk.inventory import policies
from districtdesk.inventory.models import Asset
from tests.cast import build_district
from tests.inventory.factories import register

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def north_and_south(district, now):
    return register(district), register(district, campus=district.south, room_number="A100")


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_campuses_assets(district, north_and_south, people, role):
    north, south = north_and_south
    person = people[role]

    visible = set(policies.assets_visible_to(person))

    assert (north in visible) == (role in SEES_NORTH)
    assert (south in visible) == (role in SEES_SOUTH)
    assert policies.can_view(person, north) == (north in visible)
    assert policies.can_view(person, south) == (south in visible)


def test_an_inactive_person_sees_nothing(district, north_and_south, people):
    inventory: Person = people[Role.INVENTORY]
    inventory.is_active = False
    assert not policies.assets_visible_to(inventory).exists()


def test_an_asset_out_of_scope_is_a_404_like_a_missing_one(
    client, district, north_and_south, people
):
    client.force_login(people[Role.TECHNICIAN])
    _north, south = north_and_south
    for url in (
        reverse("asset_detail", kwargs={"pk": south.pk}),
        reverse("asset-detail", kwargs={"pk": south.pk}),
        reverse("asset_detail", kwargs={"pk": 999999}),
    ):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.INVENTORY, True),
        (Role.SYSTEM_ADMIN, True),
        (Role.TECHNICIAN, False),
        (Role.TEAM_LEAD, False),
        (Role.PRINCIPAL, False),
        (Role.DIRECTOR, False),
    ],
)
def test_a_student_id_reaches_only_the_roles_that_need_it(
    client, district, people, now, role, shown
):
    asset = register(district, student_id="S8765432")
    edit_and_move_urls = [
        reverse("asset_list"),
        reverse("asset_detail", kwargs={"pk": asset.pk}),
        reverse("asset_export") + "?q=NE",
        reverse("asset-list"),
        reverse("asset-detail", kwargs={"pk": asset.pk}),
    ]
    client.force_login(people[role])
    for url in edit_and_move_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert (b"S8765432" in body) == shown, url


class PolicySelectorParity(TestCase):
    """For any person and any asset, the object check agrees with the list."""

    @classmethod
    def setUpTestData(cls):
        cls.district = build_district()
        cls.assets = [
            register(cls.district),
            register(cls.district, campus=cls.district.south, room_number="A100"),
            register(cls.district, room_number=None),
        ]

    @settings(max_examples=60, deadline=None)
    @given(role=st.sampled_from(list(Role)), index=st.integers(min_value=0, max_value=2))
    def test_the_object_check_matches_the_list(self, role, index):
        person = Person.objects.get(pk=self.district.people[role].pk)
        asset: Asset = self.assets[index]
        assert policies.can_view(person, asset) == (
            asset.pk in set(policies.assets_visible_to(person).values_list("pk", flat=True))
        )
