"""The dashboards, their downloads and the reports API: what is shown is what is sent, a
bad filter is a form error (or a 400), and the page costs the same queries at any size."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from districtdesk.core.models import Role
from districtdesk.core.spreadsheets import neutralised
from districtdesk.reports.exports import csv_bytes
from districtdesk.reports.filters import Filters
from districtdesk.reports.tables import DASHBOARDS, TABLES, Column, Report, Table
from tests.reports.scenario import build_scenario

pytestmark = pytest.mark.django_db


def sign_in(client, scenario, role=Role.DIRECTOR):
    client.force_login(scenario.district.people[role])


def test_the_dashboard_shows_each_table_with_its_chart_data_and_downloads(client, scenario, at_now):
    sign_in(client, scenario)

    response = client.get(reverse("reports_dashboard"))

    assert response.status_code == 200
    tables = response.context["tables"]
    assert [table.slug for table in tables] == DASHBOARDS["sla"]
    page = response.content.decode()
    for table in tables:
        assert f'id="{table.data_id}" type="application/json"' in page
        assert reverse("reports_csv", args=[table.slug]) in page
    assert "<caption>SLA compliance by target</caption>" in page
    assert "<script>" not in page  # no inline script: the CSP allows none
    assert 'href="/reports/"' in page  # the navigation links the dashboards


def test_the_intake_dashboard_shows_the_queue_and_intake_by_hour(client, scenario, at_now):
    sign_in(client, scenario, Role.CCC_ANALYST)

    response = client.get(reverse("reports_intake"))

    assert response.status_code == 200
    assert [table.slug for table in response.context["tables"]] == ["intake-hour"]
    page = response.content.decode()
    assert "Uncategorised queue" in page
    assert "1\xa0week, 5\xa0days" in page  # the forgotten request, since 3 February 12:00


def test_a_bad_date_in_the_url_is_a_form_error_not_a_500(client, scenario):
    sign_in(client, scenario)

    response = client.get(reverse("reports_dashboard"), {"submitted_from": "2027-02-31"})

    assert response.status_code == 200
    assert response.context["form"].errors["submitted_from"]
    assert "tables" not in response.context
    for query in (
        {"submitted_from": "2027-03-01", "submitted_to": "2027-02-01"},
        {"submitted_to": "9999-12-31"},
        {"campus": "99999999999999999999"},
        {"team": "x"},
        {"target": "nonsense"},
    ):
        response = client.get(reverse("reports_dashboard"), query)
        assert response.status_code == 200 and response.context["form"].errors, query
        download = client.get(reverse("reports_csv", args=["sla-team"]), query)
        assert download.status_code == 400, query


def test_people_without_a_reporting_role_get_404(client, scenario):
    sign_in(client, scenario, Role.REQUESTER)

    assert client.get(reverse("reports_dashboard")).status_code == 404
    assert client.get(reverse("reports_csv", args=["sla-team"])).status_code == 404
    page = client.get(reverse("home")).content.decode()
    assert 'href="/reports/"' not in page


def test_an_unknown_table_is_404(client, scenario):
    sign_in(client, scenario)
    assert client.get("/reports/download/nothing.csv").status_code == 404


@pytest.mark.parametrize("slug", sorted(TABLES))
def test_the_csv_holds_exactly_the_tables_numbers(client, scenario, at_now, slug):
    sign_in(client, scenario)
    query = {"team": scenario.district.campus_team.pk, "target": "acknowledge"}
    shown = Report(
        scenario.district.people[Role.DIRECTOR],
        Filters(team=scenario.district.campus_team, target="acknowledge"),
        now=at_now,
    ).table(slug)

    response = client.get(reverse("reports_csv", args=[slug]), query)

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{slug}-2027-02-16.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == shown.header
    assert rows[1:] == [[str(value) for value in row] for row in shown.rows]
    assert len(rows) > 1


@pytest.mark.parametrize("slug", ["sla-category", "time-spent", "intake-hour"])
def test_the_xlsx_holds_exactly_the_tables_numbers(client, scenario, at_now, slug):
    sign_in(client, scenario)
    shown = Report(scenario.district.people[Role.DIRECTOR], Filters(), now=at_now).table(slug)

    response = client.get(reverse("reports_xlsx", args=[slug]))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == shown.header
    assert values[1:] == shown.rows


def test_text_that_looks_like_a_formula_stays_text():
    table = Table(
        slug="t",
        title="t",
        summary="",
        columns=[Column("Team", numeric=False), Column("Count")],
        rows=[["=HYPERLINK(1)", 3], ["-team", 4], ["@x", 5], ["\tx", 6], ["plain", 7]],
    )

    rows = list(csv.reader(io.StringIO(csv_bytes(table).decode("utf-8-sig"))))

    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(1)", "'-team", "'@x", "'\tx", "plain"]
    assert neutralised(-3) == -3  # numbers stay numbers


def test_the_dashboard_costs_the_same_queries_as_the_district_grows(
    client, scenario, at_now, django_assert_max_num_queries
):
    sign_in(client, scenario)
    with django_assert_max_num_queries(28) as small:
        client.get(reverse("reports_dashboard"))
    build_scenario(scenario.district)
    build_scenario(scenario.district)

    with django_assert_max_num_queries(len(small)):
        client.get(reverse("reports_dashboard"))
    with django_assert_max_num_queries(len(small)):
        client.get(reverse("reports_intake"))


# --- API -----------------------------------------------------------------------------


def test_the_sla_api_gives_the_dashboards_numbers(client, scenario, at_now):
    sign_in(client, scenario)

    body = client.get(reverse("api_report_sla")).json()

    overview = {row["kind"]: row for row in body["targets"]}
    assert overview["resolve"]["met"] == 2 and overview["resolve"]["waiting"] == 1
    report = Report(scenario.district.people[Role.DIRECTOR], Filters(), now=at_now)
    teams = report.table("sla-team").rows
    resolve_by_team = [row for row in body["by_team"] if row["kind"] == "resolve"]
    assert [row["team"] or "—" for row in resolve_by_team] == [row[0] for row in teams]
    assert [row["breached"] for row in resolve_by_team] == [row[2] for row in teams]
    assert [b["count"] for b in body["backlog"]["by_age"]] == [
        row[1] for row in report.table("backlog-age").rows
    ]
    assert {row["month"] for row in body["by_month"]} == {"2027-01", "2027-02"}


def test_the_intake_api_gives_the_queue_and_hours(client, scenario, at_now):
    sign_in(client, scenario, Role.CCC_ANALYST)

    body = client.get(reverse("api_report_intake")).json()

    assert body["uncategorised"]["size"] == 3
    assert body["uncategorised"]["oldest_age_minutes"] == (12 * 24 + 22) * 60
    assert body["by_hour"][23] == {
        "hour": 23,
        "portal": 0,
        "email": 1,
        "phone": 0,
        "api": 0,
        "total": 1,
    }


def test_the_api_refuses_bad_filters_with_field_errors(client, scenario):
    sign_in(client, scenario)

    response = client.get(reverse("api_report_sla"), {"submitted_from": "yesterday"})

    assert response.status_code == 400
    assert list(response.json()) == ["submitted_from"]


def test_the_api_is_404_for_roles_without_reports(client, scenario):
    sign_in(client, scenario, Role.REQUESTER)
    assert client.get(reverse("api_report_sla")).status_code == 404
