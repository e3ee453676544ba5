"""The Business Office dashboard: technology-request spend, the requests waiting in each
step, the money waiting for funding and the approval-to-order time, against an
independent count over the requests the test made (tests/reports/oracle.py) and against
numbers worked out by hand, at a pinned moment; its page, downloads and API."""

import csv
import io
import statistics
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from districtdesk.core.models import Role
from districtdesk.reports.business_office_report import (
    BusinessOfficeFilters,
    BusinessOfficeReport,
)
from districtdesk.reports.dashboards import DASHBOARDS
from districtdesk.reports.figures import purchasing
from districtdesk.reports.filters import school_year_bounds
from tests.acquisitions import builders
from tests.reports import oracle
from tests.reports.scenario import NOW, build_technology_requests
from tests.service_requests.builders import local

pytestmark = pytest.mark.django_db
ROUTE, API = "reports_business_office", "api_report_business_office"


@pytest.fixture
def purchases(district):
    return build_technology_requests(district)


def _scope(filters: BusinessOfficeFilters | None = None):
    return (filters or BusinessOfficeFilters()).scope_at(NOW)


# --- The figures ---------------------------------------------------------------------------


def test_the_spend_is_each_funded_requests_chosen_quote_by_budget_code_and_source(
    purchases, district
):
    viewer = district.people[Role.BUSINESS_OFFICE]

    rows = purchasing.spend_by_budget_code(viewer, _scope(), now=NOW)

    start, end = school_year_bounds(2026)
    expected = oracle.technology_figures(purchases.values(), NOW, start, end)["spend"]
    assert {(row.budget_code, row.funding): (row.requests, row.amount) for row in rows} == expected
    # By hand: 243.50 (the quote ordered, not the cheaper 150.00) + 360.00 + 99.00; and
    # 1,299.99 + 101.00. Last June's order is the 2025–26 school year's.
    assert expected == {
        ("B-2027-410", "bond"): (3, 702.5),
        ("GF-100", "non_bond"): (2, 1400.99),
    }


def test_the_spend_follows_the_school_year_the_dates_and_the_funding_source(purchases, district):
    viewer = district.people[Role.BUSINESS_OFFICE]

    def spend(**filters):
        scope = BusinessOfficeFilters(**filters).scope_at(NOW)
        return {
            (row.budget_code, row.funding): (row.requests, row.amount)
            for row in purchasing.spend_by_budget_code(viewer, scope, now=NOW)
        }

    assert spend(school_year=2025) == {("GF-100", "non_bond"): (1, 75.0)}
    # 2 February 21:00 is 2 February in the district, both dates included.
    assert spend(funded_from=date(2027, 2, 2), funded_to=date(2027, 2, 9)) == {
        ("GF-100", "non_bond"): (2, 1400.99)
    }
    assert spend(funded_to=date(2027, 2, 1)) == {("B-2027-410", "bond"): (3, 702.5)}
    assert spend(funding="bond") == {("B-2027-410", "bond"): (3, 702.5)}
    assert spend(campus=district.south) == {}
    assert spend(campus=district.north) == spend()


def test_the_steps_count_open_requests_by_time_in_the_step(purchases, district):
    viewer = district.people[Role.DIRECTOR]

    rows = purchasing.waiting_by_step(viewer, _scope(), now=NOW)

    start, end = school_year_bounds(2026)
    expected = oracle.technology_figures(purchases.values(), NOW, start, end)
    assert [row.status for row in rows] == list(oracle.OPEN_STEPS)
    assert {row.status: list(row.by_band) for row in rows} == expected["steps"]
    assert {row.status: row.oldest_since for row in rows if row.total} == expected["oldest"]
    # By hand: exactly 10 days is in 10–30 and exactly 2 days in 2–5 (a band includes its
    # start); last June's order has waited for delivery 241 days.
    by_step = {row.status: row.by_band for row in rows}
    assert by_step["in_review"] == (1, 0, 0, 0, 0)
    assert by_step["awaiting_approval"] == (0, 1, 0, 0, 0)
    assert by_step["quoting"] == (0, 0, 0, 1, 0)
    assert by_step["awaiting_funding"] == (0, 1, 0, 0, 1)
    assert by_step["ordered"] == (0, 0, 1, 1, 3)
    assert by_step["received"] == (0, 0, 0, 1, 0)
    assert by_step["deploying"] == (0, 0, 0, 0, 0)
    ordered = next(row for row in rows if row.status == "ordered")
    assert purchasing.age_in_days(ordered.oldest_since, NOW) == 241
    # The campus is the service request's: every request here is at the north campus.
    south = purchasing.waiting_by_step(
        viewer, BusinessOfficeFilters(campus=district.south).scope_at(NOW), now=NOW
    )
    assert sum(row.total for row in south) == 0


