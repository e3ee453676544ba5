"""The director reads the service-levels dashboard: the charts are drawn, a table opens
from the keyboard, a table downloads; the analyst reads the intake dashboard; the Business
Office reads its own."""

import re

import pytest
import time_machine
from playwright.sync_api import Page, expect

from districtdesk.core.models import Role
from districtdesk.reports.dashboards import DASHBOARDS
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD
from tests.reports.scenario import (
    NOW,
    build_scenario,
    build_team_week,
    build_technology_requests,
)

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
    expect(drawings).to_have_count(len(DASHBOARDS["sla"].shown))
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


def test_the_team_lead_reads_their_teams_week(page: Page, check_page, sign_in):
    # Given the scenario with the campus team's week, and its team lead signed in
    district = build_district()
    build_scenario(district)
    build_team_week(district)
    sign_in(district.people[Role.TEAM_LEAD].username, TEST_PASSWORD)
    check_page()

    # When he opens the team dashboard from the home page
    page.get_by_role("link", name="Team work").click()
    expect(page.get_by_role("heading", name="Team work", level=1)).to_be_visible()

    # Then every chart is drawn
    drawings = page.locator(".report-chart__drawing canvas")
    expect(drawings).to_have_count(len(DASHBOARDS["team"].shown))
    check_page("reports-team")

    # When he opens the load per technician from the keyboard
    section = page.get_by_role("region", name="Open requests per technician")
    section.get_by_text("Show as table").focus()
    page.keyboard.press("Enter")

    # Then the table shows his technician's load
    table = section.get_by_role("table", name="Open requests per technician")
    expect(table).to_be_visible()
    expect(
        table.get_by_role("rowheader", name=str(district.people[Role.TECHNICIAN]))
    ).to_be_visible()
    check_page("reports-team-table-open")

    # And the same numbers download as Excel
    with page.expect_download() as download:
        section.get_by_role("link", name="Excel (XLSX) — Open requests per technician").click()
    assert download.value.suggested_filename == "team-load-2027-02-16.xlsx"


def test_the_business_office_reads_spend_and_waiting_requests(page: Page, check_page, sign_in):
    # Given technology requests funded, ordered and waiting, and the Business Office signed in
    district = build_district()
    build_technology_requests(district)
    sign_in(district.people[Role.BUSINESS_OFFICE].username, TEST_PASSWORD)
    check_page()

    # When it opens the Reports link, its only dashboard
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Business office", level=1)).to_be_visible()

    # Then every chart is drawn, with the spend's axis named below it
    expect(page.locator(".report-chart__drawing canvas")).to_have_count(
        len(DASHBOARDS["business_office"].shown)
    )
    check_page("reports-business-office")

    # When it opens the spend from the keyboard
    section = page.get_by_role("region", name="Ordered amount by budget code and funding source")
    section.get_by_text("Show as table").focus()
    page.keyboard.press("Enter")

    # Then the budget codes are rows, with the amount ordered on the chosen quotes
    table = section.get_by_role("table")
    expect(table.get_by_role("rowheader", name="B-2027-410")).to_be_visible()
    expect(table.get_by_role("row", name="B-2027-410")).to_contain_text("702.5")
    check_page("reports-business-office-table-open")

    # And only the bond-funded spend is left when it picks bond funds
    page.get_by_label("Funding", exact=True).select_option("bond")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"funding=bond"))
    section.get_by_text("Show as table").click()
    expect(section.get_by_role("table").get_by_role("rowheader")).to_have_count(1)
    check_page("reports-business-office-bond")
