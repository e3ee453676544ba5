"""CSV imports: a dry run names every bad row by line and reason and writes nothing; a clean
file is imported whole, in one transaction; Google Admin's export maps onto assets."""

from decimal import Decimal

import pytest

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.inventory.imports.reading import MAX_UPLOAD_BYTES, decode
from districtdesk.inventory.models import Asset, AssetMove
from districtdesk.inventory.services.importing import (
    ImportRefused,
    dry_run,
    dry_run_updates,
    import_assets,
    update_assets,
)
from districtdesk.inventory.services.movement import change_asset_status
from tests.inventory.factories import AssetModelFactory, ManufacturerFactory, register

pytestmark = pytest.mark.django_db

HEADER = (
    "bar_tag,serial_number,manufacturer,model_number,campus,room,status,assigned_staff,"
    "student_id,funding,budget_code,purchase_order,cost,purchase_date,warranty_end,donated,"
    "personal_device,notes\n"
)


@pytest.fixture
def chromebook(district):
    return AssetModelFactory(
        manufacturer=ManufacturerFactory(name="Acer"), model_number="C733", name="Chromebook 311"
    )


def good_file() -> str:
    return HEADER + (
        "NE100001,SN-1,Acer,C733,NE-01,101,in_use,requester@district.example,,bond,"
        "B-2027-01,PO-77,249.99,2027-01-15,2030-01-15,no,no,Cart 1\n"
        'ne100002,sn-2,ACER,c733,ne-01,lib,In storage,,S123456,non-bond,,,"$1,020.00",'
        "1/15/2027,,yes,no,\n"
        "SH100003,SN-3,Acer,C733,SH-02,,,,,,,,,,,,,\n"
    )


def test_a_clean_file_passes_its_dry_run_and_writes_nothing(district, chromebook, now):
    check = dry_run(good_file(), profile="districtdesk")

    assert check.is_clean, check.problems
    assert [line for line, _fields in check.rows] == [2, 3, 4]
    assert not Asset.objects.exists()


def test_a_clean_file_imports_every_asset_with_its_move_and_event(
    district, chromebook, people, now
):
    imported = import_assets(
        good_file(), actor=people[Role.INVENTORY], profile="districtdesk", file_name="cart.csv"
    )

    assert len(imported) == 3
    second = Asset.objects.get(bar_tag="NE100002")
    assert second.location == "NE-01 LIB"
    assert (second.status, second.student_id, second.cost) == (
        Asset.Status.IN_STORAGE,
        "S123456",
        Decimal("1020.00"),
    )
    assert second.purchase_date.isoformat() == "2027-01-15"
    assert second.is_donated and second.funding == "non_bond"
    first = Asset.objects.get(bar_tag="NE100001")
    assert first.assigned_to == people[Role.REQUESTER]
    assert AssetMove.objects.filter(kind=AssetMove.Kind.NEW_DELIVERY).count() == 3
    [event] = Event.objects.for_subject(second)
    assert (event.code, event.params["source"], event.occurred_at) == (
        "asset.imported",
        "cart.csv",
        now,
    )


def test_a_bad_file_names_every_bad_row_and_writes_nothing(district, chromebook, people, now):
    register(district, bar_tag="NE999999", serial_number="TAKEN", asset_model=chromebook)
    bad = HEADER + (
        "NE100001,SN-1,Acer,C733,NE-01,101,,,,,,,,,,,,\n"  # 2: fine
        "AB,SN-2,Acer,C733,NE-01,101,,,,,,,,,,,,\n"  # 3: tag format
        "NE100001,SN-3,Acer,C733,NE-01,101,,,,,,,,,,,,\n"  # 4: tag repeats line 2
        "NE999999,SN-4,Acer,C733,NE-01,101,,,,,,,,,,,,\n"  # 5: tag on record
        "NE100005,TAKEN,Acer,C733,NE-01,101,,,,,,,,,,,,\n"  # 6: serial on record
        "NE100006,SN-6,Acer,C733,XX-99,101,,,,,,,,,,,,\n"  # 7: campus
        "NE100007,SN-7,Acer,C733,NE-01,999,,,,,,,,,,,,\n"  # 8: room
        "NE100008,SN-8,Dell,Nope,NE-01,101,,,,,,,,,,,,\n"  # 9: model
        "NE100009,SN-9,Acer,C733,NE-01,101,,,,,,,12.345,2027-02-30,,maybe,,\n"  # 10: 3 cells
        "NE100010,SN-1,Acer,C733,NE-01,101,stolen,nobody@x.example,,,,,,,,,,\n"  # 11
        "\n"  # blank lines are skipped, and line numbers still count them
        "NE100012,SN-12,Acer,C733,SH-02,101,,,,,,,,,,,,\n"  # 13: 101 is at north
    )

    check = dry_run(bad, profile="districtdesk")

    by_line: dict[int, list[str]] = {}
    for problem in check.problems:
        by_line.setdefault(problem.line, []).append(problem.column)
    assert by_line == {
        3: ["bar_tag"],
        4: ["bar_tag"],
        5: ["bar_tag"],
        6: ["serial_number"],
        7: ["campus"],
        8: ["room"],
        9: ["model_number"],
        10: ["cost", "purchase_date", "donated"],
        11: ["assigned_staff", "status", "serial_number"],
        13: ["room"],
    }
    messages = {problem.line: problem.message for problem in check.problems}
    assert "line 2" in messages[4]
    assert "XX-99" in messages[7]
    with pytest.raises(ImportRefused) as refused:
        import_assets(bad, actor=people[Role.INVENTORY], profile="districtdesk")
    assert refused.value.check.bad_lines == 10
    assert Asset.objects.count() == 1
    assert AssetMove.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty_file"),
        (HEADER, "no_rows"),
        ("bar_tag,campus\nNE100001,NE-01\n", "missing_columns"),
        (HEADER.replace("notes", "notez") + "x\n", "unknown_columns"),
        ("a,b\n\x00\x01\n", "not_csv"),
    ],
)
def test_a_file_that_is_not_an_asset_csv_is_refused_whole(district, text, code):
    with pytest.raises(DomainError) as refused:
        dry_run(text, profile="districtdesk")
    assert (refused.value.code, refused.value.field) == (code, "file")


