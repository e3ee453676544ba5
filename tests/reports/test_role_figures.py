"""The role dashboards' figures (the breach trend and queue reviews, the team lead's week,
change control, the inventory) against an independent count over the rows each test made
(tests/reports/oracle.py), at a pinned moment."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from districtdesk.core.models import Person, Role
from districtdesk.inventory.models import AuditItem
from districtdesk.reports.change_report import ChangeFilters, ChangeReport
from districtdesk.reports.figures import assets, breaches, changes, reviews, team_work
from districtdesk.reports.filters import Filters, school_year_bounds
from districtdesk.reports.inventory_report import InventoryFilters, InventoryReport
from districtdesk.reports.tables import Report
from districtdesk.reports.team_report import TeamFilters, TeamReport
from districtdesk.service_requests.models import QueueReview
from tests.reports import oracle
from tests.reports.scenario import (
    NOW,
    REVIEWS,
    SETTLINGS,
    build_assets,
    build_changes,
    build_queue_reviews,
    build_scenario,
    build_team_week,
    settle,
)

pytestmark = pytest.mark.django_db
KINDS = ("categorise", "acknowledge", "resolve")


@pytest.fixture(params=SETTLINGS)
def team_week(scenario, request):
    made = {**scenario.requests, **build_team_week(scenario.district)}
    settle(request.param, scenario.district)
    return made


# --- The breach trend ----------------------------------------------------------------------


@pytest.mark.parametrize("period", ["month", "week"])
def test_the_breach_trend_counts_missed_targets_by_their_due_time(team_week, scenario, period):
    director = scenario.district.people[Role.DIRECTOR]
    rows = breaches.breach_trend(director, Filters(), period=period, now=NOW)

    start, end = school_year_bounds(2026)
    counted = oracle.breaches(team_week.values(), NOW, start, end)
    position = 0 if period == "month" else 1
    expected = {}
    for key, count in counted.items():
        expected[(key[position], key[2])] = expected.get((key[position], key[2]), 0) + count
    assert {
        (row.first_day, kind): count for row in rows for kind, count in row.by_kind.items() if count
    } == expected
    assert sum(expected.values()) >= 4  # late (categorise, acknowledge, resolve), emergency …
    # Every month (or week) of the school year up to now is a row, zeros included.
    assert rows[0].first_day == (date(2026, 7, 1) if period == "month" else date(2026, 6, 29))
    assert rows[-1].first_day == (date(2027, 2, 1) if period == "month" else date(2027, 2, 15))


def test_the_breach_trend_reads_the_chosen_school_year_and_filters(team_week, scenario):
    district = scenario.district
    director = district.people[Role.DIRECTOR]

    last_year = breaches.breach_trend(director, Filters(school_year=2025), period="month", now=NOW)
    assert len(last_year) == 12 and sum(row.total for row in last_year) == 0

    south = breaches.breach_trend(director, Filters(campus=district.south), period="month", now=NOW)
    start, end = school_year_bounds(2026)
    kept = [r for r in team_week.values() if r.campus == district.south]
    assert sum(row.total for row in south) == sum(oracle.breaches(kept, NOW, start, end).values())


# --- The queue's reviews -------------------------------------------------------------------


def test_odd_hour_reviews_are_counted_against_the_calendars_odd_hours(district):
    build_queue_reviews(district)

    weeks = reviews.review_cadence(2026, now=NOW)

    start, _ = school_year_bounds(2026)
    expected = oracle.review_weeks(list(REVIEWS), start, NOW)
    assert {week.monday: [week.due, week.done] for week in weeks} == expected
    by_monday = {week.monday: week for week in weeks}
    # 8 and 9 February: Monday 9:00 (twice) and Tuesday 11:00; 10:30 and 17:15 count for nothing.
    assert by_monday[date(2027, 2, 8)].done == 2
    assert by_monday[date(2027, 2, 8)].due == 20  # 9, 11, 13, 15 on five working days
    # Presidents' Day is closed: Tuesday 16 February 9:00 is the week's only hour over by NOW.
    assert (by_monday[date(2027, 2, 15)].due, by_monday[date(2027, 2, 15)].done) == (1, 1)
    assert by_monday[date(2026, 8, 31)].done == 1  # 1 September, 15:59
    # Labor Day (7 September) is closed too.
    assert by_monday[date(2026, 9, 7)].due == 16


def test_an_hour_with_no_calendar_rows_is_never_due(district):
    from districtdesk.core.models import BusinessCalendar

    BusinessCalendar.objects.get(is_default=True).working_periods.all().delete()
    assert sum(week.due for week in reviews.review_cadence(2026, now=NOW)) == 0


# --- The team lead's week ------------------------------------------------------------------


def test_the_team_figures_match_a_count_of_the_teams_requests(team_week, scenario):
    district = scenario.district
    lead = district.people[Role.TEAM_LEAD]
    scope = team_work.TeamScope(teams=(district.campus_team,))

    expected = oracle.team_week(team_week.values(), district.campus_team, NOW)

    due = team_work.open_by_due_time(lead, scope, now=NOW)
    assert [row.team for row in due] == [district.campus_team.name]
    assert {band: n for band, n in due[0].counts.items() if n} == dict(expected["due"])
    assert due[0].counts["overdue"] >= 2 and due[0].counts["no_due_time"] >= 1

    missed = team_work.breaches_this_week(lead, scope, now=NOW)
    assert {kind: n for kind, n in missed[0].counts.items() if n} == dict(expected["breaches"])
    assert missed[0].counts["resolve"] >= 1  # the phone emergency of 15 February

    loads = team_work.technician_load(lead, scope, now=NOW)
    technician = district.people[Role.TECHNICIAN]
    by_name = {load.name: (load.open, load.overdue) for load in loads}
    assert by_name[str(technician)] == tuple(expected["load"][technician.pk])
    assert by_name[str(lead)] == tuple(expected["load"].get(lead.pk, [0, 0]))  # a member, idle
    assert by_name.get("", (0, 0)) == tuple(expected["load"].get(None, [0, 0]))
    assert sum(load.open for load in loads) == sum(n for n, _ in expected["load"].values())

    late = [r.number for r in team_work.late_status_notes(lead, scope, now=NOW)]
    assert late == expected["late_notes"] == [team_week["upgrade"].number]


def test_a_team_lead_counts_only_their_teams(team_week, scenario):
    district = scenario.district
    lead = district.people[Role.TEAM_LEAD]
    filters = TeamFilters(teams=(district.campus_team,))
    report = TeamReport(lead, filters, now=NOW)

    table = report.table("team-due")

    assert [row[0] for row in table.rows] == [district.campus_team.name]
    help_desk = team_week["help desk"]
    assert help_desk.team == district.help_desk  # moved away: the help desk's, not theirs


# --- Change control ------------------------------------------------------------------------


def test_the_change_figures_match_a_count_of_the_changes(district):
    made = build_changes(district)
    coordinator = district.people[Role.CHANGE_COORDINATOR]
    scope = changes.ChangeScope()
    expected = oracle.change_figures(made.values())

    counts = changes.change_counts(coordinator, scope)
    assert {
        (month.month, kind): n
        for month in counts.by_month
        for kind, n in month.by_type.items()
        if n
    } == dict(expected["month_type"])
    assert {
        (month.month, outcome): n
        for month in counts.by_month
        for outcome, n in month.by_outcome.items()
        if n
    } == dict(expected["month_outcome"])
    assert {
        (row.change_type, outcome): n
        for row in counts.by_type
        for outcome, n in row.by_outcome.items()
        if n
    } == dict(expected["type_outcome"])
    bands = changes.lead_time_bands(coordinator, scope)
    assert {band.key: band.changes for band in bands if band.changes} == dict(expected["lead"])
    assert {band.key: band.overridden for band in bands} == {
        key: expected["overridden"][key] for key, _, _ in changes.LEAD_BANDS
    }
    outstanding = changes.reviews_outstanding(coordinator, scope)
    assert {row.change_type: row.count for row in outstanding if row.count} == dict(
        expected["outstanding"]
    )
    # And by hand: one of each notice band, one override; two reviews outstanding.
    assert [band.changes for band in bands] == [1, 1, 1]
    assert sum(band.overridden for band in bands) == 1
    assert sum(row.count for row in outstanding) == 2
    emergency = next(row for row in counts.by_type if row.change_type == "emergency")
    assert emergency.percent("backed_out") == emergency.percent("postponed") == 50.0


def test_the_change_filters_narrow_by_planned_start_and_type(district):
    made = build_changes(district)
    coordinator = district.people[Role.CHANGE_COORDINATOR]
    scope = changes.ChangeScope(planned_from=date(2027, 2, 1), planned_to=date(2027, 2, 13))

    counts = changes.change_counts(coordinator, scope)

    kept = [
        c
        for c in made.values()
        if c.submitted_at
        and date(2027, 2, 1) <= timezone.localdate(c.planned_start) <= date(2027, 2, 13)
    ]
    assert sum(month.total for month in counts.by_month) == len(kept) == 3
    only = changes.change_counts(coordinator, changes.ChangeScope(change_type="emergency"))
    assert sum(month.total for month in only.by_month) == 2


# --- Inventory -----------------------------------------------------------------------------


def test_the_inventory_figures_match_a_count_of_the_assets(district):
    made = build_assets(district)
    viewer = district.people[Role.INVENTORY]
    scope = assets.AssetScope()
    expected = oracle.asset_figures(made.values(), NOW)
    counts = assets.AssetCounts(viewer, scope)

    assert {
        (row.labels[0].split()[0], status): n
        for row in counts.by_campus()
        for status, n in row.by_status.items()
        if n
    } == dict(expected["campus_status"])
    assert {
        (row.labels[0], status): n
        for row in counts.by_type()
        for status, n in row.by_status.items()
        if n
    } == dict(expected["type_status"])
    assert sorted(row.total for row in counts.by_model()) == sorted(expected["model"].values())
    funding = counts.by_funding()
    assert {(row.funding, row.budget_code): row.assets for row in funding} == dict(
        expected["funding"]
    )
    assert {(row.funding, row.budget_code): row.held for row in funding if row.held} == dict(
        expected["held_funding"]
    )
    assert next(row.cost for row in funding if row.budget_code == "BOND-2024") == 658.0
    warranty = assets.warranties_ending(viewer, scope, now=NOW)
    assert (
        {
            (row.campus.split()[0], band): n
            for row in warranty
            for band, n in enumerate(row.by_band)
            if n
        }
        == dict(expected["warranty"])
        == {("NE-01", 0): 1, ("NE-01", 2): 1, ("SH-02", 0): 1}
    )


def test_audit_progress_is_the_audits_own_items(district):
    build_assets(district)
    rows = assets.audits_under_way(district.people[Role.INVENTORY], assets.AssetScope())

    items = AuditItem.objects.filter(audit__campus=district.north, expected=True)
    assert [(row.campus.split()[0], row.expected, row.scanned) for row in rows] == [
        ("NE-01", items.count(), items.exclude(state="missing").count())
    ]
    assert rows[0].scanned == 1


def test_a_technician_counts_only_the_assets_of_the_campuses_their_team_serves(district):
    made = build_assets(district)
    technician = district.people[Role.TECHNICIAN]

    rows = assets.AssetCounts(technician, assets.AssetScope()).by_campus()

    north = [a for a in made.values() if a.campus == district.north]
    assert [(row.labels[0].split()[0], row.total) for row in rows] == [("NE-01", len(north))]


# --- Constant queries ----------------------------------------------------------------------


def test_every_role_table_costs_the_same_queries_as_the_district_grows(district):
    def queries() -> dict:
        viewer = Person.objects.get(username="director")
        reports = {
            "team": TeamReport(viewer, TeamFilters(teams=(district.campus_team,)), now=NOW),
            "changes": ChangeReport(viewer, ChangeFilters(), now=NOW),
            "inventory": InventoryReport(viewer, InventoryFilters(), now=NOW),
            "sla": Report(viewer, Filters(), now=NOW),
        }
        counted = {}
        for name, report in reports.items():
            from districtdesk.reports.dashboards import DASHBOARDS

            slugs = DASHBOARDS[name].shown
            with CaptureQueriesContext(connection) as captured:
                for slug in slugs:
                    report.table(slug)
            counted[name] = len(captured)
        return counted

    def grow(first: bool):
        build_scenario(district)
        build_team_week(district)
        build_queue_reviews(district)
        build_changes(district, meeting=first)

    grow(True)
    build_assets(district)
    small = queries()
    grow(False)
    build_assets(district, audit=False)
    assert queries() == small, small
    assert small["inventory"] <= 8 and small["changes"] <= 5 and small["team"] <= 6, small
    assert QueueReview.objects.count() == 2 * len(REVIEWS)
