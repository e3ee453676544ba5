"""The inventory specialist finds an asset, moves it to another campus, and dry-runs an
import whose bad row the report names; an inventory technician runs a campus audit through
every phase, and the campus principal acknowledges it."""

from playwright.sync_api import Page, expect

from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD
from tests.inventory.factories import (
    AssetModelFactory,
    ManufacturerFactory,
    inventory_technician,
    register,
)

BAD_FILE = (
    "bar_tag,manufacturer,model_number,campus,room\n"
    "NE300001,Acer,C733,NE-01,101\n"
    "NE300002,Acer,C733,NE-01,999\n"
)


def test_an_asset_is_found_and_moved_to_another_campus(page: Page, check_page, sign_in):
    # Given a Chromebook at the north campus and the inventory specialist signed in
    district = build_district()
    register(district, bar_tag="NE000042", serial_number="5CD0042")
    sign_in(district.people[Role.INVENTORY].username, TEST_PASSWORD)
    check_page()

    # When she opens the inventory, searches for the tag and opens the asset
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Inventory").click()
    check_page("inventory-list")
    page.get_by_label("Tag or serial number").fill("ne0000")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="1 asset")).to_be_visible()
    check_page("inventory-search")
    page.get_by_role("link", name="NE000042").click()
    check_page("inventory-asset")

    # And moves it to South High's room A100
    page.get_by_role("link", name="Move", exact=True).click()
    check_page("inventory-move")
    page.get_by_label("Move to").select_option(label="SH-02 A100")
    page.get_by_label("Reason").fill("Teacher transferred to South High")
    page.get_by_role("button", name="Record the move").click()

    # Then the asset's page says where it is now, and its history says who moved it
    expect(page.get_by_role("main").get_by_role("status")).to_contain_text("Asset NE000042 moved.")
    expect(page.get_by_text("NE-01 101 → SH-02 A100")).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text="Moved from NE-01 101 to SH-02 A100")
    ).to_contain_text("Ivan Petrov")
    check_page("inventory-moved")
    assert Asset.objects.get(bar_tag="NE000042").location == "SH-02 A100"


def test_an_import_dry_run_names_the_bad_row_and_writes_nothing(page: Page, check_page, sign_in):
    district = build_district()
    AssetModelFactory(manufacturer=ManufacturerFactory(name="Acer"), model_number="C733")
    sign_in(district.people[Role.INVENTORY].username, TEST_PASSWORD)
    check_page()

    page.goto("/inventory/")
    check_page()
    page.get_by_role("link", name="Import a CSV").click()
    check_page("inventory-import")
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "cart.csv", "mimeType": "text/csv", "buffer": BAD_FILE.encode()}]
    )
    page.get_by_role("button", name="Check the file (dry run)").click()

    expect(page.get_by_role("alert").first).to_contain_text("1 row has problems")
    row = page.get_by_role("row").filter(has_text="There is no room 999 at NE-01")
    expect(row.get_by_role("cell").first).to_have_text("3")
    check_page("inventory-import-report")
    assert not Asset.objects.exists()


