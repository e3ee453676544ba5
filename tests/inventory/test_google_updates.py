"""Updates from Google Admin's Chromebook export: matched by serial number, each column the
file has changes its field (bar tag, model, place, assignee, notes), nothing is written
until the file is clean, and devices whose automatic updates end within 12 months are
flagged in the dry run."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.inventory.imports.google_updates import flag_horizon, parse_auto_update
from districtdesk.inventory.imports.values import BadValue
from districtdesk.inventory.models import Asset, AssetMove
from districtdesk.inventory.services.importing import (
    ImportRefused,
    dry_run_updates,
    update_assets,
)
from districtdesk.inventory.services.movement import change_asset_status
from tests.inventory.factories import AssetModelFactory, ManufacturerFactory, register

pytestmark = pytest.mark.django_db

GAM_HEADER = (
    "deviceId,serialNumber,annotatedAssetId,annotatedLocation,annotatedUser,notes,"
    "orgUnitPath,model,status,lastSync,osVersion,autoUpdateThrough\n"
)


@pytest.fixture
def chromebook(district):
    return AssetModelFactory(
        manufacturer=ManufacturerFactory(name="Acer"), model_number="C733", name="Chromebook 311"
    )


@pytest.fixture
def newer_chromebook(district):
    return AssetModelFactory(
        manufacturer=ManufacturerFactory(name="Acer"), model_number="C736", name="Chromebook 511"
    )


@pytest.fixture
def devices(district, chromebook, people, now):
    """Three Chromebooks on record at north 101: one with a student, one with nobody."""
    return {
        tag: register(district, bar_tag=tag, serial_number=serial, asset_model=chromebook, **more)
        for tag, serial, more in (
            ("NE100001", "5CD001", {"student_id": "S0001"}),
            ("NE100002", "5CD002", {}),
            ("NE100003", "5CD003", {"notes": "Cart 1"}),
        )
    }


def good_file() -> str:
    return GAM_HEADER + (
        # 2: moves to the library; the user is a staff member now (the student is cleared)
        "d1,5cd001,NE100001,NE-01 LIB,requester@district.example,,/Students/NE-01,"
        "Acer Chromebook 311,ACTIVE,2027-01-30,120,2027-06-30\n"
        # 3: a new bar tag, a newer model and a student; updates end in 2031
        "d2,5CD002,NE100020,,s0042@students.example,Spare,/Students,Chromebook 511,"
        "ACTIVE,,,2031-06-30\n"
        # 4: nothing to change (empty cells leave fields alone); updates ended last year
        "d3,5CD003,,,,,,,DEPROVISIONED,,,2026-01-31\n"
    )


def test_the_dry_run_lists_each_change_by_serial_and_writes_nothing(
    district, devices, newer_chromebook, now
):
    check = dry_run_updates(good_file(), profile="google")

    assert check.is_clean, check.problems
    assert check.unchanged == 1
    assert {update.line: update.diff for update in check.updates} == {
        2: [
            ("location", "NE-01 101", "NE-01 LIB"),
            ("assigned staff member", "—", "Rosa Alvarez"),
            ("assigned student ID", "(student)", "—"),
        ],
        3: [
            ("bar tag", "NE100002", "NE100020"),
            ("model", "Acer Chromebook 311", "Acer Chromebook 511"),
            ("assigned student ID", "—", "(student)"),
            ("notes", "—", "Spare"),
        ],
    }
    assert AssetMove.objects.count() == 3
    assert Asset.objects.get(serial_number="5CD002").bar_tag == "NE100002"


def test_devices_whose_updates_end_within_a_year_are_flagged(district, devices, now):
    check = dry_run_updates(good_file(), profile="google")

    assert [(d.line, d.bar_tag, d.ends, d.ended) for d in check.ending] == [
        (2, "NE100001", date(2027, 6, 30), False),
        (4, "NE100003", date(2026, 1, 31), True),
    ]


def test_the_dry_run_page_shows_the_changes_and_the_ending_devices(
    client, district, devices, newer_chromebook, people, now
):
    client.force_login(people[Role.INVENTORY])
    upload = SimpleUploadedFile("cros.csv", good_file().encode(), "text/csv")

    response = client.post(
        reverse("asset_import"), {"mode": "update", "profile": "google", "file": upload}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Automatic updates ending within 12 months" in page
    assert "NE-01 101 → NE-01 LIB" in page
    assert "30 Jun 2027" in page and "(ended)" in page
    assert "S0001" not in page and "s0042@students.example" not in page  # students masked
    assert 'name="sealed"' in page


def test_applying_the_file_moves_and_edits_each_asset_with_its_history(
    district, devices, newer_chromebook, people, now
):
    updated = update_assets(
        good_file(), actor=people[Role.INVENTORY], profile="google", file_name="cros.csv"
    )

    assert [asset.serial_number for asset in updated] == ["5CD001", "5CD002"]
    first = Asset.objects.get(serial_number="5CD001")
    assert first.location == "NE-01 LIB"
    assert (first.assigned_to, first.student_id) == (people[Role.REQUESTER], "")
    move = first.moves.get(kind=AssetMove.Kind.EXISTING_MOVE)
    assert "cros.csv" in move.reason
    second = Asset.objects.get(serial_number="5CD002")
    assert (second.bar_tag, second.asset_model, second.student_id, second.notes) == (
        "NE100020",
        newer_chromebook,
        "s0042@students.example",
        "Spare",
    )
    assert second.location == "NE-01 101"  # an org unit without a campus leaves the place
    edited = Event.objects.for_subject(second).get(code="asset.updated_by_import")
    assert edited.params["source"] == "cros.csv"
    assert "s0042" not in str(edited.params)  # the history never holds a student ID
    third = Asset.objects.get(serial_number="5CD003")
    assert not Event.objects.for_subject(third).exclude(code="asset.registered").exists()


def test_a_bad_file_names_every_bad_row_and_writes_nothing(
    district, devices, chromebook, people, now
):
    change_asset_status(
        devices["NE100003"],
        actor=people[Role.INVENTORY],
        status="lost",
        reason="Gone",
        report="L-1",
    )
    register(
        district,
        bar_tag="NE100009",
        serial_number="5CD009",
        asset_model=AssetModelFactory(manufacturer=ManufacturerFactory(name="HP")),
    )
    register(
        district,
        bar_tag="NE100010",
        serial_number="5CD009",
        asset_model=AssetModelFactory(manufacturer=ManufacturerFactory(name="Lenovo")),
    )
    text = GAM_HEADER + (
        "d1,5CD001,NE100002,,,,,,,,,\n"  # 2: the tag of another asset
        "d2,5CD999,,,,,,,,,,\n"  # 3: no asset has this serial
        "d3,5CD003,,NE-01 LIB,,,,,,,,\n"  # 4: a lost asset cannot move
        "d4,5CD002,,NE-01 999,,,,Pixelbook Go,,,,soon\n"  # 5: room, model, date
        "d5,5CD002,,,,,,,,,,\n"  # 6: serial repeats line 5
        "d6,5CD009,,,,,,,,,,\n"  # 7: two makers' devices share the serial
        "d7,,NE100030,,,,,,,,,\n"  # 8: no serial
        "d8,5CD001,bad tag,,,,,,,,,\n"  # 9: serial repeats line 2, and so not read further
    )

    check = dry_run_updates(text, profile="google")

    by_line: dict[int, set[str]] = {}
    for problem in check.problems:
        by_line.setdefault(problem.line, set()).add(problem.column)
    assert by_line == {
        2: {"annotatedAssetId"},
        3: {"serialNumber"},
        4: {"annotatedLocation"},
        5: {"annotatedLocation", "model", "autoUpdateThrough"},
        6: {"serialNumber"},
        7: {"serialNumber"},
        8: {"serialNumber"},
        9: {"serialNumber"},
    }
    with pytest.raises(ImportRefused):
        update_assets(text, actor=people[Role.INVENTORY], profile="google")
    assert not Event.objects.filter(code="asset.updated_by_import").exists()
    assert AssetMove.objects.filter(kind=AssetMove.Kind.EXISTING_MOVE).count() == 0


def test_an_invalid_bar_tag_is_a_problem(district, devices, now):
    text = GAM_HEADER + "d1,5CD001,AB,,,,,,,,,\n"

    check = dry_run_updates(text, profile="google")

    assert [(p.line, p.column) for p in check.problems] == [(2, "annotatedAssetId")]


def test_the_admin_consoles_labels_work_for_updates(district, devices, now):
    text = (
        "Serial Number,Asset ID,Location,User,Org Unit Path,Model,Status,Auto Update Expiration\n"
        "5CD002,,102,,/NE-01,Chromebook 311,Active,Jan 2028\n"
    )

    check = dry_run_updates(text, profile="google")

    assert check.is_clean, check.problems
    [update] = check.updates
    assert update.diff == [("location", "NE-01 101", "NE-01 102")]
    assert [(d.bar_tag, d.ends) for d in check.ending] == [("NE100002", date(2028, 1, 31))]


def test_a_file_without_the_serial_column_is_refused_whole(district, devices, now):
    with pytest.raises(DomainError) as refused:
        dry_run_updates("annotatedAssetId,model\nNE100001,Chromebook 311\n", profile="google")

    assert refused.value.code == "missing_columns"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2029-06-30", date(2029, 6, 30)),
        ("2029-06-30T00:00:00.000Z", date(2029, 6, 30)),
        ("2029-06", date(2029, 6, 30)),
        ("6/30/2029", date(2029, 6, 30)),
        ("Jun 2029", date(2029, 6, 30)),
        ("February 2028", date(2028, 2, 29)),
        ("", None),
    ],
)
def test_auto_update_dates_are_read_in_googles_spellings(text, expected):
    assert parse_auto_update(text) == expected


@pytest.mark.parametrize("text", ["soon", "2029-13-01", "31/31/2029"])
def test_a_bad_auto_update_date_is_refused(text):
    with pytest.raises(BadValue):
        parse_auto_update(text)


def test_the_flag_horizon_is_twelve_months_ahead():
    assert flag_horizon(date(2027, 2, 2)) == date(2028, 2, 2)
    assert flag_horizon(date(2028, 2, 29)) == date(2029, 2, 28)
