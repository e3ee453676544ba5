"""Due times and elapsed business time on the district office calendar (7:30–16:30, Chicago)."""

import time as stopwatch
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from districtdesk.sla import (
    BusinessCalendar,
    BusinessDuration,
    add_business_duration,
    business_elapsed,
    clock_start,
    explain_due,
)

DAYS, HOURS, MINUTES = BusinessDuration.days, BusinessDuration.hours, BusinessDuration.minutes


def test_three_days_from_friday_skips_weekend_and_closure(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a request submitted Friday 16:10 before a Monday staff-development day
    submitted = at("2026-02-13 16:10")
    # When it has 3 business days
    due = add_business_duration(school_calendar, submitted, DAYS(3))
    # Then it is due at the same time on the third working day: Tue, Wed, Thu
    assert due == at("2026-02-19 16:10")


def test_three_days_are_exactly_three_working_days_of_business_time(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given the same Friday 16:10 request, due Thursday 16:10
    # Then 20 min Fri + Tue + Wed + 8 h 40 min Thu = 3 × 9 h have elapsed
    elapsed = business_elapsed(school_calendar, at("2026-02-13 16:10"), at("2026-02-19 16:10"))
    assert elapsed == timedelta(hours=27)


def test_start_on_saturday_starts_the_clock_monday_at_opening(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a request submitted on Saturday morning
    submitted = at("2026-03-07 10:00")
    # Then its clock starts Monday 7:30, and hours and days count from there
    assert clock_start(school_calendar, submitted) == at("2026-03-09 07:30")
    assert add_business_duration(school_calendar, submitted, HOURS(4)) == at("2026-03-09 11:30")
    assert add_business_duration(school_calendar, submitted, DAYS(1)) == at("2026-03-10 07:30")
    assert add_business_duration(school_calendar, submitted, DAYS(3)) == at("2026-03-12 07:30")


def test_start_on_a_holiday_starts_the_clock_the_next_working_morning(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a request submitted on Labor Day
    submitted = at("2026-09-07 09:00")
    # Then the clock starts Tuesday 7:30, so one day is Wednesday 7:30
    assert clock_start(school_calendar, submitted) == at("2026-09-08 07:30")
    assert add_business_duration(school_calendar, submitted, DAYS(1)) == at("2026-09-09 07:30")
    assert add_business_duration(school_calendar, submitted, HOURS(2)) == at("2026-09-08 09:30")


def test_start_before_opening_counts_from_opening(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a request submitted at 6:00 on a Tuesday
    submitted = at("2026-03-03 06:00")
    # Then 2 hours run from 7:30 and a day lands at Wednesday's opening
    assert add_business_duration(school_calendar, submitted, HOURS(2)) == at("2026-03-03 09:30")
    assert add_business_duration(school_calendar, submitted, DAYS(1)) == at("2026-03-04 07:30")


def test_start_exactly_at_close_counts_as_the_end_of_that_day(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a request submitted Friday at 16:30 sharp
    submitted = at("2026-03-06 16:30")
    # Then the clock starts there (no move to Monday), Mon–Wed are its 3 days,
    # and its first hour is Monday 7:30–8:30
    assert clock_start(school_calendar, submitted) == submitted
    assert add_business_duration(school_calendar, submitted, DAYS(3)) == at("2026-03-11 16:30")
    assert add_business_duration(school_calendar, submitted, HOURS(1)) == at("2026-03-09 08:30")


def test_a_start_at_a_midnight_close_stays_at_that_close(at: Callable[..., datetime]) -> None:
    # Given Thursday hours 18:00–24:00 and Saturday 8:00–12:00
    calendar = BusinessCalendar(
        "Evenings", "America/Chicago", {3: [(time(18), None)], 5: [(time(8), time(12))]}
    )
    submitted = at("2026-03-06 00:00")
    # When a request arrives on Friday at 0:00, the moment Thursday's hours close
    # Then its clock starts there, as the end of Thursday: 0 hours are due at once,
    # 1 hour on Saturday at 9:00, and 1 day at the end of Saturday's (shorter) hours
    assert clock_start(calendar, submitted) == submitted
    assert add_business_duration(calendar, submitted, HOURS(0)) == submitted
    assert add_business_duration(calendar, submitted, HOURS(1)) == at("2026-03-07 09:00")
    assert add_business_duration(calendar, submitted, DAYS(1)) == at("2026-03-07 12:00")


def test_start_just_after_close_moves_to_the_next_opening(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a request submitted Friday at 16:31
    submitted = at("2026-03-06 16:31")
    # Then the clock starts Monday 7:30 and 3 days end Thursday 7:30 (the same 27 h)
    assert add_business_duration(school_calendar, submitted, DAYS(3)) == at("2026-03-12 07:30")


def test_hours_that_run_out_exactly_at_close_are_due_at_close(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 4 hours from Monday 12:30
    due = add_business_duration(school_calendar, at("2026-03-02 12:30"), HOURS(4))
    # Then they are due at 16:30 that day, not at 7:30 the next morning
    assert due == at("2026-03-02 16:30")


def test_hours_carry_over_into_the_next_working_day(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 4 hours from Friday 15:00 (1 h 30 left on Friday)
    due = add_business_duration(school_calendar, at("2026-03-06 15:00"), HOURS(4))
    # Then the other 2 h 30 run Monday from 7:30
    assert due == at("2026-03-09 10:00")


def test_zero_duration_is_due_when_the_clock_starts(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given something due on entry, submitted on a Saturday
    submitted = at("2026-03-07 10:00")
    # Then it is due when the clock starts, for hours and days alike
    assert add_business_duration(school_calendar, submitted, HOURS(0)) == at("2026-03-09 07:30")
    assert add_business_duration(school_calendar, submitted, DAYS(0)) == at("2026-03-09 07:30")


def test_minutes_are_working_minutes(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 90 minutes from Monday 16:00
    due = add_business_duration(school_calendar, at("2026-03-02 16:00"), MINUTES(90))
    # Then 30 run on Monday and 60 on Tuesday morning
    assert due == at("2026-03-03 08:30")


def test_a_shorter_day_clamps_a_late_position_to_its_close(at: Callable[..., datetime]) -> None:
    # Given Fridays that close at noon
    calendar = BusinessCalendar(
        "Short Fridays",
        "America/Chicago",
        {**dict.fromkeys(range(4), ((time(7, 30), time(16, 30)),)), 4: ((time(7, 30), time(12)),)},
    )
    # When a request arrives Thursday 14:00 with 1 day
    due = add_business_duration(calendar, at("2026-03-05 14:00"), DAYS(1))
    # Then it is due at Friday's close, 12:00
    assert due == at("2026-03-06 12:00")


def test_hours_skip_the_lunch_break(
    split_day_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 2 hours from 11:00 on a day with 8–12 and 13–17
    due = add_business_duration(split_day_calendar, at("2026-03-02 11:00"), HOURS(2))
    # Then one hour runs before lunch and one after
    assert due == at("2026-03-02 14:00")


def test_hours_that_run_out_at_lunch_are_due_at_noon(
    split_day_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    due = add_business_duration(split_day_calendar, at("2026-03-02 11:00"), HOURS(1))
    assert due == at("2026-03-02 12:00")


def test_a_start_during_lunch_waits_for_the_afternoon(
    split_day_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a request submitted at 12:30, during lunch
    submitted = at("2026-03-02 12:30")
    # Then its clock starts at 13:00 and a day later is Tuesday 13:00
    assert clock_start(split_day_calendar, submitted) == at("2026-03-02 13:00")
    assert add_business_duration(split_day_calendar, submitted, DAYS(1)) == at("2026-03-03 13:00")


def test_a_day_keeps_the_position_in_the_working_day_across_different_periods(
    at: Callable[..., datetime],
) -> None:
    # Given Mondays 8–12 and 13–17, Tuesdays 9–17 straight
    calendar = BusinessCalendar(
        "Uneven",
        "America/Chicago",
        {0: [(time(8), time(12)), (time(13), time(17))], 1: [(time(9), time(17))]},
    )
    # When a request arrives Monday 14:00 (5 working hours into Monday)
    due = add_business_duration(calendar, at("2026-03-02 14:00"), DAYS(1))
    # Then it is due 5 working hours into Tuesday
    assert due == at("2026-03-03 14:00")


def test_four_hour_emergency_runs_through_the_night(
    emergency_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given an emergency submitted Saturday 22:00 on the around-the-clock calendar
    due = add_business_duration(emergency_calendar, at("2026-03-14 22:00"), HOURS(4))
    # Then it is due four hours later, Sunday 2:00
    assert due == at("2026-03-15 02:00")


def test_due_times_come_back_in_the_calendars_timezone(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a start given in UTC
    submitted = at("2026-03-02 09:00").astimezone(ZoneInfo("UTC"))
    # Then the due time is in Chicago time
    due = add_business_duration(school_calendar, submitted, HOURS(1))
    assert due is not None
    assert due.tzinfo == school_calendar.timezone
    assert due == at("2026-03-02 10:00")


def test_elapsed_counts_only_working_hours(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given Friday 15:00 to Monday 9:00 over a weekend
    elapsed = business_elapsed(school_calendar, at("2026-03-06 15:00"), at("2026-03-09 09:00"))
    # Then 1 h 30 on Friday and 1 h 30 on Monday have elapsed
    assert elapsed == timedelta(hours=3)


def test_elapsed_over_a_closure_day_is_zero(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    elapsed = business_elapsed(school_calendar, at("2026-09-07 00:00"), at("2026-09-08 00:00"))
    assert elapsed == timedelta(0)


def test_elapsed_refuses_an_end_before_the_start(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    with pytest.raises(ValueError, match="is before start"):
        business_elapsed(school_calendar, at("2026-03-03 09:00"), at("2026-03-02 09:00"))


@pytest.mark.parametrize(
    "call",
    [
        lambda calendar, naive: add_business_duration(calendar, naive, HOURS(1)),
        lambda calendar, naive: business_elapsed(calendar, naive, naive),
        lambda calendar, naive: clock_start(calendar, naive),
        lambda calendar, naive: explain_due(calendar, naive, DAYS(1)),
    ],
    ids=["add", "elapsed", "clock_start", "explain"],
)
def test_naive_datetimes_are_refused(
    school_calendar: BusinessCalendar, call: Callable[[BusinessCalendar, datetime], object]
) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        call(school_calendar, datetime(2026, 3, 2, 9))


def test_a_duration_that_is_not_a_business_duration_is_refused(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    with pytest.raises(ValueError, match="must be a BusinessDuration"):
        add_business_duration(school_calendar, at("2026-03-02 09:00"), timedelta(hours=4))  # type: ignore[arg-type]


def test_running_past_the_year_9999_is_a_value_error(school_calendar: BusinessCalendar) -> None:
    last_week = datetime(9999, 12, 27, 9, tzinfo=school_calendar.timezone)
    with pytest.raises(ValueError, match="ran past the last date"):
        add_business_duration(school_calendar, last_week, DAYS(10))


def test_ten_years_are_counted_day_by_day_not_minute_by_minute(
    school_calendar: BusinessCalendar,
) -> None:
    # Given ten years of weekdays without the two closures
    start = datetime(2025, 1, 1, tzinfo=school_calendar.timezone)
    end = datetime(2035, 1, 1, tzinfo=school_calendar.timezone)
    days = (end.date() - start.date()).days
    weekdays = sum(
        (start.date() + timedelta(offset)).weekday() < 5
        and start.date() + timedelta(offset) not in school_calendar.closures
        for offset in range(days)
    )
    # When we measure elapsed time and add it back, with a stopwatch running
    began = stopwatch.perf_counter()
    elapsed = business_elapsed(school_calendar, start, end)
    due = add_business_duration(school_calendar, start, HOURS(weekdays * 9))
    seconds = stopwatch.perf_counter() - began
    # Then both are exact, and fast enough that a page could do it (generously bounded)
    assert elapsed == timedelta(hours=9 * weekdays)
    assert due == datetime(2034, 12, 29, 16, 30, tzinfo=school_calendar.timezone)
    assert seconds < 2


def test_a_weekday_calendar_far_in_the_future_still_finds_its_day() -> None:
    # Given a calendar whose only working day is Wednesday, with many closed Wednesdays
    closed = {date(2026, 1, 7) + timedelta(weeks=week): "Closed" for week in range(100)}
    calendar = BusinessCalendar("Wednesdays", "America/Chicago", {2: [(time(9), time(10))]}, closed)
    # When a day is added from the first of January
    due = add_business_duration(calendar, datetime(2026, 1, 1, tzinfo=calendar.timezone), DAYS(1))
    # Then it lands on the second Wednesday after the closures end
    assert due == datetime(2027, 12, 15, 9, tzinfo=calendar.timezone)
