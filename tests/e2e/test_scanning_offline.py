"""The scanning page opens with no connection once it has been visited: its service worker
keeps the page (network first) and its files (cache first). An inventory technician opens
the audit, loses the connection, reloads, and scans; back online, the scan is sent once."""

import pytest
from playwright.sync_api import Page, expect

from districtdesk.inventory.models import AuditScan
from districtdesk.inventory.services.auditing import record_scan, start_audit
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD
from tests.e2e.conftest import PageAudit
from tests.inventory.factories import inventory_technician, register, room

WAITING = "1 scan waiting to send — will send when the connection is back."


@pytest.fixture
def campus_audit():
    district = build_district()
    register(district, bar_tag="NE000101", room_number="101")
    register(district, bar_tag="NE000102", room_number="102")
    technician = inventory_technician()
    return start_audit(district.north, actor=technician), technician


def test_the_scanning_page_opens_offline_and_its_scans_wait_then_go_once(
    page: Page, check_page, sign_in, campus_audit, audit: PageAudit
):
    the_audit, technician = campus_audit
    sign_in(technician.username, TEST_PASSWORD)
    check_page()

    # Given she has opened the audit's page once, and its worker has kept it
    page.goto(f"/inventory/audits/{the_audit.pk}/")
    check_page("audit-scanning-online")
    expect(page.locator("form[data-offline-ready='true']")).to_have_count(1, timeout=15_000)

    # When a colleague's scan reaches the server, then her connection drops and she reloads
    record_scan(the_audit, actor=technician, tag="NE000102", room=room(the_audit.campus, "102"))
    page.context.set_offline(True)
    page.reload()

    # Then the page still opens, with its form, styles and script: the copy kept from her
    # visit, which has not heard of the colleague's scan
    check_page("audit-scanning-offline")
    expect(page.get_by_role("region", name="Latest scans")).not_to_contain_text("NE000102")
    assert page.evaluate("navigator.onLine") is False
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    room_field = page.get_by_label("Room being scanned")
    expect(room_field).to_be_visible()
    # (the stylesheet lays the form out as a grid: the styles came from the cache too)
    expect(page.locator("form[data-scan-queue]")).to_have_css("display", "grid")

    # And a scan from the handheld scanner waits on the device
    room_field.select_option(label="NE-01 101")
    tag_box = page.get_by_role("textbox", name="Tag")
    tag_box.fill("NE000101")
    tag_box.press("Enter")
    expect(tag_box).to_have_value("")
    status = page.locator("[data-scan-queue-status]")
    expect(status).to_have_text(WAITING)
    expect(page.get_by_role("list", name="Waiting to send")).to_have_text("NE000101 · NE-01 101")
    assert AuditScan.objects.filter(audit=the_audit).count() == 1  # the colleague's

    # When the connection is back
    page.context.set_offline(False)

    # Then the scan is sent, answered, and recorded once
    expect(status).to_have_text("Every scan has been sent.", timeout=20_000)
    expect(page.locator(".scan-answer")).to_contain_text("NE000101: Verified")
    check_page("audit-scanning-back-online")
    expect(page.get_by_role("region", name="Latest scans")).to_contain_text("NE000102")
    scans = AuditScan.objects.filter(audit=the_audit).order_by("id")
    assert list(scans.values_list("tag", "result")) == [
        ("NE000102", "verified"),
        ("NE000101", "verified"),
    ]
    # What failed while offline was only the connection (and htmx's polling, which says so).
    audit.console_errors[:] = [
        message
        for message in audit.console_errors
        if "ERR_INTERNET_DISCONNECTED" not in message
        and not message.startswith(("htmx:sendError", "htmx:afterRequest"))
    ]


def test_the_worker_is_served_as_javascript_for_the_audits_scope(client):
    response = client.get("/inventory/audits/scanning-worker.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/inventory/audits/"
    assert "no-cache" in response["Cache-Control"]
    assert b"/static/inventory/scanning.js" in response.content
