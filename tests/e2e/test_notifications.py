"""The bell in a real browser: a teacher whose request was phoned in sees the unread count
in the header, opens the notifications page, and marks the notification read."""

from django.utils import timezone
from playwright.sync_api import Page, expect

from districtdesk.core.models import Role
from districtdesk.notifications.models import Rule
from districtdesk.notifications.reference_data import install_default_rules
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD
from tests.notifications.builders import phoned_in


def test_the_bell_counts_unread_notifications_and_the_page_lists_them(
    page: Page, check_page, sign_in
):
    # Given the analyst phoned in a request for the teacher
    install_default_rules(Rule)  # the live server's database was flushed of shipped rows
    district = build_district()
    request = phoned_in(district.people, now=timezone.now())

    # When she signs in, the bell shows one unread notification
    sign_in(district.people[Role.REQUESTER].username, TEST_PASSWORD)
    bell = page.get_by_role("link", name="Notifications 1 unread")
    expect(bell).to_be_visible()
    check_page("notifications-bell")

    # And the notifications page lists it
    bell.click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text=f"Submitted {request.number}")
    ).to_be_visible()
    check_page("notifications-list")

    # Then marking it read empties the bell
    page.get_by_role("button", name="Mark as read").click()
    expect(page.get_by_text("0 unread.")).to_be_visible()
    expect(page.locator("#bell-count")).to_have_text("")
    check_page("notifications-read")
