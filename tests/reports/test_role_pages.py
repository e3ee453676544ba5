"""The role dashboards' pages, downloads and API: each opens for its roles only (a team
lead for their own teams only), shows what it sends, refuses bad filters with a form error
(or a 400) and costs the same queries at any size; the home page links each person's."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from districtdesk.core.models import Role
from districtdesk.reports.dashboards import DASHBOARDS
from tests.core.factories import TeamFactory
from tests.reports.scenario import (
    build_assets,
    build_changes,
    build_queue_reviews,
    build_scenario,
    build_team_week,
)

pytestmark = pytest.mark.django_db
# Each dashboard, the person who reads it in these tests, and its page's route.
READERS = {
    "team": (Role.TEAM_LEAD, "reports_team"),
    "changes": (Role.CHANGE_COORDINATOR, "reports_changes"),
    "inventory": (Role.INVENTORY, "reports_inventory"),
    "sla": (Role.DIRECTOR, "reports_dashboard"),
}


@pytest.fixture
def everything(scenario):
    district = scenario.district
    build_team_week(district)
    build_queue_reviews(district)
    build_changes(district)
    build_assets(district)
    return district


def test_each_role_dashboard_shows_its_tables_with_chart_data_and_downloads(
    client, everything, at_now
):
    for name, (role, route) in READERS.items():
        client.force_login(everything.people[role])

        response = client.get(reverse(route))

        assert response.status_code == 200, name
        tables = response.context["tables"]
        assert [table.slug for table in tables] == list(DASHBOARDS[name].shown)
        page = response.content.decode()
        for table in tables:
            assert table.summary
            # A chart is drawn when it has something to show; a table of zeros is not.
            assert (f'id="{table.data_id}" type="application/json"' in page) == table.drawn
            if table.rows:
                assert reverse("reports_csv", args=[table.slug]) in page
                assert reverse("reports_xlsx", args=[table.slug]) in page
        assert "<script>" not in page  # no inline script: the CSP allows none
        assert f'href="{reverse(route)}" aria-current="page"' in page  # the dashboards' links


@pytest.mark.parametrize(
    ("name", "slug"),
    [(name, slug) for name in ("team", "changes", "inventory") for slug in DASHBOARDS[name].shown]
    + [("sla", slug) for slug in ("breach-month", "breach-week", "queue-reviews")],
)
def test_the_csv_and_xlsx_hold_exactly_the_numbers_shown(client, everything, at_now, name, slug):
    role, route = READERS[name]
    client.force_login(everything.people[role])
    shown = next(t for t in client.get(reverse(route)).context["tables"] if t.slug == slug)

    as_csv = client.get(reverse("reports_csv", args=[slug]))
    as_xlsx = client.get(reverse("reports_xlsx", args=[slug]))

    assert as_csv.status_code == as_xlsx.status_code == 200
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert rows[0] == shown.header
    assert rows[1:] == [[str(value) for value in row] for row in shown.rows]
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == shown.header
    assert values[1:] == shown.rows


def test_a_team_lead_sees_only_the_teams_they_lead(client, everything, at_now):
    lead = everything.people[Role.TEAM_LEAD]
    client.force_login(lead)
    other = everything.help_desk

    page = client.get(reverse("reports_team"))
    choices = [choice[1] for choice in page.context["form"].fields["team"].choices]
    assert choices == ["All my teams", everything.campus_team.name]
    assert [row[0] for row in page.context["tables"][0].rows] == [everything.campus_team.name]

    # A team they do not lead reads exactly like one that does not exist.
    for team in (other.pk, 99999):
        refused = client.get(reverse("reports_team"), {"team": team})
        assert refused.status_code == 200 and "team" in refused.context["form"].errors
        assert "tables" not in refused.context
        assert (
            client.get(reverse("reports_csv", args=["team-due"]), {"team": team}).status_code == 400
        )
        api = client.get(reverse("api_report_team"), {"team": team})
        assert api.status_code == 400 and list(api.json()) == ["team"]


def test_a_director_picks_any_team(client, everything, at_now):
    client.force_login(everything.people[Role.DIRECTOR])
    TeamFactory(name="Network Services")

    everyone = client.get(reverse("reports_team"))
    help_desk = client.get(reverse("reports_team"), {"team": everything.help_desk.pk})

    assert len(everyone.context["tables"][0].rows) == 3  # every team, an idle one included
    assert [row[0] for row in help_desk.context["tables"][0].rows] == [everything.help_desk.name]


def test_a_team_lead_without_a_team_to_lead_sees_nothing_counted(client, everything, at_now):
    everything.campus_team.memberships.filter(is_lead=True).update(is_lead=False)
    client.force_login(everything.people[Role.TEAM_LEAD])

    response = client.get(reverse("reports_team"))

    assert response.status_code == 200
    assert response.context["tables"][0].rows == []


@pytest.mark.parametrize(
    ("route", "query", "field"),
    [
        ("reports_changes", {"planned_from": "2027-02-31"}, "planned_from"),
        (
            "reports_changes",
            {"planned_from": "2027-03-01", "planned_to": "2027-02-01"},
            "planned_to",
        ),
        ("reports_changes", {"planned_to": "9999-12-31"}, "planned_to"),
        ("reports_changes", {"change_type": "sometimes"}, "change_type"),
        ("reports_inventory", {"campus": "99999999999999999999"}, "campus"),
        ("reports_inventory", {"asset_type": "x"}, "asset_type"),
        ("reports_inventory", {"funding": "lottery"}, "funding"),
        ("reports_team", {"campus": "x"}, "campus"),
        ("reports_dashboard", {"school_year": "1066"}, "school_year"),
        ("reports_dashboard", {"school_year": "twenty"}, "school_year"),
    ],
)
def test_a_bad_filter_is_a_form_error_a_400_never_a_500(client, scenario, route, query, field):
    client.force_login(scenario.district.people[Role.SYSTEM_ADMIN])
    name = next(name for name, (_, r) in READERS.items() if r == route)
    slug = DASHBOARDS[name].shown[-1]
    api = {
        "reports_changes": "api_report_changes",
        "reports_inventory": "api_report_inventory",
        "reports_team": "api_report_team",
        "reports_dashboard": "api_report_sla",
    }[route]

    response = client.get(reverse(route), query)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert client.get(reverse("reports_csv", args=[slug]), query).status_code == 400
    answer = client.get(reverse(api), query)
    assert answer.status_code == 400 and list(answer.json()) == [field]


def test_people_a_dashboard_is_not_for_get_404_for_it_and_its_downloads(client, everything):
    for role, refused in (
        (Role.TECHNICIAN, ["team-due", "change-types"]),
        (Role.CHANGE_COORDINATOR, ["team-load", "assets-campus", "sla-team"]),
        (Role.REQUESTER, ["assets-model", "breach-month"]),
        (Role.CCC_ANALYST, ["assets-funding", "change-reviews"]),
    ):
        client.force_login(everything.people[role])
        for slug in refused:
            assert client.get(reverse("reports_csv", args=[slug])).status_code == 404, (role, slug)
            assert client.get(reverse("reports_xlsx", args=[slug])).status_code == 404


def test_a_table_of_zeros_keeps_its_table_and_downloads_but_draws_no_chart(
    client, scenario, at_now
):
    client.force_login(scenario.district.people[Role.TEAM_LEAD])

    response = client.get(reverse("reports_team"))

    breaches = next(t for t in response.context["tables"] if t.slug == "team-breaches")
    assert breaches.rows and not breaches.drawn  # the scenario's team missed nothing this week
    page = response.content.decode()
    assert f'id="{breaches.data_id}"' not in page
    assert reverse("reports_csv", args=["team-breaches"]) in page


def test_the_home_page_and_navigation_link_each_persons_dashboards(client, scenario):
    people = scenario.district.people
    for role, expected in (
        (Role.DIRECTOR, ["sla", "intake", "team", "changes", "inventory", "business_office"]),
        (Role.BUSINESS_OFFICE, ["business_office"]),
        (Role.TEAM_LEAD, ["sla", "intake", "team", "inventory"]),
        (Role.CHANGE_COORDINATOR, ["changes"]),
        (Role.INVENTORY, ["inventory"]),
        (Role.REQUESTER, []),
    ):
        client.force_login(people[role])
        page = client.get(reverse("home")).content.decode()
        for name, dashboard in DASHBOARDS.items():
            link = f'<a href="{reverse(dashboard.url_name)}">{dashboard.title}</a><br>'
            assert (link in page) == (name in expected), (role, name)
        if expected:
            first = DASHBOARDS[expected[0]]
            assert f'<li><a href="{reverse(first.url_name)}">Reports</a></li>' in page
        else:
            assert ">Reports</a>" not in page


def test_each_dashboard_costs_the_same_queries_as_the_district_grows(
    client, everything, at_now, django_assert_max_num_queries
):
    def counts() -> dict:
        found = {}
        for name, (role, route) in READERS.items():
            client.force_login(everything.people[role])
            with django_assert_max_num_queries(40) as captured:
                assert client.get(reverse(route)).status_code == 200
            found[name] = len(captured)
        return found

    small = counts()
    build_scenario(everything)
    build_team_week(everything)
    build_queue_reviews(everything)
    build_changes(everything, meeting=False)
    build_assets(everything, audit=False)
    assert counts() == small


# --- API -----------------------------------------------------------------------------


def test_the_team_api_gives_the_dashboards_numbers(client, everything, at_now):
    client.force_login(everything.people[Role.TEAM_LEAD])
    tables = {t.slug: t for t in client.get(reverse("reports_team")).context["tables"]}

    body = client.get(reverse("api_report_team")).json()

    assert body["teams"] == [everything.campus_team.name]
    due = body["open_by_due_time"][0]
    assert [
        due[key] for key in ("overdue", "today", "this_week", "later", "no_due_time", "total")
    ] == tables["team-due"].rows[0][1:]
    assert [[row["open"], row["overdue"]] for row in body["load"]] == [
        [row[3], row[2]] for row in tables["team-load"].rows
    ]
    assert [note["number"] for note in body["late_status_notes"]] == [
        row[0] for row in tables["team-notes"].rows
    ]
    assert body["breaches_this_week"][0]["total"] == tables["team-breaches"].rows[0][-1]


def test_the_change_api_gives_the_dashboards_numbers(client, everything, at_now):
    client.force_login(everything.people[Role.CHANGE_COORDINATOR])
    tables = {t.slug: t for t in client.get(reverse("reports_changes")).context["tables"]}

    body = client.get(reverse("api_report_changes")).json()

    assert [
        [m["month"], m["scheduled"], m["emergency"], m["informational"]] for m in body["by_month"]
    ] == [row[:4] for row in tables["change-types"].rows]
    assert [band["changes"] for band in body["lead_time"]] == [
        row[3] for row in tables["change-lead-time"].rows
    ]
    assert [row["count"] for row in body["reviews_outstanding"]] == [
        row[1] for row in tables["change-reviews"].rows
    ]


def test_the_inventory_api_gives_the_dashboards_numbers(client, everything, at_now):
    client.force_login(everything.people[Role.INVENTORY])
    tables = {t.slug: t for t in client.get(reverse("reports_inventory")).context["tables"]}

    body = client.get(reverse("api_report_inventory")).json()

    assert [[row["campus"], row["total"]] for row in body["by_campus"]] == [
        [row[0], row[-1]] for row in tables["assets-campus"].rows
    ]
    assert [row["assets"] for row in body["by_funding"]] == [
        row[4] for row in tables["assets-funding"].rows
    ]
    assert [row["total"] for row in body["warranty_ending"]] == [
        row[-1] for row in tables["assets-warranty"].rows
    ]
    assert [row["scanned"] for row in body["audits"]] == [
        row[2] for row in tables["assets-audits"].rows
    ]


def test_the_sla_api_gives_the_school_years_trend_and_reviews(client, everything, at_now):
    client.force_login(everything.people[Role.DIRECTOR])
    tables = {t.slug: t for t in client.get(reverse("reports_dashboard")).context["tables"]}

    body = client.get(reverse("api_report_sla")).json()["school_year"]

    assert body["school_year"] == 2026
    assert [[row["period"], row["total"]] for row in body["breaches_by_month"]] == [
        [row[0], row[-1]] for row in tables["breach-month"].rows
    ]
    assert [[row["period"], row["total"]] for row in body["breaches_by_week"]] == [
        [row[0], row[-1]] for row in tables["breach-week"].rows
    ]
    assert [[row["week_of"], row["done"], row["due"]] for row in body["queue_reviews"]] == [
        [row[0], row[1], row[3]] for row in tables["queue-reviews"].rows
    ]
