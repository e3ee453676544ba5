"""The director reads the service-levels dashboard: the charts are drawn, a table opens
from the keyboard, a table downloads; the analyst reads the intake dashboard."""

import pytest
import time_machine
from playwright.sync_api import Page, expect

from districtdesk.core.models import Role
from districtdesk.reports.tables import DASHBOARDS
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD
from tests.reports.scenario import NOW, build_scenario

pytestmark = pytest.mark.usefixtures("counted_at_now")


@pytest.fixture
def counted_at_now():
    """The live server counts at the scenario's moment (it runs in this process), with the
    clock ticking so that the browser's waits still pass."""
    with time_machine.travel(NOW, tick=True):
        yield


def test_the_director_reads_the_dashboard_and_opens_a_table_by_keyboard(
    page: Page, check_page, sign_in
):
    # Given a district with requests in every state, and the director signed in
    district = build_district()
    build_scenario(district)
    sign_in(district.people[Role.DIRECTOR].username, TEST_PASSWORD)
    check_page()

    # When she opens the reports from the navigation
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Service levels", level=1)).to_be_visible()

    # Then every chart is drawn by ECharts
    drawings = page.locator(".report-chart__drawing canvas")
    expect(drawings).to_have_count(len(DASHBOARDS["sla"]))
    check_page("reports-dashboard")

    # When she opens the team table from the keyboard
    section = page.get_by_role("region", name="Resolve target by team")
    toggle = section.get_by_text("Show as table")
    toggle.focus()
    page.keyboard.press("Enter")

    # Then the table is shown, with its caption and headers
    table = section.get_by_role("table", name="Resolve target by team")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Breached")).to_be_visible()
    expect(table.get_by_role("rowheader", name="North Campus Technicians")).to_be_visible()
    check_page("reports-table-open")

    # And the same numbers download as CSV
    with page.expect_download() as download:
        section.get_by_role("link", name="CSV — Resolve target by team").click()
    assert download.value.suggested_filename.startswith("sla-team-")


def test_a_bad_date_shows_a_form_error(page: Page, check_page, sign_in):
    district = build_district()
    sign_in(district.people[Role.DIRECTOR].username, TEST_PASSWORD)
    check_page()

    page.goto("/reports/?submitted_from=2027-02-31")

    expect(page.get_by_role("alert")).to_contain_text("Some filters are not valid")
    expect(page.locator(".report-chart")).to_have_count(0)
    check_page("reports-bad-filter")


def test_the_analyst_reads_the_intake_dashboard(page: Page, check_page, sign_in):
    district = build_district()
    build_scenario(district)
    sign_in(district.people[Role.CCC_ANALYST].username, TEST_PASSWORD)
    check_page()

    page.goto("/reports/intake/")

    expect(page.get_by_role("heading", name="Uncategorised queue")).to_be_visible()
    expect(page.locator(".report-chart__drawing canvas")).to_have_count(1)
    check_page("reports-intake")
