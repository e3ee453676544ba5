"""Explanations: how each due time was reached, as data and as one English line."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from districtdesk.sla import (
    BusinessCalendar,
    BusinessDuration,
    Pause,
    SkipReason,
    WeekdayHours,
    WorkingPeriod,
    add_business_duration,
    explain_due,
)

DAYS, HOURS = BusinessDuration.days, BusinessDuration.hours


def test_three_days_from_friday_explains_the_weekend_and_the_closure(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given the example: Friday 16:10, 3 days, Monday a staff-development day
    # When it is explained
    explanation = explain_due(school_calendar, at("2026-02-13 16:10"), DAYS(3))
    # Then it reads as the issue asks
    assert explanation.describe() == (
        "submitted Fri 16:10; 3 business days at 7:30–16:30; "
        "skipped Sat–Sun and Mon 'Staff development day'; due Thu 16:10"
    )


def test_explanation_carries_reason_codes_not_prose(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given the same example
    explanation = explain_due(school_calendar, at("2026-02-13 16:10"), DAYS(3))
    # Then the data a Spanish page needs is there as codes, dates and names
    assert [
        (span.reason, span.first_day, span.last_day, span.closure_name)
        for span in explanation.skipped
    ] == [
        ("weekend", date(2026, 2, 14), date(2026, 2, 15), None),
        ("closure", date(2026, 2, 16), date(2026, 2, 16), "Staff development day"),
    ]
    assert explanation.working_hours == (
        WeekdayHours((0, 1, 2, 3, 4), (WorkingPeriod(time(7, 30), time(16, 30)),)),
    )
    assert explanation.clock_start == explanation.start == at("2026-02-13 16:10")
    assert explanation.due == at("2026-02-19 16:10")
    assert explanation.paused_time == timedelta(0)
    assert explanation.calendar_name == "District office"


def test_a_saturday_submission_says_when_the_clock_started(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    explanation = explain_due(school_calendar, at("2026-03-07 10:00"), DAYS(3))
    assert explanation.clock_start == at("2026-03-09 07:30")
    assert explanation.describe() == (
        "submitted Sat 10:00; clock started Mon 7:30; 3 business days at 7:30–16:30; "
        "skipped Sat–Sun; due Thu 7:30"
    )


def test_an_emergency_reads_around_the_clock(
    emergency_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    explanation = explain_due(emergency_calendar, at("2026-03-14 22:00"), HOURS(4))
    assert explanation.around_the_clock
    assert explanation.describe() == "submitted Sat 22:00; 4 hours around the clock; due Sun 2:00"


def test_a_closed_pause_is_listed_with_the_working_time_it_took(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 8 hours from Friday 9:00, paused Friday 15:00 to Monday 9:00
    pause = Pause(at("2026-03-06 15:00"), at("2026-03-09 09:00"))
    # When explained
    explanation = explain_due(school_calendar, at("2026-03-06 09:00"), HOURS(8), [pause])
    # Then the pause appears in order with the weekend, and took 3 working hours
    assert [span.reason for span in explanation.skipped] == [
        SkipReason.PAUSED,
        SkipReason.WEEKEND,
    ]
    assert explanation.paused_time == timedelta(hours=3)
    assert explanation.describe() == (
        "submitted Fri 9:00; 8 business hours at 7:30–16:30; skipped Sat–Sun; "
        "paused Fri 15:00–Mon 9:00 (3h of working time); due Mon 11:00"
    )


def test_an_open_pause_explains_why_there_is_no_due_time(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 4 hours from Monday 9:00 paused at 10:30 and still waiting
    pause = Pause(at("2026-03-02 10:30"))
    # When explained
    explanation = explain_due(school_calendar, at("2026-03-02 09:00"), HOURS(4), [pause])
    # Then there is no due time, and it says since when
    assert explanation.due is None
    assert explanation.paused_since == at("2026-03-02 10:30")
    assert explanation.skipped[-1].end is None
    assert explanation.describe() == (
        "submitted Mon 9:00; 4 business hours at 7:30–16:30; "
        "paused since Mon 10:30; no due time while paused"
    )


def test_split_days_list_both_periods(
    split_day_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    explanation = explain_due(split_day_calendar, at("2026-03-02 11:00"), HOURS(2))
    assert explanation.describe() == (
        "submitted Mon 11:00; 2 business hours at 8:00–12:00 and 13:00–17:00; due Mon 14:00"
    )


def test_uneven_weeks_list_each_run_of_weekdays(at: Callable[..., datetime]) -> None:
    # Given Fridays that close at noon and a Saturday morning
    calendar = BusinessCalendar(
        "Short Fridays",
        "America/Chicago",
        {
            **dict.fromkeys(range(4), ((time(7, 30), time(16, 30)),)),
            4: ((time(7, 30), time(12)),),
            5: ((time(8), time(12)),),
        },
    )
    explanation = explain_due(calendar, at("2026-03-05 14:00"), DAYS(1))
    assert explanation.describe() == (
        "submitted Thu 14:00; 1 business day at Mon–Thu 7:30–16:30, Fri 7:30–12:00, "
        "Sat 8:00–12:00; due Fri 12:00"
    )


def test_long_spans_name_the_dates(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given the start with 10 business days, so weekday names would repeat
    explanation = explain_due(school_calendar, at("2026-02-13 16:10"), DAYS(10))
    assert explanation.describe() == (
        "submitted Fri Feb 13 16:10; 10 business days at 7:30–16:30; "
        "skipped Sat Feb 14–Sun Feb 15, Mon Feb 16 'Staff development day', "
        "Sat Feb 21–Sun Feb 22 and Sat Feb 28–Sun Mar 1; due Mon Mar 2 16:10"
    )


def test_a_closure_on_a_weekend_reads_as_the_closure(at: Callable[..., datetime]) -> None:
    # Given winter break entered for every day, weekends included
    winter_break = {date(2026, 12, 21) + timedelta(days): "Winter break" for days in range(14)}
    calendar = BusinessCalendar.weekdays("America/Chicago", closures=winter_break)
    # Then the break is one span, not split by its weekends
    explanation = explain_due(calendar, at("2026-12-18 10:00"), DAYS(1))
    assert [(span.reason, span.first_day, span.last_day) for span in explanation.skipped] == [
        (SkipReason.WEEKEND, date(2026, 12, 19), date(2026, 12, 20)),
        (SkipReason.CLOSURE, date(2026, 12, 21), date(2027, 1, 3)),
    ]


def test_explanation_agrees_with_add_business_duration(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    pause = Pause(at("2026-03-03 10:00"), at("2026-03-04 10:00"))
    for duration in (HOURS(0), HOURS(13), DAYS(0), DAYS(4)):
        explanation = explain_due(school_calendar, at("2026-03-02 09:00"), duration, [pause])
        assert explanation.due == add_business_duration(
            school_calendar, at("2026-03-02 09:00"), duration, [pause]
        )
