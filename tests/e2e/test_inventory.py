"""The inventory specialist finds an asset, moves it to another campus, and dry-runs an
import whose bad row the report names."""

from playwright.sync_api import Page, expect

from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD
from tests.inventory.factories import AssetModelFactory, ManufacturerFactory, register

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
    page.get_by_role("link", name="Inventory").click()
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
    expect(page.get_by_role("status")).to_contain_text("Asset NE000042 moved.")
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


def test_an_audit_is_started_and_tags_scanned_as_a_wedge_scanner_types_them(
    page: Page, check_page, sign_in
):
    # Given two Chromebooks in north's room 101 and the inventory specialist signed in
    district = build_district()
    register(district, bar_tag="NE000101")
    register(district, bar_tag="NE000102", room_number="102")
    sign_in(district.people[Role.INVENTORY].username, TEST_PASSWORD)
    check_page()

    # When she starts north's audit
    page.goto("/inventory/audits/")
    check_page("audit-list")
    page.get_by_label("Campus to audit").select_option(label="Northeast Elementary (NE-01)")
    page.get_by_role("button", name="Start the audit").click()
    expect(page.get_by_role("status").first).to_contain_text("2 tags expected")
    check_page("audit-started")

    # And scans room 101: its own Chromebook, the one from 102, and a tag nobody knows,
    # each typed and ended with Enter as a handheld scanner does
    page.get_by_label("Room being scanned").select_option(label="NE-01 101")
    for tag, answer in (
        ("NE000101", "Verified"),
        ("NE000102", "Misplaced"),
        ("ZZ000999", "Unknown tag"),
    ):
        page.get_by_label("Tag").fill(tag)
        page.get_by_label("Tag").press("Enter")
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
