"""Properties of the clock over random starts, calendars, holidays, durations and pauses.

Starts cover every weekday and hour, wall-clock readings around Chicago's clock changes
(including the hour that never happens and the one that happens twice), and exact opening
and closing times. Run with HYPOTHESIS_PROFILE=ci for the 2,000-example CI run.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from districtdesk.sla import (
    BusinessCalendar,
    BusinessDuration,
    Pause,
    RememberingCalendar,
    add_business_duration,
    business_elapsed,
    explain_due,
)

CHICAGO = ZoneInfo("America/Chicago")
SANTIAGO = ZoneInfo("America/Santiago")  # clocks change at midnight: found two bugs
CLOCK_CHANGES = [
    date(year, month, day)
    for year, month, day in [
        (2025, 3, 9),
        (2025, 11, 2),
        (2026, 3, 8),
        (2026, 11, 1),
        (2027, 3, 14),
        (2027, 11, 7),
    ]
]
CLOSURE_NAMES = ["Labor Day", "Snow day", "Staff development day", "Winter break"]

Scenario = tuple[BusinessCalendar, datetime]


def quarter_hour(quarters: int) -> time | None:
    """A period's end on the quarter hour; 96 quarters is the end of the day."""
    return None if quarters == 96 else time(quarters // 4, quarters % 4 * 15)


@st.composite
def weekly_hours(draw: st.DrawFn) -> dict[int, list[tuple[time, time | None]]]:
    """Up to two periods per weekday on quarter hours, at least one working weekday."""
    week: dict[int, list[tuple[time, time | None]]] = {}
    for weekday in range(7):
        bounds = sorted(draw(st.sets(st.integers(0, 96), max_size=4)))
        if len(bounds) % 2:
            bounds.pop()
        pairs = zip(bounds[::2], bounds[1::2], strict=True)
        week[weekday] = [
            (time(start // 4, start % 4 * 15), quarter_hour(end)) for start, end in pairs
        ]
    if not any(week.values()):
        week[draw(st.integers(0, 6))] = [(time(9), time(17))]
    return week


MICROSECONDS_A_DAY = 24 * 60 * 60 * 10**6
FIVE_MINUTES = 5 * 60 * 10**6


@st.composite
def starts(draw: st.DrawFn) -> datetime:
    """A Chicago wall-clock reading: any day, or a few days around a clock change.

    The time of day is any microsecond or, as often, a multiple of five minutes, so that
    starts fall exactly on openings and closes. Integers keep generation cheap.
    """
    if draw(st.booleans()):
        day = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 3 * 365)))
    else:
        day = draw(st.sampled_from(CLOCK_CHANGES)) + timedelta(days=draw(st.integers(-3, 3)))
    if draw(st.booleans()):
        since_midnight = draw(st.integers(0, MICROSECONDS_A_DAY - 1))
    else:
        since_midnight = draw(st.integers(0, MICROSECONDS_A_DAY // FIVE_MINUTES - 1)) * FIVE_MINUTES
    local = datetime.combine(day, time()) + timedelta(microseconds=since_midnight)
    return local.replace(tzinfo=CHICAGO, fold=draw(st.integers(0, 1)))


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """A start and a calendar whose holidays fall around it."""
    start = draw(starts())
    offsets = draw(st.lists(st.integers(-3, 40), max_size=8))
    closures = {
        start.date() + timedelta(days=offset): CLOSURE_NAMES[offset % len(CLOSURE_NAMES)]
        for offset in offsets
    }
    kind = draw(st.sampled_from(["office", "split", "random", "around the clock"]))
    if kind == "around the clock":
        return BusinessCalendar.around_the_clock(CHICAGO), start
    if kind == "office":
        return BusinessCalendar.weekdays(CHICAGO, closures=closures), start
    if kind == "split":
        split = ((time(8), time(12)), (time(13), time(17)))
        return BusinessCalendar("Split", CHICAGO, dict.fromkeys(range(5), split), closures), start
    return BusinessCalendar("Random", CHICAGO, draw(weekly_hours()), closures), start


time_durations = st.one_of(
    st.integers(0, 120).map(BusinessDuration.hours),
    st.integers(0, 6_000).map(BusinessDuration.minutes),
)
day_durations = st.integers(0, 25).map(BusinessDuration.days)
durations = st.one_of(time_durations, day_durations)


@st.composite
def pauses_near(draw: st.DrawFn, start: datetime) -> Pause:
    """A closed pause from two days before ``start`` to about three weeks after it."""
    begins = start.astimezone(UTC) + timedelta(
        minutes=draw(st.integers(-2 * 24 * 60, 21 * 24 * 60))
    )
    return Pause(begins, begins + timedelta(minutes=draw(st.integers(0, 5 * 24 * 60))))


def due(
    calendar: BusinessCalendar, start: datetime, duration: BusinessDuration, *pauses: Pause
) -> datetime:
    """A due time that must exist: only open pauses can withhold one."""
    result = add_business_duration(calendar, start, duration, pauses)
    assert result is not None
    return result


def in_working_hours_or_at_a_close(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Inside a period of its local day, or at the end-of-day close of the day before."""
    instant = moment.astimezone(UTC)
    day = moment.astimezone(calendar.timezone).date()
    return any(
        opens <= instant <= closes
        for candidate in (day - timedelta(days=1), day)
        for opens, closes in calendar.period_bounds(candidate)
    )


@given(scenario=scenarios(), duration=durations)
def test_due_is_never_before_the_start(scenario: Scenario, duration: BusinessDuration) -> None:
    calendar, start = scenario
    assert due(calendar, start, duration).astimezone(UTC) >= start.astimezone(UTC)


@given(scenario=scenarios(), duration=durations)
def test_due_falls_in_working_hours_or_at_a_close(
    scenario: Scenario, duration: BusinessDuration
) -> None:
    calendar, start = scenario
    assert in_working_hours_or_at_a_close(calendar, due(calendar, start, duration))


@given(scenario=scenarios(), first=time_durations, second=time_durations)
@example(  # shrunk: 119 h ran out at Thursday's 24:00 close, and 0 h more moved it to Saturday
    scenario=(
        BusinessCalendar(
            "Random",
            SANTIAGO,
            {
                2: [(time(0), time(2, 15))],
                3: [(time(3, 45), None)],
                5: [(time(0), time(1, 45))],
                6: [(time(0), time(1, 45))],
            },
            {
                date(2025, 4, 9): "Snow day",
                date(2025, 4, 12): "Labor Day",
                date(2025, 4, 26): "Staff development day",
                date(2025, 4, 27): "Winter break",
            },
        ),
        datetime(2025, 4, 8, tzinfo=SANTIAGO),
    ),
    first=BusinessDuration.hours(119),
    second=BusinessDuration.hours(0),
)
def test_adding_hours_in_two_steps_equals_adding_them_at_once(
    scenario: Scenario, first: BusinessDuration, second: BusinessDuration
) -> None:
    calendar, start = scenario
    in_two_steps = due(calendar, due(calendar, start, first), second)
    assert in_two_steps.astimezone(UTC) == due(calendar, start, first + second).astimezone(UTC)


@given(scenario=scenarios(), duration=time_durations)
def test_business_time_from_start_to_due_is_the_duration(
    scenario: Scenario, duration: BusinessDuration
) -> None:
    calendar, start = scenario
    elapsed = business_elapsed(calendar, start, due(calendar, start, duration))
    assert elapsed == duration.as_timedelta()


@given(scenario=scenarios(), duration=durations, data=st.data())
def test_pausing_moves_the_due_time_by_the_working_time_paused(
    scenario: Scenario, duration: BusinessDuration, data: st.DataObject
) -> None:
    calendar, start = scenario
    pause = data.draw(pauses_near(start))
    # Given the due time without and with the pause
    unpaused = due(calendar, start, duration)
    paused = due(calendar, start, duration, pause)
    # When we measure the working time the pause covered while the clock was running
    covered_from = max(pause.start.astimezone(UTC), start.astimezone(UTC))
    assert pause.end is not None
    covered_to = min(pause.end.astimezone(UTC), paused.astimezone(UTC))
    covered = (
        business_elapsed(calendar, covered_from, covered_to)
        if covered_to > covered_from
        else timedelta(0)
    )
    # Then the due time moved by exactly that much working time
    assert paused.astimezone(UTC) >= unpaused.astimezone(UTC)
    assert business_elapsed(calendar, unpaused, paused) == covered
    if not covered:
        assert paused.astimezone(UTC) == unpaused.astimezone(UTC)


@given(scenario=scenarios(), days=st.integers(0, 25))
@example(  # shrunk: a start in the midnight gap with fold=1 is 23:00 the day before
    scenario=(
        BusinessCalendar.around_the_clock(SANTIAGO),
        datetime(2025, 9, 7, 0, 0, fold=1, tzinfo=SANTIAGO),
    ),
    days=0,
)
def test_days_land_on_the_nth_following_working_day(scenario: Scenario, days: int) -> None:
    calendar, start = scenario
    instant = start.astimezone(UTC)
    # Given the working day the clock starts on: the first of the day before (when the start
    # is its midnight close), the start's own day, or the next working day, whose hours have
    # not closed before the start
    day = instant.astimezone(calendar.timezone).date() - timedelta(days=1)
    while not calendar.is_working_day(day) or calendar.period_bounds(day)[-1][1] < instant:
        day += timedelta(days=1)
    for _ in range(days):
        day = calendar.next_working_day(day)
    # Then the due time lies within the working hours of the N-th working day after it
    landed = due(calendar, start, BusinessDuration.days(days)).astimezone(UTC)
    expected = calendar.period_bounds(day)
    assert expected[0][0] <= landed <= expected[-1][1]


@given(scenario=scenarios(), duration=durations, data=st.data())
def test_explanation_agrees_with_the_due_time(
    scenario: Scenario, duration: BusinessDuration, data: st.DataObject
) -> None:
    calendar, start = scenario
    pauses = data.draw(st.lists(pauses_near(start), max_size=2))
    explanation = explain_due(calendar, start, duration, pauses)
    assert explanation.due == add_business_duration(calendar, start, duration, pauses)
    assert explanation.describe().startswith("submitted ")


@given(scenario=scenarios(), first=st.integers(0, 20_000), second=st.integers(0, 20_000))
def test_elapsed_business_time_adds_up_over_consecutive_stretches(
    scenario: Scenario, first: int, second: int
) -> None:
    calendar, start = scenario
    middle = start.astimezone(UTC) + timedelta(minutes=first)
    end = middle + timedelta(minutes=second)
    whole = business_elapsed(calendar, start, end)
    assert whole == business_elapsed(calendar, start, middle) + business_elapsed(
        calendar, middle, end
    )


@given(scenario=scenarios(), duration=durations, data=st.data())
def test_a_remembering_calendar_answers_as_its_calendar(
    scenario: Scenario, duration: BusinessDuration, data: st.DataObject
) -> None:
    calendar, start = scenario
    remembering = RememberingCalendar(calendar)
    pause = data.draw(pauses_near(start))
    for _ in range(2):  # the second time from what it remembered
        assert due(remembering, start, duration) == due(calendar, start, duration)
        assert due(remembering, start, duration, pause) == due(calendar, start, duration, pause)
        assert explain_due(remembering, start, duration, [pause]).due == (
            explain_due(calendar, start, duration, [pause]).due
        )
