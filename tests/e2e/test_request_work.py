"""Working requests in a real browser beyond the main journey: a screenshot attached from
the portal and downloaded safely, ticked requests assigned in bulk from a queue, and
scheduled maintenance approved to go ahead of overdue work. Every page is checked."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from districtdesk.core.models import Role
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import working
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD
from tests.service_requests.builders import priority, submit
from tests.service_requests.files import PNG


def categorised(request: ServiceRequest, analyst, code: str = "1.3", **fields):
    chosen = priority(code)
    working.categorise_request(
        request, actor=analyst, category=chosen.category, priority=chosen, **fields
    )
    request.refresh_from_db()
    return request


def test_a_teacher_attaches_a_screenshot_that_staff_download_as_a_file(
    page: Page, check_page, sign_in
):
    district = build_district()
    sign_in(district.people[Role.REQUESTER].username, TEST_PASSWORD)
    check_page()
    page.goto("/requests/new/")
    page.get_by_label("Summary").fill("Error on the attendance screen")
    page.get_by_label("Problem description").fill("A red banner appears after saving.")
    page.get_by_label("Impact").fill("Attendance is late to the office.")
    page.get_by_label("Campus").select_option(label="Northeast Elementary (NE-01)")
    page.get_by_label("Screenshots or documents").set_input_files(
        {"name": "banner.png", "mimeType": "image/png", "buffer": PNG}
    )
    check_page("sr-portal-attachment")
    page.get_by_role("button", name="Submit request").click()

    attachments = page.get_by_role("region", name="Attachments")
    expect(attachments.get_by_role("link", name="banner.png")).to_be_visible()
    check_page("sr-request-attachment")
    href = attachments.get_by_role("link", name="banner.png").get_attribute("href")

    download = page.request.get(href)
    assert download.status == 200
    assert download.headers["content-disposition"] == "attachment; filename*=UTF-8''banner.png"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.body() == PNG


def test_a_team_lead_assigns_ticked_requests_and_puts_scheduled_work_ahead(
    page: Page, check_page, sign_in
):
    district = build_district()
    analyst, teacher = district.people[Role.CCC_ANALYST], district.people[Role.REQUESTER]
    now = timezone.now()
    first, second = (categorised(submit(teacher, now=now), analyst) for _ in range(2))
    upgrade = categorised(
        submit(teacher, now=now, summary="Install the new bell system server"),
        analyst,
        "5.4",
        planned_completion=(timezone.localdate() + timedelta(days=30)),
    )
    sign_in(district.people[Role.TEAM_LEAD].username, TEST_PASSWORD)
    check_page()

    # Tick two requests in the team queue and give them to the technician
    page.goto("/requests/queues/team/")
    page.get_by_label(f"Tick {first.number} to assign it").check()
    page.get_by_label(f"Tick {second.number} to assign it").check()
    bulk = page.locator("#bulk-assign")
    bulk.get_by_text("Assign the ticked requests").click()
    bulk.get_by_label("Team").select_option(label="North Campus Technicians")
    bulk.get_by_label("Technician").select_option(label="Tomas Nguyen")
    check_page("sr-queue-ticked")
    bulk.get_by_role("button", name="Assign ticked requests").click()
    expect(page.locator(".messages")).to_contain_text("2 requests assigned to Tomas Nguyen.")
    check_page("sr-queue-assigned")
    for request in (first, second):
        request.refresh_from_db()
        assert request.assignee == district.people[Role.TECHNICIAN]

    # Approve working the scheduled upgrade ahead of overdue work
    page.goto(f"/requests/{upgrade.pk}/")
    schedule = page.get_by_role("region", name="Scheduled work")
    expect(schedule).to_contain_text("Planned completion")
    check_page("sr-scheduled-work")
    page.get_by_role("group", name="Actions").get_by_text(
        "Work ahead of overdue requests", exact=True
    ).click()
    page.get_by_label("Why it goes ahead of overdue requests").fill(
        "The bell system must work before Monday's assembly"
    )
    page.get_by_role("button", name="Approve working it ahead").click()
    expect(schedule).to_contain_text("approved by Terry Lee")
    check_page("sr-scheduled-work-ahead")
    upgrade.refresh_from_db()
    assert upgrade.queue_rank == ServiceRequest.QueueRank.WORKED_AHEAD