def test_an_audit_goes_from_wedge_scanning_to_the_principals_acknowledgement(
    page: Page, check_page, sign_in
):
    # Given two Chromebooks in north's rooms 101 and 102 and an inventory technician
    district = build_district()
    register(district, bar_tag="NE000101")
    register(district, bar_tag="NE000102", room_number="102")
    sign_in(inventory_technician().username, TEST_PASSWORD)
    check_page()

    # When she starts north's audit
    page.goto("/inventory/audits/")
    check_page("audit-list")
    page.get_by_label("Campus to audit").select_option(label="Northeast Elementary (NE-01)")
    page.get_by_role("button", name="Start the audit").click()
    expect(page.locator(".messages")).to_contain_text("2 tags expected")
    check_page("audit-started")

    # And scans room 101: its own Chromebook, the one from 102, and a tag nobody knows,
    # each typed and ended with Enter as a handheld scanner does
    page.get_by_label("Room being scanned").select_option(label="NE-01 101")
    for tag, answer in (
        ("NE000101", "Verified"),
        ("NE000102", "Misplaced"),
        ("ZZ000999", "Unknown tag"),
    ):
        page.get_by_role("textbox", name="Tag").fill(tag)
        page.get_by_role("textbox", name="Tag").press("Enter")
        expect(page.locator(".scan-answer")).to_contain_text(f"{tag}: {answer}")

    # Then the answers are announced, the room is kept, and the progress counts them
    expect(page.get_by_label("Room being scanned")).to_have_value(
        str(district.north.rooms.get(number="101").pk)
    )
    progress = page.get_by_role("region", name="Progress")
    expect(progress).to_contain_text("2 / 2 expected tags scanned")
    expect(progress).to_contain_text("1 misplaced")
    expect(progress).to_contain_text("1 unknown tags")
    check_page("audit-scanned")

    # When she ends scanning, documents both discrepancies and submits them together
    page.get_by_role("button", name="End scanning").click()
    expect(page.locator(".messages")).to_contain_text("Scanning ended")
    check_page("audit-discrepancies")
    for tag in ("NE000102", "ZZ000999"):
        page.get_by_role("link", name=tag).click()
        check_page(f"discrepancy-{tag}")
        page.get_by_label("Documentation").fill(f"{tag}: checked every cart in 101.")
        page.get_by_role("button", name="Save the documentation").click()
        expect(page.locator(".messages")).to_contain_text("Documented")
    page.get_by_role("button", name="Submit the discrepancies").click()
    expect(page.locator(".messages")).to_contain_text("reconciliation has begun")
    check_page("audit-reconciliation")

    # And reconciles: the misplaced Chromebook's record moves to 101, the unknown tag goes
    # to an investigation, and the follow-up report is written
    page.get_by_role("link", name="NE000102").click()
    page.get_by_role("button", name="Move it").click()
    expect(page.locator(".messages")).to_contain_text("Moved")
    page.get_by_role("link", name="ZZ000999").click()
    page.get_by_label("What should be looked into").fill("A tag from another district?")
    page.get_by_role("button", name="File the investigation request").click()
    expect(page.locator(".messages")).to_contain_text("Investigation requested")
    page.get_by_label("Follow-up report: the findings").fill("One move, one tag to trace.")
    page.get_by_role("button", name="End reconciliation").click()
    expect(page.locator(".messages")).to_contain_text("acknowledgement is next")
    check_page("audit-completion")
    page.get_by_role("button", name="Sign out").click()

    # Then the principal signs in and acknowledges, and the final tag export opens
    sign_in(district.people[Role.PRINCIPAL].username, TEST_PASSWORD)
    page.goto("/inventory/audits/")
    check_page("audit-list-principal")
    page.get_by_role("link", name="Northeast Elementary").first.click()
    page.get_by_role("button", name="Acknowledge the audit").click()
    expect(page.locator(".messages")).to_contain_text("You acknowledged the audit")
    expect(page.get_by_role("link", name="Download the final tag export (CSV)")).to_be_visible()
    check_page("audit-acknowledged")
    assert Asset.objects.get(bar_tag="NE000102").room.number == "101"


def test_labels_are_printed_for_the_ticked_assets(page: Page, check_page, sign_in):
    # Given three Chromebooks on record and the inventory specialist signed in
    district = build_district()
    for tag in ("NE000101", "NE000102", "NE000103"):
        register(district, bar_tag=tag)
    sign_in(district.people[Role.INVENTORY].username, TEST_PASSWORD)
    check_page()

    # When she ticks two of them on the list and asks for their labels
    page.goto("/inventory/")
    check_page()
    page.get_by_label("Label for NE000101").check()
    page.get_by_label("Label for NE000103").check()
    page.get_by_role("button", name="Labels for the ticked assets").click()

    # Then the sheet holds their two labels, each with its barcode, QR code and place
    expect(page.get_by_role("heading", name="Bar-tag labels")).to_be_visible()
    expect(page.get_by_text("2 labels. 1 page to print.")).to_be_visible()
    sheet = page.get_by_role("list", name="Page 1")
    expect(sheet.get_by_role("listitem")).to_have_count(2)
    expect(sheet.get_by_role("listitem").first).to_contain_text("NE000101")
    expect(sheet.get_by_role("listitem").first).to_contain_text("NE-01 101")
    expect(sheet.locator("svg.label__barcode")).to_have_count(2)
    expect(sheet.locator("svg.label__qr")).to_have_count(2)
    check_page("inventory-labels")

    # And printed, a label is the 5160 stock's 2.625in × 1in (96 CSS px to the inch)
    page.emulate_media(media="print")
    box = sheet.get_by_role("listitem").first.bounding_box()
    assert (round(box["width"]), round(box["height"])) == (252, 96)
    expect(page.get_by_role("heading", name="Bar-tag labels")).to_be_hidden()