def test_an_upload_must_be_utf8_and_not_too_large():
    with pytest.raises(DomainError) as refused:
        decode("tag,café\n".encode("latin-1"))
    assert refused.value.code == "not_utf8"
    with pytest.raises(DomainError) as refused:
        decode(b"x" * (MAX_UPLOAD_BYTES + 1))
    assert refused.value.code == "file_too_large"
    assert decode("\ufeffbar_tag\n".encode()) == "bar_tag\n"


GOOGLE_EXPORT = (
    "deviceId,serialNumber,annotatedAssetId,annotatedLocation,annotatedUser,notes,"
    "orgUnitPath,model,status,lastSync,osVersion\n"
    "d1,5CD123,NE200001,101,requester@district.example,,/Students/NE-01,"
    "Acer Chromebook 311,ACTIVE,2027-01-30,120\n"
    "d2,5CD124,NE200002,NE-01 LIB,s0042@students.example,,/Staff,Chromebook 311,"
    "DEPROVISIONED,,\n"
    "d3,5CD125,,101,,,/Students/NE-01,Acer Chromebook 311,ACTIVE,,\n"
    "d4,5CD126,NE200004,Gym,,,/Students/Nowhere,HP Chromebook G1,ACTIVE,,\n"
)


def test_a_google_admin_export_maps_onto_assets(district, chromebook, people, now):
    check = dry_run(GOOGLE_EXPORT, profile="google")

    assert {(p.line, p.column) for p in check.problems} == {
        (4, "annotatedAssetId"),
        (5, "orgUnitPath"),
        (5, "model"),
    }
    clean = "\n".join(GOOGLE_EXPORT.splitlines()[:3]) + "\n"
    import_assets(clean, actor=people[Role.INVENTORY], profile="google")
    staff_device = Asset.objects.get(bar_tag="NE200001")
    assert (staff_device.serial_number, staff_device.location) == ("5CD123", "NE-01 101")
    assert staff_device.assigned_to == people[Role.REQUESTER]
    student_device = Asset.objects.get(bar_tag="NE200002")
    assert student_device.location == "NE-01 LIB"
    assert student_device.student_id == "s0042@students.example"
    assert student_device.status == Asset.Status.IN_STORAGE


def test_the_admin_consoles_header_labels_work_too(district, chromebook, now):
    export = (
        "Serial Number,Asset ID,Location,User,Org Unit Path,Model,Status\n"
        "5CD200,NE300001,102,,/NE-01,Chromebook 311,Active\n"
    )
    check = dry_run(export, profile="google")
    assert check.is_clean, check.problems
    [(_line, fields)] = check.rows
    assert (fields.bar_tag, fields.room.number) == ("NE300001", "102")


# --- Updates to assets on record ------------------------------------------------------------

UPDATE_HEADER = "bar_tag,manufacturer,model_number,campus,room,cost,notes,assigned_staff\n"


@pytest.fixture
def on_record(district, chromebook, people, now):
    first = register(district, bar_tag="NE100001", asset_model=chromebook, notes="Cart 1")
    second = register(district, bar_tag="NE100002", asset_model=chromebook, student_id="S1")
    third = register(district, bar_tag="NE100003", asset_model=chromebook)
    return first, second, third