def test_money_waiting_for_funding_is_each_requests_lowest_quote(purchases, district):
    viewer = district.people[Role.BUSINESS_OFFICE]

    bands = purchasing.awaiting_funding(viewer, _scope(), now=NOW)

    start, end = school_year_bounds(2026)
    expected = oracle.technology_figures(purchases.values(), NOW, start, end)["funding"]
    assert {
        position: (band.requests, band.amount)
        for position, band in enumerate(bands)
        if band.requests
    } == expected
    assert expected == {1: (1, 198.0), 4: (1, 280.0)}  # 280.00, not the other quote's 300.00


def test_approval_to_funding_is_the_median_per_month_funded(purchases, district):
    viewer = district.people[Role.BUSINESS_OFFICE]
    filters = BusinessOfficeFilters()

    months = purchasing.approval_to_order(
        viewer, _scope(filters), now=NOW, months=filters.months_at(NOW)
    )

    start, end = school_year_bounds(2026)
    took = oracle.technology_figures(purchases.values(), NOW, start, end)["took"]
    assert [month.month for month in months] == [date(2026, m, 1) for m in range(7, 13)] + [
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    assert {month.month: month.funded for month in months if month.funded} == {
        key: len(days) for key, days in took.items()
    }
    assert {month.month: month.median_days for month in months if month.funded} == {
        key: round(statistics.median(days), 1) for key, days in took.items()
    }
    # By hand: January 4, 2 and 0 days (odd: the middle one); February 1.5 and 6 (even: the
    # mean of the two middle ones).
    by_month = {month.month: month.median_days for month in months}
    assert by_month[date(2027, 1, 1)] == 2.0
    assert by_month[date(2027, 2, 1)] == 3.8
    assert by_month[date(2026, 12, 1)] is None


# --- The page, downloads and API -------------------------------------------------------------


def test_the_business_office_reads_its_dashboard_with_charts_and_downloads(
    client, purchases, district, at_now
):
    client.force_login(district.people[Role.BUSINESS_OFFICE])

    response = client.get(reverse(ROUTE))

    assert response.status_code == 200
    tables = response.context["tables"]
    assert [table.slug for table in tables] == list(DASHBOARDS["business_office"].shown)
    page = response.content.decode()
    for table in tables:
        assert table.summary and table.rows and table.drawn
        assert f'id="{table.data_id}" type="application/json"' in page
        assert reverse("reports_csv", args=[table.slug]) in page
    assert "<script>" not in page
    assert f'href="{reverse(ROUTE)}" aria-current="page"' in page
    spend = tables[0]
    assert spend.rows == [
        ["B-2027-410", 702.5, 0.0, 702.5, 3, 0, 3],
        ["GF-100", 0.0, 1400.99, 1400.99, 0, 2, 2],
    ]
    funding = next(t for t in tables if t.slug == "bo-awaiting-funding")
    assert "478.00" in funding.summary and "lowest quote" in funding.summary


@pytest.mark.parametrize("slug", list(DASHBOARDS["business_office"].shown))
def test_the_csv_and_xlsx_hold_exactly_the_numbers_shown(client, purchases, district, at_now, slug):
    client.force_login(district.people[Role.BUSINESS_OFFICE])
    query = {"school_year": 2026, "funding": "bond"}
    shown = next(t for t in client.get(reverse(ROUTE), query).context["tables"] if t.slug == slug)

    as_csv = client.get(reverse("reports_csv", args=[slug]), query)
    as_xlsx = client.get(reverse("reports_xlsx", args=[slug]), query)

    assert as_csv.status_code == as_xlsx.status_code == 200
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert rows[0] == shown.header
    assert rows[1:] == [[str(value) for value in row] for row in shown.rows]
    workbook = load_workbook(io.BytesIO(as_xlsx.content))
    values = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    assert values[0] == shown.header
    assert values[1:] == shown.rows
    about = dict(workbook.worksheets[1].iter_rows(values_only=True))
    assert about["Funding"] == "Bond" and about["School year"] == "2026–27"


def test_the_api_gives_the_dashboards_numbers(client, purchases, district, at_now):
    client.force_login(district.people[Role.DIRECTOR])
    tables = {t.slug: t for t in client.get(reverse(ROUTE)).context["tables"]}

    body = client.get(reverse(API)).json()

    assert body["school_year"] == 2026
    assert sorted((row["budget_code"], row["funding"], row["amount"]) for row in body["spend"]) == [
        ("B-2027-410", "bond", 702.5),
        ("GF-100", "non_bond", 1400.99),
    ]
    assert [row["total"] for row in body["waiting_by_step"]] == [
        row[-2] for row in tables["bo-waiting"].rows
    ]
    assert body["awaiting_funding"]["requests"] == 2
    assert body["awaiting_funding"]["amount"] == 478.0
    assert [row["amount"] for row in body["awaiting_funding"]["by_age"]] == [
        row[1] for row in tables["bo-awaiting-funding"].rows
    ]
    assert [[m["month"], m["median_days"]] for m in body["approval_to_order"]][-2:] == [
        ["2027-01", 2.0],
        ["2027-02", 3.8],
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"funded_from": "2027-02-31"}, "funded_from"),
        ({"funded_from": "2027-03-01", "funded_to": "2027-02-01"}, "funded_to"),
        ({"funded_to": "9999-12-31"}, "funded_to"),
        ({"school_year": "1066"}, "school_year"),
        ({"school_year": "twenty"}, "school_year"),
        ({"campus": "99999999999999999999"}, "campus"),
        ({"funding": "lottery"}, "funding"),
    ],
)
def test_a_bad_filter_is_a_form_error_a_400_never_a_500(client, district, query, field):
    client.force_login(district.people[Role.BUSINESS_OFFICE])

    response = client.get(reverse(ROUTE), query)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert "tables" not in response.context
    assert client.get(reverse("reports_csv", args=["bo-spend"]), query).status_code == 400
    answer = client.get(reverse(API), query)
    assert answer.status_code == 400 and list(answer.json()) == [field]


