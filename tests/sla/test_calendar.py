"""Business calendars: what they accept, what they refuse, and when they are working."""

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from districtdesk.sla import BusinessCalendar, WorkingPeriod, is_working_time

CHICAGO = ZoneInfo("America/Chicago")


def test_weekdays_calendar_works_monday_to_friday_only(school_calendar: BusinessCalendar) -> None:
    # Given the district office calendar and a week without closures
    week = [date(2026, 3, 2 + offset) for offset in range(7)]
    # When we ask for each day's periods
    periods = [school_calendar.periods_on(day) for day in week]
    # Then Monday to Friday have 7:30–16:30 and the weekend has nothing
    assert periods == [(WorkingPeriod(time(7, 30), time(16, 30)),)] * 5 + [(), ()]


def test_around_the_clock_calendar_covers_every_day_end_to_end(
    emergency_calendar: BusinessCalendar,
) -> None:
    # Given the emergency calendar
    # Then every weekday is one period from midnight to the end of the day
    assert emergency_calendar.hours == ((WorkingPeriod(time(0), None),),) * 7
    assert emergency_calendar.is_around_the_clock


def test_timezone_may_be_given_as_an_iana_key() -> None:
    # When the timezone is given as a key
    calendar = BusinessCalendar.weekdays("America/Chicago")
    # Then it is stored as a ZoneInfo
    assert calendar.timezone == CHICAGO


@pytest.mark.parametrize("timezone_value", ["Mars/Olympus_Mons", "", UTC, None])
def test_unknown_or_fixed_timezone_is_refused(timezone_value: object) -> None:
    # When the timezone is not an IANA zone, then the calendar is refused
    with pytest.raises(ValueError, match="timezone"):
        BusinessCalendar.weekdays(timezone_value)  # type: ignore[arg-type]


def test_period_that_ends_before_it_starts_is_refused() -> None:
    # When a period runs backwards, then it is refused
    with pytest.raises(ValueError, match="must end after it starts"):
        WorkingPeriod(time(16, 30), time(7, 30))


def test_period_ending_at_time_zero_is_refused_in_favour_of_end_none() -> None:
    # When a period ends at time(0), which would read as the start of its own day,
    # then it is refused with a pointer to end=None
    with pytest.raises(ValueError, match="use end=None"):
        WorkingPeriod(time(18), time(0))


def test_period_with_a_timezone_is_refused() -> None:
    # When a period carries its own tzinfo (the calendar's timezone applies),
    # then it is refused
    with pytest.raises(ValueError, match="without tzinfo"):
        WorkingPeriod(time(7, 30, tzinfo=CHICAGO), time(16, 30))


def test_overlapping_periods_are_refused() -> None:
    # When two Monday periods overlap, then the calendar is refused, naming them
    with pytest.raises(ValueError, match="overlap on Mon: 8:00–12:00 and 11:00–17:00"):
        BusinessCalendar("Overlap", CHICAGO, {0: [(time(8), time(12)), (time(11), time(17))]})


def test_touching_periods_are_accepted_and_kept_in_order() -> None:
    # Given periods given out of order that touch at noon
    hours = {0: [(time(12), time(17)), (time(8), time(12))]}
    # When the calendar is built
    calendar = BusinessCalendar("Touching", CHICAGO, hours)
    # Then they are kept, earliest first
    assert [str(period) for period in calendar.hours[0]] == ["8:00–12:00", "12:00–17:00"]


@pytest.mark.parametrize("weekday", [-1, 7, "0", True])
def test_weekday_outside_monday_to_sunday_is_refused(weekday: object) -> None:
    # When hours are keyed by something other than 0–6, then the calendar is refused
    with pytest.raises(ValueError, match="weekday must be 0"):
        BusinessCalendar("Bad weekday", CHICAGO, {weekday: [(time(8), time(12))]})  # type: ignore[dict-item]


def test_calendar_without_any_working_hours_is_refused() -> None:
    # When no weekday has hours, then the calendar is refused: its clock could never run
    with pytest.raises(ValueError, match="no working hours on any weekday"):
        BusinessCalendar("Never", CHICAGO, {0: [], 6: []})


def test_calendar_without_a_name_is_refused() -> None:
    # When the name is blank, then the calendar is refused
    with pytest.raises(ValueError, match="needs a name"):
        BusinessCalendar.weekdays(CHICAGO, name=" ")


def test_closure_keyed_by_a_datetime_is_refused() -> None:
    # When a closure is keyed by a datetime rather than a date, then it is refused
    with pytest.raises(ValueError, match="keyed by date"):
        BusinessCalendar.weekdays(CHICAGO, closures={datetime(2026, 9, 7): "Labor Day"})


def test_closure_without_a_name_is_refused() -> None:
    # When a closure has no name, then it is refused: explanations show the name
    with pytest.raises(ValueError, match="needs a name"):
        BusinessCalendar.weekdays(CHICAGO, closures={date(2026, 9, 7): ""})


def test_a_closure_takes_away_that_days_hours(school_calendar: BusinessCalendar) -> None:
    # Given Labor Day, a Monday closure
    labor_day = date(2026, 9, 7)
    # Then the day has no working hours, and the next working day is Tuesday
    assert school_calendar.closure_on(labor_day) == "Labor Day"
    assert not school_calendar.is_working_day(labor_day)
    assert school_calendar.next_working_day(date(2026, 9, 4)) == date(2026, 9, 8)


def test_calendar_with_closures_is_not_around_the_clock() -> None:
    # Given all-day hours but one closure
    calendar = BusinessCalendar(
        "Almost always",
        CHICAGO,
        dict.fromkeys(range(7), ((time(0), None),)),
        closures={date(2026, 12, 25): "Christmas Day"},
    )
    # Then the clock does stop, on that day
    assert not calendar.is_around_the_clock


def test_working_time_includes_the_opening_and_excludes_the_close(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given the office calendar
    # Then the clock runs from 7:30 and has stopped at 16:30, at weekends and on closures
    assert not is_working_time(school_calendar, at("2026-03-02 07:29"))
    assert is_working_time(school_calendar, at("2026-03-02 07:30"))
    assert is_working_time(school_calendar, at("2026-03-02 16:29"))
    assert not is_working_time(school_calendar, at("2026-03-02 16:30"))
    assert not is_working_time(school_calendar, at("2026-03-07 10:00"))
    assert not is_working_time(school_calendar, at("2026-09-07 10:00"))


def test_calendars_with_the_same_inputs_are_equal_and_hashable() -> None:
    # Given the same calendar built twice, once from a key and once from a ZoneInfo
    first = BusinessCalendar.weekdays("America/Chicago", closures={date(2026, 9, 7): "Labor Day"})
    second = BusinessCalendar.weekdays(CHICAGO, closures={date(2026, 9, 7): "Labor Day"})
    # Then they are one value, usable as a cache key
    assert first == second
    assert hash(first) == hash(second)
