"""A service request in a real browser, from the portal to its resolution: a teacher asks,
an analyst categorises, a technician works it (waiting on a vendor stops the clock), and
the teacher sees the outcome. Every page is checked (axe-core, CSP, console)."""

import re

from playwright.sync_api import Page, expect

from districtdesk.core.models import Role
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import working
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD
from tests.service_requests.builders import local, priority, submit


def sign_out(page: Page, check_page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to DistrictDesk")).to_be_visible()
    check_page()


def open_nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def open_action(page: Page, name: str) -> None:
    """Unfold one of the request's actions (a disclosure holding its small form)."""
    page.get_by_role("group", name="Actions").get_by_text(name, exact=True).click()


def announcement(page: Page):
    return page.locator("#request-announcement")


def status(page: Page):
    return page.locator(".status-line")


def test_a_request_goes_from_the_portal_to_its_resolution(page: Page, check_page, sign_in):
    district = build_district()
    teacher = district.people[Role.REQUESTER]

    # A teacher asks for help from the portal
    sign_in(teacher.username, TEST_PASSWORD)
    check_page("sr-home-teacher")
    open_nav(page, "Requests")
    expect(page.get_by_text("You have not asked for anything yet.")).to_be_visible()
    check_page("sr-my-requests-empty")
    page.get_by_role("main").get_by_role("link", name="New request").click()
    expect(page.get_by_label("Campus")).to_have_value(str(district.north.pk))
    check_page("sr-portal")
    page.get_by_label("Summary").fill("Projector in room 101 shows no picture")
    page.get_by_label("Problem description").fill("It powers on, the screen stays blue.")
    page.get_by_label("Impact").fill("Second-grade lessons rely on it every morning.")
    page.get_by_label("High", exact=True).check()
    # the room list follows the campus (htmx)
    page.get_by_label("Campus").select_option(label="South High (SH-02)")
    expect(page.locator("#id_room option", has_text="A100")).to_have_count(1)
    page.get_by_label("Campus").select_option(label="Northeast Elementary (NE-01)")
    expect(page.locator("#id_room option", has_text="101")).to_have_count(1)
    page.get_by_label("Room").select_option(label="101")
    check_page("sr-portal-filled")
    page.get_by_role("button", name="Submit request").click()

    request = ServiceRequest.objects.get()
    expect(page.locator(".messages")).to_contain_text(f"Request {request.number} submitted")
    expect(status(page)).to_have_text("Awaiting categorisation")
    check_page("sr-request-submitted")
    sign_out(page, check_page)

    # A Customer Care Center analyst categorises it from the uncategorised queue
    sign_in(district.people[Role.CCC_ANALYST].username, TEST_PASSWORD)
    check_page()
    open_nav(page, "Queues")
    expect(page.get_by_role("heading", level=1)).to_have_text("Queue: Uncategorised")
    expect(page.get_by_role("heading", name="Odd-hour review")).to_be_visible()
    check_page("sr-queue-uncategorised")
    page.get_by_role("link", name=re.compile(request.number)).click()
    check_page("sr-request-analyst")
    open_action(page, "Categorise")
    page.get_by_label("Category and priority").select_option(label="1.3 Instructional (3 days)")
    page.get_by_role("button", name="Categorise and route").click()
    expect(announcement(page)).to_contain_text(f"{request.number} categorised and routed.")
    expect(status(page)).to_have_text("Awaiting acknowledgement")
    expect(page.locator("#status-heading")).to_be_focused()
    check_page("sr-request-categorised")
    sign_out(page, check_page)

    # A campus technician acknowledges it, waits on a vendor, resumes and resolves it
    sign_in(district.people[Role.TECHNICIAN].username, TEST_PASSWORD)
    check_page()
    open_nav(page, "Queues")
    expect(page.get_by_role("heading", level=1)).to_have_text("Queue: My teams")
    check_page("sr-queue-team")
    page.get_by_role("link", name=re.compile(request.number)).click()
    check_page()
    page.get_by_role("button", name="Acknowledge").click()
    expect(status(page)).to_have_text("In progress")
    check_page("sr-request-acknowledged")

    open_action(page, "Put on hold")
    page.get_by_label("A vendor (Vendor Dependent)").check()
    page.get_by_label("What it is waiting for").fill("Replacement lamp ordered from the vendor")
    page.get_by_role("button", name="Stop the clock and wait").click()
    expect(status(page)).to_have_text("Waiting")
    expect(page.get_by_text("Waiting on a vendor — the clock is stopped").first).to_be_visible()
    expect(page.get_by_text("Paused — the clock is stopped")).to_be_visible()
    check_page("sr-request-waiting")

    page.get_by_role("button", name="Resume work").click()
    expect(status(page)).to_have_text("In progress")
    expect(page.get_by_text("Waiting on a vendor — the clock is stopped")).to_have_count(0)
    check_page("sr-request-resumed")

    open_action(page, "Resolve")
    page.get_by_label("Resolution").fill("Replaced the lamp; the picture is back.")
    page.get_by_role("button", name="Resolve the request").click()
    expect(status(page)).to_have_text("Resolved")
    check_page("sr-request-resolved")
    sign_out(page, check_page)

    # The teacher sees the outcome
    sign_in(teacher.username, TEST_PASSWORD)
    check_page()
    open_nav(page, "Requests")
    row = page.locator(".request-row", has_text=request.number)
    expect(row).to_contain_text("Resolved")
    check_page("sr-my-requests-resolved")
    row.get_by_role("link").click()
    expect(page.locator(".resolution")).to_contain_text("Replaced the lamp; the picture is back.")
    expect(page.get_by_role("button", name="Reopen")).to_have_count(0)  # a disclosure, not yet
    expect(
        page.get_by_role("group", name="Actions").get_by_text("Reopen", exact=True)
    ).to_be_visible()
    check_page("sr-request-outcome")
    request.refresh_from_db()
    assert request.status == ServiceRequest.Status.RESOLVED


def test_an_analyst_enters_a_phone_call_for_a_caller_found_by_name(page: Page, check_page, sign_in):
    district = build_district()
    sign_in(district.people[Role.CCC_ANALYST].username, TEST_PASSWORD)
    check_page()
    page.goto("/requests/phone/")
    check_page("sr-phone")

    # Typing part of the name offers the matching people (htmx)
    page.get_by_label("Find the caller").fill("alvar")
    expect(page.locator("#caller-count")).to_contain_text("1 person matches “alvar”")
    page.get_by_label(re.compile("Rosa Alvarez")).check()
    check_page("sr-phone-caller-found")
    page.get_by_label("Summary").fill("Cannot sign in to Infinite Campus")
    page.get_by_label("Problem description").fill("Password reset did not help.")
    page.get_by_label("Impact").fill("Attendance cannot be taken.")
    page.get_by_label("Category and priority").select_option(label="1.2 High/Testing (1 day)")
    page.get_by_role("button", name="Enter the request").click()

    request = ServiceRequest.objects.get()
    expect(page.locator(".messages")).to_contain_text(
        f"Request {request.number} entered for Rosa Alvarez"
    )
    expect(status(page)).to_have_text("Awaiting acknowledgement")
    expect(page.locator(".request-main .facts")).to_contain_text("Entered by")
    expect(page.locator(".request-main .facts")).to_contain_text("Ana Costa")
    check_page("sr-phone-entered")
    assert request.campus == district.north  # the caller's home campus


def test_the_request_pages_fit_a_phone(page: Page, check_page, sign_in):
    district = build_district()
    technician = district.people[Role.TECHNICIAN]
    request = submit(district.people[Role.REQUESTER], now=local(2026, 11, 2, 9))
    working.categorise_request(
        request,
        actor=district.people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
        now=local(2026, 11, 2, 9, 30),
    )
    working.add_note(request, actor=technician, body="Lamp ordered.", visibility="work_note")
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(technician.username, TEST_PASSWORD)
    check_page("sr-phone-home")

    for path, name in [
        ("/requests/queues/team/", "sr-phone-queue"),
        (f"/requests/{request.pk}/", "sr-phone-request"),
        ("/requests/new/", "sr-phone-portal"),
        ("/requests/phone/", "sr-phone-entry"),
    ]:
        page.goto(path)
        check_page(name)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a 320px screen"