@pytest.mark.parametrize(
    "role", [Role.TECHNICIAN, Role.TEAM_LEAD, Role.INVENTORY, Role.CCC_ANALYST, Role.REQUESTER]
)
def test_people_it_is_not_for_get_404_for_the_page_its_downloads_and_api(client, district, role):
    client.force_login(district.people[role])

    assert client.get(reverse(ROUTE)).status_code == 404
    assert client.get(reverse(API)).status_code == 404
    for slug in DASHBOARDS["business_office"].shown:
        assert client.get(reverse("reports_csv", args=[slug])).status_code == 404
        assert client.get(reverse("reports_xlsx", args=[slug])).status_code == 404


def test_the_home_page_links_the_business_office_its_dashboard(client, district):
    client.force_login(district.people[Role.BUSINESS_OFFICE])

    page = client.get(reverse("home")).content.decode()

    dashboard = DASHBOARDS["business_office"]
    assert f'<a href="{reverse(ROUTE)}">{dashboard.title}</a><br>' in page
    assert f'<li><a href="{reverse(ROUTE)}">Reports</a></li>' in page


def test_the_page_costs_the_same_queries_for_one_request_and_for_ten(
    client, district, at_now, django_assert_max_num_queries
):
    client.force_login(district.people[Role.BUSINESS_OFFICE])

    def count() -> int:
        with django_assert_max_num_queries(30) as captured:
            assert client.get(reverse(ROUTE)).status_code == 200
        return len(captured)

    builders.funded(
        district, builders.ask(district, now=local(2027, 2, 1, 9)), now=local(2027, 2, 1, 9)
    )
    one = count()
    made = build_technology_requests(district, received=False)
    assert len(made) + 1 >= 10
    assert count() == one


def test_every_figure_is_one_query(district, purchases):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    viewer = district.people[Role.BUSINESS_OFFICE]
    report = BusinessOfficeReport(viewer, BusinessOfficeFilters(), now=NOW)
    report.table("bo-spend")  # the viewer's roles, read once
    for slug in DASHBOARDS["business_office"].shown:
        with CaptureQueriesContext(connection) as captured:
            report.table(slug)
        assert len(captured) == 1, (slug, [q["sql"] for q in captured])
