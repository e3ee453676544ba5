"""Both Chicago clock changes of 2026: 8 March (2:00 → 3:00) and 1 November (2:00 → 1:00).

Working hours are wall-clock times; elapsed business time is real time.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from districtdesk.sla import (
    BusinessCalendar,
    BusinessDuration,
    add_business_duration,
    business_elapsed,
)

DAYS, HOURS = BusinessDuration.days, BusinessDuration.hours


def utc(moment: datetime) -> datetime:
    """Compare instants in UTC: two Chicago datetimes compare by wall clock, fold ignored."""
    return moment.astimezone(UTC)


def due_at(calendar: BusinessCalendar, start: datetime, duration: BusinessDuration) -> datetime:
    """The due time, which exists: no pauses here."""
    due = add_business_duration(calendar, start, duration)
    assert due is not None
    return due


def test_four_hour_emergency_across_spring_forward_takes_four_real_hours(
    emergency_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given an emergency at 0:30 CST on the spring-forward night
    submitted = at("2026-03-08 00:30")
    # When 4 hours are added
    due = due_at(emergency_calendar, submitted, HOURS(4))
    # Then it is due 4 real hours later, which the clocks show as 5:30 CDT
    assert utc(due) == utc(submitted) + timedelta(hours=4)
    assert (due.hour, due.minute, due.utcoffset()) == (5, 30, timedelta(hours=-5))


def test_four_hour_emergency_across_fall_back_takes_four_real_hours(
    emergency_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given an emergency at 0:30 CDT on the fall-back night
    submitted = at("2026-11-01 00:30")
    # When 4 hours are added
    due = due_at(emergency_calendar, submitted, HOURS(4))
    # Then it is due 4 real hours later, which the clocks show as 3:30 CST
    assert utc(due) == utc(submitted) + timedelta(hours=4)
    assert (due.hour, due.minute, due.utcoffset()) == (3, 30, timedelta(hours=-6))


def test_an_emergency_submitted_in_the_repeated_hour_counts_from_that_instant(
    emergency_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given an emergency at the second 1:30 (CST) of the fall-back night
    submitted = at("2026-11-01 01:30", fold=1)
    # Then 1 hour later is 2:30 CST, not 2:30 after the first 1:30
    due = due_at(emergency_calendar, submitted, HOURS(1))
    assert utc(due) == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)


def test_around_the_clock_days_last_23_and_25_hours_on_the_change_days(
    emergency_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # The spring-forward Sunday has 23 real hours and the fall-back Sunday 25
    spring = business_elapsed(emergency_calendar, at("2026-03-08 00:00"), at("2026-03-09 00:00"))
    autumn = business_elapsed(emergency_calendar, at("2026-11-01 00:00"), at("2026-11-02 00:00"))
    assert (spring, autumn) == (timedelta(hours=23), timedelta(hours=25))


def test_one_day_around_the_clock_keeps_the_wall_clock_time(
    emergency_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 1 day from Saturday 10:00 before each change
    spring = due_at(emergency_calendar, at("2026-03-07 10:00"), DAYS(1))
    autumn = due_at(emergency_calendar, at("2026-10-31 10:00"), DAYS(1))
    # Then both are due Sunday 10:00, 23 and 25 real hours later
    assert utc(spring) == utc(at("2026-03-08 10:00"))
    assert utc(autumn) == utc(at("2026-11-01 10:00"))
    assert utc(spring) - utc(at("2026-03-07 10:00")) == timedelta(hours=23)
    assert utc(autumn) - utc(at("2026-10-31 10:00")) == timedelta(hours=25)


def test_a_day_landing_in_the_spring_forward_gap_is_due_when_the_clocks_jump(
    emergency_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 1 day from Saturday 2:30; Sunday has no 2:30
    due = due_at(emergency_calendar, at("2026-03-07 02:30"), DAYS(1))
    # Then it is due at the jump, which the clocks show as 3:00 CDT
    assert utc(due) == datetime(2026, 3, 8, 8, 0, tzinfo=UTC)
    assert (due.hour, due.minute) == (3, 0)


def test_a_day_landing_in_the_repeated_hour_is_due_at_its_first_occurrence(
    emergency_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 1 day from Saturday 1:30; Sunday has two 1:30s
    due = due_at(emergency_calendar, at("2026-10-31 01:30"), DAYS(1))
    # Then it is due at the first, 1:30 CDT
    assert utc(due) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert due.fold == 0


def test_business_days_across_spring_forward_keep_the_wall_clock_time(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given Friday 16:10 CST before the spring-forward weekend
    submitted = at("2026-03-06 16:10")
    # When 3 business days are added
    due = due_at(school_calendar, submitted, DAYS(3))
    # Then it is Wednesday 16:10 CDT, after exactly 27 working hours
    assert utc(due) == utc(at("2026-03-11 16:10"))
    assert due.utcoffset() == timedelta(hours=-5)
    assert business_elapsed(school_calendar, submitted, due) == timedelta(hours=27)


def test_business_days_across_fall_back_keep_the_wall_clock_time(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given Friday 16:10 CDT before the fall-back weekend
    submitted = at("2026-10-30 16:10")
    # When 3 business days are added
    due = due_at(school_calendar, submitted, DAYS(3))
    # Then it is Wednesday 16:10 CST, after exactly 27 working hours
    assert utc(due) == utc(at("2026-11-04 16:10"))
    assert due.utcoffset() == timedelta(hours=-6)
    assert business_elapsed(school_calendar, submitted, due) == timedelta(hours=27)


def test_business_hours_over_a_change_weekend_are_unaffected(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 4 hours from Friday 15:00 before spring-forward
    due = due_at(school_calendar, at("2026-03-06 15:00"), HOURS(4))
    # Then Monday 10:00 CDT: the lost hour was a night hour, not a working one
    assert utc(due) == utc(at("2026-03-09 10:00"))


def test_a_night_shift_over_the_change_counts_real_hours() -> None:
    # Given a night shift 22:00–24:00 and 0:00–6:00 every day
    night = ((time(0), time(6)), (time(22), None))
    calendar = BusinessCalendar("Night shift", "America/Chicago", dict.fromkeys(range(7), night))
    # Then the spring-forward night has 7 working hours and the fall-back night 9
    spring = business_elapsed(
        calendar,
        datetime(2026, 3, 7, 22, tzinfo=calendar.timezone),
        datetime(2026, 3, 8, 6, tzinfo=calendar.timezone),
    )
    autumn = business_elapsed(
        calendar,
        datetime(2026, 10, 31, 22, tzinfo=calendar.timezone),
        datetime(2026, 11, 1, 6, tzinfo=calendar.timezone),
    )
    assert (spring, autumn) == (timedelta(hours=7), timedelta(hours=9))


def test_a_period_inside_the_spring_forward_gap_has_no_working_time() -> None:
    # Given Sunday hours 2:00–2:30, which do not exist on 8 March
    calendar = BusinessCalendar("Odd hours", "America/Chicago", {6: [(time(2), time(2, 30))]})
    # Then that Sunday opens and closes at the jump and contributes nothing
    (bounds,) = calendar.period_bounds(date(2026, 3, 8))
    assert bounds == (datetime(2026, 3, 8, 8, tzinfo=UTC),) * 2
    saturday = datetime(2026, 3, 7, tzinfo=calendar.timezone)
    due = due_at(calendar, saturday, BusinessDuration.minutes(30))
    assert utc(due) == utc(datetime(2026, 3, 15, 2, 30, tzinfo=calendar.timezone))