def test_an_update_dry_run_lists_each_change_and_writes_nothing(district, on_record, now):
    text = UPDATE_HEADER + (
        "NE100001,Acer,C733,NE-01,LIB,249.99,Cart 1,\n"  # moves to LIB, costs 249.99
        "ne100002,Acer,C733,NE-01,101,,Cart 2,\n"  # notes
        "NE100003,Acer,C733,NE-01,101,,,requester@district.example\n"  # staff
    )

    check = dry_run_updates(text, profile="districtdesk")

    assert check.is_clean, check.problems
    assert check.unchanged == 0
    assert {update.line: update.diff for update in check.updates} == {
        2: [("location", "NE-01 101", "NE-01 LIB"), ("cost", "—", "249.99")],
        3: [("notes", "—", "Cart 2")],
        4: [("assigned staff member", "—", "Rosa Alvarez")],
    }
    assert Asset.objects.get(bar_tag="NE100001").location == "NE-01 101"
    assert AssetMove.objects.count() == 3


def test_a_bad_update_file_names_every_bad_row_and_writes_nothing(
    district, on_record, chromebook, people, now
):
    first, _second, _third = on_record
    change_asset_status(
        first, actor=people[Role.INVENTORY], status="lost", reason="Gone", report="L-1"
    )
    text = (
        "bar_tag,manufacturer,model_number,campus,room,serial_number,status,student_id,"
        "assigned_staff,notes\n"
        "NE100001,Acer,C733,NE-01,LIB,,lost,,,\n"  # 2: a lost asset cannot move
        "NE999999,Acer,C733,NE-01,101,,,,,\n"  # 3: not on record
        "NE100002,Acer,C733,NE-01,101,SNNE100003,in_use,S1,requester@district.example,\n"
        # 4: serial of NE100003, and staff beside the student
        "NE100003,Acer,C733,NE-01,101,,in_repair,,,\n"  # 5: status change needs its report
        "NE100003,Acer,C733,NE-01,101,,,,,x\n"  # 6: tag repeats line 5
    )

    check = dry_run_updates(text, profile="districtdesk")

    by_line: dict[int, set[str]] = {}
    for problem in check.problems:
        by_line.setdefault(problem.line, set()).add(problem.column)
    assert by_line == {
        2: {"campus"},
        3: {"bar_tag"},
        4: {"serial_number", "student_id"},
        5: {"status"},
        6: {"bar_tag"},
    }
    with pytest.raises(ImportRefused):
        update_assets(text, actor=people[Role.INVENTORY], profile="districtdesk")
    assert Asset.objects.get(bar_tag="NE100002").assigned_to is None
    assert not Event.objects.filter(code="asset.updated_by_import").exists()


def test_applying_an_update_moves_and_edits_each_asset_with_its_history(
    district, on_record, people, now
):
    first, second, third = on_record
    text = UPDATE_HEADER + (
        "NE100001,Acer,C733,NE-01,LIB,249.99,Cart 1,\n"
        "NE100002,Acer,C733,NE-01,101,,Cart 2,\n"
        "NE100003,Acer,C733,NE-01,101,,,\n"
    )

    updated = update_assets(
        text, actor=people[Role.INVENTORY], profile="districtdesk", file_name="count.csv"
    )

    assert [asset.bar_tag for asset in updated] == ["NE100001", "NE100002"]
    first.refresh_from_db()
    assert (first.location, first.cost) == ("NE-01 LIB", Decimal("249.99"))
    move = first.moves.filter(kind=AssetMove.Kind.EXISTING_MOVE).get()
    assert (move.from_location, move.to_location) == ("NE-01 101", "NE-01 LIB")
    assert "count.csv" in move.reason
    codes = list(Event.objects.for_subject(first).order_by("id").values_list("code", flat=True))
    assert codes == ["asset.registered", "asset.moved", "asset.updated_by_import"]
    edited = Event.objects.for_subject(first).get(code="asset.updated_by_import")
    assert edited.params["source"] == "count.csv"
    assert edited.params["changes"] == [{"field": "cost", "before": None, "after": "249.99"}]
    second_event = Event.objects.for_subject(second).get(code="asset.updated_by_import")
    assert second_event.params["changes"] == [{"field": "notes", "before": "", "after": "Cart 2"}]
    assert not Event.objects.for_subject(third).exclude(code="asset.registered").exists()


def test_google_updates_are_matched_by_serial_not_by_tag(district, on_record):
    # (tests/inventory/test_google_updates.py covers Google's updates in full)
    check = dry_run_updates(GOOGLE_EXPORT, profile="google")
    assert {problem.column for problem in check.problems} >= {"serialNumber"}
    assert not check.updates
