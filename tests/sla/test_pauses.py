"""Pauses: a request waiting on a vendor or on the district stops its clock."""

from collections.abc import Callable
from datetime import datetime, timedelta

from districtdesk.sla import (
    BusinessCalendar,
    BusinessDuration,
    Pause,
    add_business_duration,
    business_elapsed,
)

DAYS, HOURS = BusinessDuration.days, BusinessDuration.hours


def test_a_pause_in_working_hours_moves_the_due_time_by_its_length(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 4 hours from Monday 8:00, paused 9:00–10:30 waiting on a vendor
    pause = Pause(at("2026-03-02 09:00"), at("2026-03-02 10:30"))
    # When the due time is computed
    due = add_business_duration(school_calendar, at("2026-03-02 08:00"), HOURS(4), [pause])
    # Then it moves from 12:00 to 13:30
    assert due == at("2026-03-02 13:30")


def test_a_pause_spanning_a_weekend_only_costs_the_working_time_it_covers(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 8 hours from Friday 9:00, paused Friday 15:00 to Monday 9:00
    pause = Pause(at("2026-03-06 15:00"), at("2026-03-09 09:00"))
    # When the due time is computed
    due = add_business_duration(school_calendar, at("2026-03-06 09:00"), HOURS(8), [pause])
    # Then it moves by the 1 h 30 of Friday and the 1 h 30 of Monday the pause covered:
    # without it, Monday 8:00; with it, Monday 11:00
    assert add_business_duration(school_calendar, at("2026-03-06 09:00"), HOURS(8)) == at(
        "2026-03-09 08:00"
    )
    assert due == at("2026-03-09 11:00")


def test_a_pause_entirely_outside_working_hours_changes_nothing(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a pause over a weekend only
    pause = Pause(at("2026-03-06 17:00"), at("2026-03-09 07:00"))
    # Then hours and days are due exactly as without it
    for duration in (HOURS(8), DAYS(1)):
        with_pause = add_business_duration(
            school_calendar, at("2026-03-06 09:00"), duration, [pause]
        )
        assert with_pause == add_business_duration(
            school_calendar, at("2026-03-06 09:00"), duration
        )


def test_a_still_open_pause_leaves_no_due_time(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a request paused on Tuesday and not yet resumed, 3 days after Monday 9:00
    pause = Pause(at("2026-03-03 10:00"))
    # Then there is no due time while it waits
    assert add_business_duration(school_calendar, at("2026-03-02 09:00"), DAYS(3), [pause]) is None
    assert (
        add_business_duration(school_calendar, at("2026-03-02 09:00"), HOURS(12), [pause]) is None
    )


def test_an_open_pause_after_the_due_time_leaves_the_due_time(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 4 hours from Monday 9:00, due 13:00, paused later at 14:00
    pause = Pause(at("2026-03-02 14:00"))
    # Then the due time stands: the clock ran out before it stopped
    due = add_business_duration(school_calendar, at("2026-03-02 09:00"), HOURS(4), [pause])
    assert due == at("2026-03-02 13:00")


def test_resuming_an_open_pause_gives_back_the_due_time_moved_by_the_wait(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 9 hours from Monday 9:00, paused Tuesday 10:00 and resumed Wednesday 10:00
    resumed = Pause(at("2026-03-03 10:00"), at("2026-03-04 10:00"))
    # Then the due time, Tuesday 9:00 without the pause, is still Tuesday 9:00: the pause
    # began after it
    assert add_business_duration(
        school_calendar, at("2026-03-02 09:00"), HOURS(9), [resumed]
    ) == at("2026-03-03 09:00")
    # And 12 hours (due Tuesday 12:00 without a pause) move by the 9 h the pause held
    assert add_business_duration(
        school_calendar, at("2026-03-02 09:00"), HOURS(12), [resumed]
    ) == at("2026-03-04 12:00")


def test_overlapping_pauses_count_once(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a vendor wait and a district wait that overlap for an hour
    pauses = [
        Pause(at("2026-03-02 09:00"), at("2026-03-02 11:00")),
        Pause(at("2026-03-02 10:00"), at("2026-03-02 12:00")),
    ]
    # Then the clock stopped for 3 hours, not 4
    due = add_business_duration(school_calendar, at("2026-03-02 08:00"), HOURS(2), pauses)
    assert due == at("2026-03-02 13:00")


def test_a_paused_business_day_moves_by_the_working_time_paused(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given 1 day from Monday 10:00, paused all of Monday afternoon from 12:30
    pause = Pause(at("2026-03-02 12:30"), at("2026-03-02 16:30"))
    # Then Tuesday 10:00 moves by those 4 hours to Tuesday 14:00
    due = add_business_duration(school_calendar, at("2026-03-02 10:00"), DAYS(1), [pause])
    assert due == at("2026-03-03 14:00")


def test_elapsed_time_is_net_of_pauses(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given Monday 8:00 to 16:00 with a 9:00–10:00 pause and an open one from 15:00
    pauses = [Pause(at("2026-03-02 09:00"), at("2026-03-02 10:00")), Pause(at("2026-03-02 15:00"))]
    # Then 8 - 1 - 1 = 6 working hours count
    elapsed = business_elapsed(
        school_calendar, at("2026-03-02 08:00"), at("2026-03-02 16:00"), pauses
    )
    assert elapsed == timedelta(hours=6)


def test_a_pause_before_submission_costs_nothing(
    school_calendar: BusinessCalendar, at: Callable[..., datetime]
) -> None:
    # Given a pause that ended before the request was submitted
    pause = Pause(at("2026-03-02 08:00"), at("2026-03-02 09:00"))
    # Then the due time is as if there were none
    due = add_business_duration(school_calendar, at("2026-03-02 10:00"), HOURS(2), [pause])
    assert due == at("2026-03-02 12:00")
