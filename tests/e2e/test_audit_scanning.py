"""Scanning a campus audit through a flaky connection and from a camera.

An inventory technician scans with a handheld scanner while the connection is down: the
scans wait on the device, survive a reload, and are sent when the connection is back.
Each answer that is lost on the way back makes the page send the scan again, and the
server still records each scan once. Then the camera reads a label's QR code (Chromium's
fake camera plays a video of it) into the same queue."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import segno
from playwright.sync_api import Browser, Page, Playwright, Route, expect

from districtdesk.inventory.models import AuditScan
from districtdesk.inventory.services.auditing import start_audit
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PageAudit
from tests.inventory.factories import inventory_technician, register

SCANS = "**/api/v1/audits/*/scans/"
LABEL_ADDRESS = "https://desk.district.example/inventory/t/NE000103/"
WAITING = "scans waiting to send — will send when the connection is back."


def qr_video(path: Path, text: str, width: int = 640, height: int = 480) -> Path:
    """A short YUV4MPEG2 video (Chromium's fake camera plays it in a loop) of the QR code
    our labels carry: black modules on white, drawn from segno's matrix."""
    symbol = segno.make(text, error="m", micro=False)
    rows = list(symbol.matrix_iter(scale=8, border=4))
    top, left = (height - len(rows)) // 2, (width - len(rows[0])) // 2
    luma = bytearray(b"\xff" * (width * height))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                luma[(top + y) * width + left + x] = 0
    chroma = b"\x80" * (width // 2 * height // 2)
    frame = b"FRAME\n" + bytes(luma) + chroma + chroma
    header = f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame * 10)
    return path


@pytest.fixture(scope="module")
def browser(playwright_instance: Playwright, tmp_path_factory) -> Iterator[Browser]:
    """Chromium with a fake camera that films a label's QR code; the rest of the suite's
    browser is unchanged."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run ./scripts/test, which installs it.")
    video = qr_video(tmp_path_factory.mktemp("camera") / "label.y4m", LABEL_ADDRESS)
    camera = [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS + camera
    )
    yield browser
    browser.close()


@pytest.fixture
def audit_page(page: Page, check_page, sign_in):
    """North's audit under way, with four Chromebooks, and its page open for scanning."""
    district = build_district()
    for tag, room in (("NE000101", "101"), ("NE000102", "102"), ("NE000103", "101")):
        register(district, bar_tag=tag, room_number=room)
    register(district, bar_tag="NE000104")
    technician = inventory_technician()
    audit = start_audit(district.north, actor=technician)
    sign_in(technician.username, TEST_PASSWORD)
    check_page()
    page.goto(f"/inventory/audits/{audit.pk}/")
    check_page("audit-scanning")
    page.get_by_label("Room being scanned").select_option(label="NE-01 101")
    return audit


def scan(page: Page, tag: str) -> None:
    """As a handheld scanner does: types the tag and presses Enter."""
    tag_box = page.get_by_role("textbox", name="Tag")
    tag_box.fill(tag)
    tag_box.press("Enter")
    expect(tag_box).to_have_value("")
    expect(tag_box).to_be_focused()


def scans_of(campus_audit) -> list[tuple[str, str]]:
    """What the server recorded, in the order it recorded it."""
    scans = AuditScan.objects.filter(audit=campus_audit).order_by("id")
    return list(scans.values_list("tag", "result"))


def forgive_lost_connections(seen: PageAudit, error: str, *, at_least: int) -> None:
    """The browser logs each request this test cut off on purpose; only those are forgiven."""
    lost = [message for message in seen.console_errors if message.endswith(error)]
    assert len(lost) >= at_least, seen.console_errors
    seen.console_errors[:] = [message for message in seen.console_errors if message not in lost]


def test_scans_wait_offline_and_are_recorded_once_when_the_connection_is_back(
    page: Page, check_page, audit_page, audit: PageAudit
):
    campus_audit = audit_page
    status = page.locator("[data-scan-queue-status]")
    waiting = page.get_by_role("list", name="Waiting to send")

    # Given the connection drops
    page.context.set_offline(True)

    # When she scans three tags
    for tag in ("NE000101", "NE000102", "ZZ000999"):
        scan(page, tag)

    # Then they wait on the device, said in the polite status line, and nothing is sent
    expect(status).to_have_text(f"3 {WAITING}")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(waiting.get_by_role("listitem")).to_have_text(
        ["NE000101 · NE-01 101", "NE000102 · NE-01 101", "ZZ000999 · NE-01 101"]
    )
    check_page("audit-scans-waiting")
    kept = f"JSON.parse(localStorage['districtdesk.audit-scans.{campus_audit.pk}'])"
    assert page.evaluate(f"{kept}.map((scan) => scan.tag)") == ["NE000101", "NE000102", "ZZ000999"]
    assert scans_of(campus_audit) == []

    # When the connection comes back, but each first answer is lost on the way back (the
    # server recorded the scan; the page never heard)
    sends: list[str] = []

    def lose_the_first_answer(route: Route) -> None:
        scan_id = route.request.post_data_json["client_id"]
        sends.append(scan_id)
        if sends.count(scan_id) == 1:
            route.fetch()
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route(SCANS, lose_the_first_answer)
    page.context.set_offline(False)

    # Then the page sends each again until answered, in order, and shows each answer
    expect(status).to_have_text("Every scan has been sent.", timeout=20_000)
    expect(page.locator(".scan-answer")).to_contain_text("ZZ000999: Unknown tag")
    latest = page.get_by_role("region", name="Latest scans")
    for line in (
        "NE000101 · 101 · Verified",
        "NE000102 · 101 · Misplaced",
        "ZZ000999 · 101 · Unknown",
    ):
        expect(latest).to_contain_text(line)
    expect(page.get_by_role("region", name="Progress")).to_contain_text("1 misplaced")
    expect(waiting).to_be_hidden()
    check_page("audit-scans-sent")

    # And the server has each scan exactly once, in order, though each was sent twice
    assert len(sends) == 6 and len(set(sends)) == 3
    assert scans_of(campus_audit) == [
        ("NE000101", "verified"),
        ("NE000102", "misplaced"),
        ("ZZ000999", "unknown"),
    ]
    page.unroute(SCANS)
    forgive_lost_connections(audit, "net::ERR_CONNECTION_RESET", at_least=3)


def test_scans_waiting_to_be_sent_survive_a_reload(
    page: Page, check_page, audit_page, audit: PageAudit
):
    campus_audit = audit_page
    status = page.locator("[data-scan-queue-status]")

    # Given the server cannot be reached for scans
    page.route(SCANS, lambda route: route.abort("internetdisconnected"))
    scan(page, "NE000104")
    expect(status).to_have_text(f"1 {WAITING.replace('scans', 'scan')}")

    # When the page is reloaded
    page.reload()
    check_page("audit-scans-reloaded")

    # Then the scan is still waiting, and is sent once the server can be reached
    expect(page.get_by_role("list", name="Waiting to send")).to_have_text("NE000104 · NE-01 101")
    assert scans_of(campus_audit) == []
    page.unroute(SCANS)
    expect(page.locator(".scan-answer")).to_contain_text("NE000104: Verified", timeout=20_000)
    assert scans_of(campus_audit) == [("NE000104", "verified")]
    # (sent and cut off at least once before the reload and once after)
    forgive_lost_connections(audit, "net::ERR_INTERNET_DISCONNECTED", at_least=2)


def test_the_camera_reads_a_labels_qr_code_into_the_same_queue(
    page: Page, check_page, audit_page, live_server
):
    campus_audit = audit_page
    page.context.grant_permissions(["camera"], origin=live_server.url)

    # When she turns the camera on and holds up a label (the fake camera films its QR code,
    # which holds the tag's address)
    page.get_by_role("button", name="Scan with camera").click()
    expect(page.get_by_role("button", name="Scan with camera")).to_have_attribute(
        "aria-expanded", "true"
    )

    # Then the tag is read from the address and answered like a typed scan
    expect(page.locator(".scan-answer")).to_contain_text("NE000103: Verified", timeout=20_000)
    expect(page.locator("[data-camera-state]")).to_have_text("Read NE000103.")
    expect(page.get_by_label("Camera view for reading bar codes and QR codes")).to_be_visible()
    # and the tag box keeps the focus for a handheld scanner
    expect(page.get_by_role("textbox", name="Tag")).to_be_focused()
    check_page("audit-camera")

    # And a label held in view is one scan, not one per frame
    page.wait_for_timeout(3500)
    assert scans_of(campus_audit) == [("NE000103", "verified")]

    page.get_by_role("button", name="Stop the camera").click()
    expect(page.get_by_label("Camera view for reading bar codes and QR codes")).to_be_hidden()
