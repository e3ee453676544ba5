"""A system administrator keeps the district's business calendar and tries the clock."""

from playwright.sync_api import Page, expect

from districtdesk.core.models import Closure, Role
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD


def test_an_administrator_adds_a_snow_day_and_sees_it_in_history(page: Page, check_page, sign_in):
    # Given a signed-in system administrator
    admin = build_district().people[Role.SYSTEM_ADMIN]
    sign_in(admin.username, TEST_PASSWORD)
    check_page()

    # When they open the district calendar and add a snow day
    page.get_by_role("link", name="Business calendars").click()
    check_page("calendar-list")
    page.get_by_role("link", name="District business hours").click()
    check_page("calendar-detail")
    form = page.get_by_role("form", name="Add a closure")
    form.get_by_label("Name").fill("Snow day")
    form.get_by_label("Type").select_option(label="Emergency closure (weather, power)")
    form.get_by_label("First day").fill("2027-02-01")
    form.get_by_label("Last day").fill("2027-02-01")
    form.get_by_role("button", name="Add closure").click()

    # Then the page confirms it, lists it, and the history says who added it
    expect(page.get_by_role("main").get_by_role("status")).to_contain_text(
        "Added closure “Snow day”"
    )
    expect(page.get_by_role("cell", name="Snow day", exact=True)).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text="Added closure “Snow day”")
    ).to_contain_text("Sue Admin")
    check_page("calendar-closure-added")
    assert Closure.objects.filter(name="Snow day", kind="emergency").exists()


def test_a_backwards_closure_is_refused_and_the_form_keeps_what_was_typed(
    page: Page, check_page, sign_in
):
    admin = build_district().people[Role.SYSTEM_ADMIN]
    sign_in(admin.username, TEST_PASSWORD)
    check_page()
    page.goto("/calendars/")
    check_page()
    page.get_by_role("link", name="District business hours").click()
    check_page()

    form = page.get_by_role("form", name="Add a closure")
    form.get_by_label("Name").fill("Backwards")
    form.get_by_label("First day").fill("2027-02-05")
    form.get_by_label("Last day").fill("2027-02-01")
    form.get_by_role("button", name="Add closure").click()

    expect(page.get_by_text("The last day cannot be before the first day.")).to_be_visible()
    expect(page.get_by_role("form", name="Add a closure").get_by_label("Name")).to_have_value(
        "Backwards"
    )
    check_page("calendar-closure-refused")


def test_trying_the_clock_shows_the_due_time_and_why(page: Page, check_page, sign_in):
    admin = build_district().people[Role.SYSTEM_ADMIN]
    sign_in(admin.username, TEST_PASSWORD)
    check_page()
    page.goto("/calendars/")
    check_page()
    page.get_by_role("link", name="District business hours").click()
    check_page()

    # When they ask when 3 business days from the Friday before winter break falls
    page.get_by_label("Submitted at").fill("2026-12-18T16:10")
    page.get_by_label("SLA").fill("3")
    page.get_by_label("Unit").select_option("days")
    page.get_by_role("button", name="Show due time").click()

    # Then the answer skips the break and the staff-development day, and says so
    result = page.get_by_role("main").get_by_role("status")
    expect(result).to_contain_text("Winter break")
    expect(result).to_contain_text("Thu 7 Jan 2027, 16:10")
    check_page("calendar-preview")


def test_the_api_docs_open_for_a_signed_in_person(page: Page, check_page, sign_in):
    person = build_district().people[Role.TECHNICIAN]
    sign_in(person.username, TEST_PASSWORD)
    check_page()

    page.get_by_role("link", name="API").click()

    expect(page.get_by_text("DistrictDesk API")).to_be_visible()
    check_page("api-docs")
