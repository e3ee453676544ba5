"""Every figure against an independent count over the rows the test made (tests/reports/
oracle.py), at a pinned moment, from the viewer's scope."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from districtdesk.core.models import Person, Role
from districtdesk.reports.figures import backlog, compliance, intake, time_spent
from districtdesk.reports.filters import Filters
from districtdesk.reports.tables import TABLES, Report
from districtdesk.service_requests.models import Category
from tests.reports import oracle
from tests.reports.scenario import NOW, SETTLINGS, Scenario, build_scenario, settle
from tests.service_requests.builders import local, submit

pytestmark = pytest.mark.django_db
KINDS = ("categorise", "acknowledge", "resolve")


@pytest.fixture(params=SETTLINGS)
def scenario(district, request) -> Scenario:
    built = build_scenario(district)
    settle(request.param, district)
    return built


def as_counts(outcomes: compliance.Outcomes) -> dict:
    return {name: getattr(outcomes, name) for name in compliance.OUTCOMES}


def expected(counter) -> dict:
    return {name: counter.get(name, 0) for name in compliance.OUTCOMES}


def test_the_overview_counts_each_target_as_its_stored_state_says(scenario):
    director = scenario.district.people[Role.DIRECTOR]
    overview = compliance.compliance_overview(director, Filters(), now=NOW)

    counted = oracle.outcomes_by(scenario.requests.values(), NOW, key=lambda request: None)
    for kind in KINDS:
        assert as_counts(overview[kind]) == expected(counted[(kind, None)]), kind
    # And by hand: met and reopened-before met; late breached; emergency, moved overdue;
    # reopened runs again on time; waiting's clock is stopped; training has no SLA.
    assert as_counts(overview["resolve"]) == {
        "met": 2,
        "breached": 1,
        "open_on_time": 1,
        "open_overdue": 2,
        "waiting": 1,
    }
    assert overview["resolve"].met_percent == 66.7


@pytest.mark.parametrize(
    ("dimension", "key"),
    [
        (
            "category",
            lambda r: (
                r.category.number if r.category else None,
                r.category.name if r.category else None,
                r.priority.number if r.priority else None,
                r.priority.name if r.priority else None,
            ),
        ),
        ("team", lambda r: (r.team.name if r.team else None,)),
        ("campus", lambda r: (r.campus.code, r.campus.name)),
        (
            "month",
            lambda r: (timezone.localdate(r.submitted_at).replace(day=1).isoformat(),),
        ),
    ],
)
def test_each_breakdown_matches_a_count_by_the_requests_current_values(scenario, dimension, key):
    director = scenario.district.people[Role.DIRECTOR]
    rows = compliance.compliance_by(director, Filters(), dimension=dimension, now=NOW)

    counted = oracle.outcomes_by(scenario.requests.values(), NOW, key=key)
    assert {(row.kind, row.key): as_counts(row.outcomes) for row in rows} == {
        group: expected(counter) for group, counter in counted.items()
    }


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2027, 2, 1), date(2027, 2, 28)),  # whole months: the campus tally answers
        (date(2027, 2, 4), date(2027, 2, 11)),  # part of a month: counted from the rows
    ],
)
def test_the_campus_breakdown_between_dates_matches_a_count(scenario, first, last):
    director = scenario.district.people[Role.DIRECTOR]
    chosen = Filters(submitted_from=first, submitted_to=last)
    rows = compliance.compliance_by(director, chosen, dimension="campus", now=NOW)

    kept = [
        request
        for request in scenario.requests.values()
        if first <= timezone.localdate(request.submitted_at) <= last
    ]
    counted = oracle.outcomes_by(kept, NOW, key=lambda r: (r.campus.code, r.campus.name))
    assert {(row.kind, row.key): as_counts(row.outcomes) for row in rows} == {
        group: expected(counter) for group, counter in counted.items()
    }
    assert rows


def test_a_moved_request_counts_under_its_current_category_and_team(scenario):
    director, district = scenario.district.people[Role.DIRECTOR], scenario.district
    by_team = compliance.compliance_by(
        director, Filters(), dimension="team", kind="resolve", now=NOW
    )
    by_category = compliance.compliance_by(
        director, Filters(), dimension="category", kind="resolve", now=NOW
    )

    help_desk = next(row for row in by_team if row.key == (district.help_desk.name,))
    administrative = next(row for row in by_category if row.key[2] == 4)
    assert help_desk.outcomes.total == administrative.outcomes.total == 1
    assert help_desk.outcomes.open_overdue == 1


def test_a_technician_counts_only_the_requests_they_may_see(scenario):
    district = scenario.district
    technician = district.people[Role.TECHNICIAN]
    # Technicians see their team's requests and those of the campuses it serves (north).
    seen = [
        request
        for request in scenario.requests.values()
        if request.campus == district.north or request.team == district.campus_team
    ]
    assert scenario.requests["south"] not in seen and scenario.requests["night"] not in seen

    overview = compliance.compliance_overview(technician, Filters(), now=NOW)
    counted = oracle.outcomes_by(seen, NOW, key=lambda request: None)
    for kind in KINDS:
        assert as_counts(overview[kind]) == expected(counted[(kind, None)])
    hours = intake.intake_by_hour(technician, Filters())
    assert sum(hour.total for hour in hours) == len(seen)
    assert hours[23].total == 0  # the night request is south's


def test_the_backlog_bands_match_calendar_day_counts(scenario):
    director = scenario.district.people[Role.DIRECTOR]
    work = backlog.backlog(director, Filters(), now=NOW)

    by_age, overdue = oracle.backlog(scenario.requests.values(), NOW)
    assert [band.count for band in work.by_age] == by_age
    assert [band.count for band in work.by_days_overdue] == overdue
    assert work.open_total == 8  # fresh, forgotten, emergency, waiting, moved, training,
    # reopened, night


def test_the_backlog_band_edges_are_district_midnights(district):
    # Given requests submitted a minute either side of midnight, two days before NOW
    teacher = district.people[Role.REQUESTER]
    submit(teacher, now=local(2027, 2, 14, 0, 1))  # 2 days old at NOW
    submit(teacher, now=local(2027, 2, 13, 23, 59))  # 3 days old
    submit(teacher, now=local(2027, 2, 15, 0, 0))  # 1 day old

    work = backlog.backlog(district.people[Role.DIRECTOR], Filters(), now=NOW)
    assert [band.count for band in work.by_age] == [1, 2, 0, 0, 0]


def test_waiting_time_is_shown_apart_from_working_time(scenario):
    director = scenario.district.people[Role.DIRECTOR]
    rows = time_spent.time_spent_by_category(director, Filters(), now=NOW)

    counted = oracle.time_spent(scenario.requests.values(), NOW)
    assert {
        row.category_number: [row.requests, row.elapsed, row.vendor, row.district] for row in rows
    } == {number: list(values) for number, values in counted.items()}
    break_fix = next(row for row in rows if row.category_number == 1)
    # One day on the district (4 Feb 10:00 to 5 Feb 10:00), then the vendor since 9 Feb 13:00.
    assert break_fix.district == timedelta(hours=24)
    assert break_fix.vendor == NOW - scenario.requests["waiting"].waits.last().started_at
    assert break_fix.working == break_fix.elapsed - break_fix.vendor - break_fix.district


def test_intake_is_counted_by_channel_and_district_hour(scenario):
    director = scenario.district.people[Role.DIRECTOR]
    hours = intake.intake_by_hour(director, Filters())

    counted = oracle.intake(scenario.requests.values())
    assert {
        (hour.hour, channel): count
        for hour in hours
        for channel, count in hour.by_channel.items()
        if count
    } == dict(counted)
    assert hours[23].by_channel["email"] == 1  # 23:30 in the district, 05:30 UTC


def test_the_uncategorised_queue_is_its_size_and_oldest_request(scenario):
    director = scenario.district.people[Role.DIRECTOR]
    queue = backlog.uncategorised_queue(director, Filters(), now=NOW)

    waiting = [r for r in scenario.requests.values() if r.status == "new"]
    assert queue.size == len(waiting) == 3
    assert queue.oldest_submitted_at == min(r.submitted_at for r in waiting)
    assert queue.oldest_age == NOW - scenario.requests["forgotten"].submitted_at
    at_south = backlog.uncategorised_queue(
        director, Filters(campus=scenario.district.south), now=NOW
    )
    assert at_south.size == 1


@pytest.mark.parametrize(
    ("filters", "keep"),
    [
        (
            lambda d: Filters(submitted_from=date(2027, 2, 4), submitted_to=date(2027, 2, 11)),
            lambda r, d: (
                date(2027, 2, 4) <= timezone.localdate(r.submitted_at) <= date(2027, 2, 11)
            ),
        ),
        (lambda d: Filters(campus=d.south), lambda r, d: r.campus == d.south),
        (lambda d: Filters(team=d.campus_team), lambda r, d: r.team == d.campus_team),
        (
            lambda d: Filters(category=Category.objects.get(number=1)),
            lambda r, d: r.category is not None and r.category.number == 1,
        ),
    ],
)
def test_filters_narrow_every_figure_to_the_matching_requests(scenario, filters, keep):
    district = scenario.district
    director = district.people[Role.DIRECTOR]
    chosen = filters(district)
    kept = [request for request in scenario.requests.values() if keep(request, district)]

    overview = compliance.compliance_overview(director, chosen, now=NOW)
    counted = oracle.outcomes_by(kept, NOW, key=lambda request: None)
    for kind in KINDS:
        assert as_counts(overview[kind]) == expected(counted[(kind, None)])
    work = backlog.backlog(director, chosen, now=NOW)
    assert [band.count for band in work.by_age] == oracle.backlog(kept, NOW)[0]
    assert sum(h.total for h in intake.intake_by_hour(director, chosen)) == len(kept)


def test_every_table_costs_the_same_queries_as_the_district_grows(scenario):
    def queries() -> int:
        # A fresh person each time: the first has_role() reads the roles once and keeps them.
        director = Person.objects.get(username="director")
        report = Report(director, Filters(), now=NOW)
        with CaptureQueriesContext(connection) as captured:
            for slug in TABLES:
                report.table(slug)
        return len(captured)

    small = queries()
    build_scenario(scenario.district)  # twice the requests, every state again
    assert queries() == small
    # With the school year: two trends, the calendar (3) and reviews; a figure that reads
    # the stored tallies adds their query to its live one.
    assert small <= 25
