"""The inventory pages: the list (filters, search, constant queries), an asset's page, the
forms that call the services, and the import's upload → dry run → confirm."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset, AssetMove
from tests.inventory.factories import AssetModelFactory, ManufacturerFactory, register, room
from tests.inventory.test_imports import HEADER

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_campus_and_searches_tags(client, district, people, now):
    register(district, bar_tag="NE000001")
    register(district, bar_tag="SH000002", campus=district.south, room_number="A100")
    client.force_login(people[Role.INVENTORY])

    everything = client.get(reverse("asset_list")).content.decode()
    north = client.get(reverse("asset_list"), {"campus": district.north.pk}).content.decode()
    searched = client.get(reverse("asset_list"), {"q": "sh0"}, HTTP_HX_REQUEST="true")

    assert "NE000001" in everything and "SH000002" in everything
    assert "NE000001" in north and "SH000002" not in north
    assert "SH000002" in searched.content.decode()
    assert b"<html" not in searched.content  # htmx gets only the results


def test_the_list_costs_the_same_queries_for_more_rows(
    client, district, people, now, django_assert_max_num_queries
):
    client.force_login(people[Role.TECHNICIAN])
    register(district)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("asset_list")).status_code == 200
    for _ in range(20):
        register(district, assigned_to=people[Role.REQUESTER], asset_model=AssetModelFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("asset_list")).status_code == 200


def test_an_assets_page_shows_its_moves_and_history(client, district, people, now):
    asset = register(district, bar_tag="NE000001")
    client.force_login(people[Role.PRINCIPAL])

    page = client.get(reverse("asset_detail", kwargs={"pk": asset.pk})).content.decode()

    assert "Registered tag NE000001 at NE-01 101" in page
    assert "first location on record" in page
    assert reverse("asset_edit", kwargs={"pk": asset.pk}) not in page  # read-only for her


def test_an_assets_page_offers_a_service_request_about_the_device(client, district, people, now):
    asset = register(district, bar_tag="NE000002")
    client.force_login(people[Role.PRINCIPAL])

    page = client.get(reverse("asset_detail", kwargs={"pk": asset.pk})).content.decode()
    link = re.search(r'href="([^"]+)">Report a problem<', page).group(1).replace("&amp;", "&")
    form = client.get(link).context["form"]

    # The portal opens with the device's tag and place filled in
    assert form["asset_tag"].value() == "NE000002"
    assert form["campus"].value() == asset.campus_id
    assert form["room"].value() == asset.room_id


def test_registering_through_the_page(client, district, people, now):
    client.force_login(people[Role.INVENTORY])
    model = AssetModelFactory()
    lib = room(district.north, "LIB")

    response = client.post(
        reverse("asset_new"),
        {
            "bar_tag": "ne555555",
            "asset_model": model.pk,
            "location": f"r:{lib.pk}",
            "status": "in_storage",
            "assigned_to": people[Role.REQUESTER].email,
            "cost": "12.50",
        },
    )

    asset = Asset.objects.get()
    assert response.status_code == 302
    assert (asset.bar_tag, asset.room, asset.assigned_to) == (
        "NE555555",
        lib,
        people[Role.REQUESTER],
    )


def test_a_refused_registration_shows_the_reason_beside_the_field(client, district, people, now):
    register(district, bar_tag="NE555555")
    client.force_login(people[Role.INVENTORY])
    response = client.post(
        reverse("asset_new"),
        {
            "bar_tag": "NE555555",
            "asset_model": AssetModelFactory().pk,
            "location": f"c:{district.north.pk}",
            "status": "in_use",
        },
    )
    assert response.status_code == 200
    assert "already on another asset" in response.content.decode()
    assert Asset.objects.count() == 1


def test_edit_move_and_status_through_the_pages(client, district, people, now):
    asset = register(district, bar_tag="NE000001")
    client.force_login(people[Role.INVENTORY])
    a100 = room(district.south, "A100")

    edited = client.post(
        reverse("asset_edit", kwargs={"pk": asset.pk}),
        {"bar_tag": "NE000001", "asset_model": asset.asset_model_id, "notes": "Cart 3"},
    )
    moved = client.post(
        reverse("asset_move", kwargs={"pk": asset.pk}),
        {
            "location": f"r:{a100.pk}",
            "kind": "existing_move",
            "reason": "Teacher moved",
            "picked_up_by": "technician",
        },
    )
    stolen = client.post(
        reverse("asset_status", kwargs={"pk": asset.pk}),
        {"status": "stolen", "reason": "Taken from the cart", "report": "PD-9"},
    )

    assert [r.status_code for r in (edited, moved, stolen)] == [302, 302, 302]
    asset.refresh_from_db()
    assert (asset.notes, asset.room, asset.status) == ("Cart 3", a100, Asset.Status.STOLEN)
    assert asset.moves.first().picked_up_by == people[Role.TECHNICIAN]


def test_a_stolen_asset_needs_its_report_on_the_page(client, district, people, now):
    asset = register(district)
    client.force_login(people[Role.INVENTORY])
    response = client.post(
        reverse("asset_status", kwargs={"pk": asset.pk}), {"status": "stolen", "reason": "Gone"}
    )
    assert response.status_code == 200
    assert "report" in response.content.decode()
    asset.refresh_from_db()
    assert asset.status == Asset.Status.IN_USE


def upload(text: str, name: str = "assets.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_the_import_page_dry_runs_then_imports_on_confirmation(client, district, people, now):
    AssetModelFactory(manufacturer=ManufacturerFactory(name="Acer"), model_number="C733")
    client.force_login(people[Role.INVENTORY])
    good = HEADER + "NE100001,SN-1,Acer,C733,NE-01,101,,,,,,,,,,,,\n"

    checked = client.post(
        reverse("asset_import"), {"profile": "districtdesk", "file": upload(good)}
    )

    assert "1 asset is ready to import" in checked.content.decode()
    assert not Asset.objects.exists()
    confirmed = client.post(reverse("asset_import"), {"sealed": checked.context["sealed"]})
    assert confirmed.status_code == 302
    assert Asset.objects.get().bar_tag == "NE100001"
    assert AssetMove.objects.count() == 1


def test_the_import_page_reports_bad_rows_and_refused_files(client, district, people, now):
    client.force_login(people[Role.INVENTORY])
    bad = HEADER + "NE100001,SN-1,Acer,NOPE,NE-01,101,,,,,,,,,,,,\n"

    report = client.post(reverse("asset_import"), {"profile": "districtdesk", "file": upload(bad)})
    latin = client.post(
        reverse("asset_import"),
        {"profile": "districtdesk", "file": SimpleUploadedFile("x.csv", "café".encode("latin-1"))},
    )
    tampered = client.post(reverse("asset_import"), {"sealed": "not-a-signed-file"})

    assert "Unknown model" in report.content.decode() and "sealed" not in report.context
    assert "UTF-8" in latin.content.decode()
    assert "expired or was altered" in tampered.content.decode()
    assert not Asset.objects.exists()


def test_the_navigation_links_inventory_for_the_roles_that_use_it(client, district, people):
    for role, shown in ((Role.TECHNICIAN, True), (Role.PRINCIPAL, True), (Role.REQUESTER, False)):
        client.force_login(people[role])
        home = client.get(reverse("home")).content.decode()
        assert (reverse("asset_list") in home) == shown, role


def test_an_oversized_upload_is_refused_before_it_is_read(client, district, people, settings):
    client.force_login(people[Role.INVENTORY])
    too_big = SimpleUploadedFile("big.csv", b"a" * (4 * 1024 * 1024 + 1), content_type="text/csv")

    response = client.post(reverse("asset_import"), {"profile": "districtdesk", "file": too_big})

    assert response.status_code == 200
    assert "larger than 4 MB" in response.content.decode()


def test_the_import_page_dry_runs_updates_then_applies_them(client, district, people, now):
    model = AssetModelFactory(manufacturer=ManufacturerFactory(name="Acer"), model_number="C733")
    register(district, bar_tag="NE100001", asset_model=model)
    client.force_login(people[Role.INVENTORY])
    edited = (
        "bar_tag,manufacturer,model_number,campus,room,notes\nNE100001,Acer,C733,NE-01,LIB,Cart\n"
    )

    checked = client.post(
        reverse("asset_import"),
        {"mode": "update", "profile": "districtdesk", "file": upload(edited)},
    )

    page = checked.content.decode()
    assert "1 asset would change" in page
    assert "location: NE-01 101 → NE-01 LIB" in page and "notes: — → Cart" in page
    assert Asset.objects.get().location == "NE-01 101"
    applied = client.post(reverse("asset_import"), {"sealed": checked.context["sealed"]})
    assert applied.status_code == 302
    asset = Asset.objects.get()
    assert (asset.location, asset.notes) == ("NE-01 LIB", "Cart")
