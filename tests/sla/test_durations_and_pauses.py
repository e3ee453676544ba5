"""Durations and pauses: the values the clock is given."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from districtdesk.sla import BusinessDuration, DurationUnit, Pause, merge_pauses

CHICAGO = ZoneInfo("America/Chicago")


def march(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=CHICAGO)


def test_durations_name_their_amount_and_unit() -> None:
    # When durations are built by unit
    # Then they hold the amount and unit, and time units convert to a length
    assert BusinessDuration.hours(4) == BusinessDuration(4, DurationUnit.HOURS)
    assert BusinessDuration.days(3).unit is DurationUnit.DAYS
    assert BusinessDuration.minutes(90).as_timedelta() == timedelta(minutes=90)


def test_a_stored_unit_string_becomes_the_unit() -> None:
    # Given a unit read back from the database as text
    duration = BusinessDuration(2, "days")  # type: ignore[arg-type]  # as the database gives it
    # Then it is the enum member
    assert duration.unit is DurationUnit.DAYS


@pytest.mark.parametrize(
    ("amount", "unit", "message"),
    [
        (-1, DurationUnit.HOURS, "cannot be negative"),
        (1.5, DurationUnit.HOURS, "whole number"),
        (True, DurationUnit.HOURS, "whole number"),
        (3, "weeks", "unknown duration unit"),
    ],
)
def test_invalid_durations_are_refused(
    amount: object, unit: DurationUnit | str, message: str
) -> None:
    # When a duration is negative, fractional or in an unknown unit, then it is refused
    with pytest.raises(ValueError, match=message):
        BusinessDuration(amount, unit)  # type: ignore[arg-type]  # refused at run time


def test_hours_and_minutes_add_up_in_minutes() -> None:
    # When durations of time units are added, then they add up, in minutes if mixed
    assert BusinessDuration.hours(2) + BusinessDuration.hours(3) == BusinessDuration.hours(5)
    assert BusinessDuration.hours(1) + BusinessDuration.minutes(30) == BusinessDuration.minutes(90)
    assert BusinessDuration.days(1) + BusinessDuration.days(2) == BusinessDuration.days(3)


def test_days_do_not_add_to_hours_or_convert_to_a_length() -> None:
    # When days meet hours, then they are refused: a business day has no fixed length
    with pytest.raises(ValueError, match="do not add"):
        BusinessDuration.days(1) + BusinessDuration.hours(1)
    with pytest.raises(ValueError, match="no fixed length"):
        BusinessDuration.days(1).as_timedelta()


def test_naive_pause_is_refused() -> None:
    # When a pause starts at a naive datetime, then it is refused
    with pytest.raises(ValueError, match="pause start must be a timezone-aware datetime"):
        Pause(datetime(2026, 3, 2, 10))


def test_pause_ending_before_it_starts_is_refused() -> None:
    # When a pause runs backwards, then it is refused
    with pytest.raises(ValueError, match="cannot end before it starts"):
        Pause(march(2, 11), march(2, 10))


def test_a_pause_without_an_end_is_still_open() -> None:
    # Then a pause is open until it has an end
    assert Pause(march(2, 10)).is_open
    assert not Pause(march(2, 10), march(2, 11)).is_open


def test_overlapping_and_touching_pauses_merge_in_order() -> None:
    # Given pauses out of order: two overlapping, one touching, one separate, one empty
    pauses = [
        Pause(march(3, 9), march(3, 10)),
        Pause(march(2, 10), march(2, 12)),
        Pause(march(2, 11), march(2, 13)),
        Pause(march(2, 13), march(2, 14)),
        Pause(march(4, 9), march(4, 9)),
    ]
    # When they are merged
    merged = merge_pauses(pauses)
    # Then each stretch of stopped clock appears once, in UTC
    assert merged == (
        Pause(march(2, 10).astimezone(UTC), march(2, 14).astimezone(UTC)),
        Pause(march(3, 9).astimezone(UTC), march(3, 10).astimezone(UTC)),
    )


def test_an_open_pause_absorbs_every_later_pause() -> None:
    # Given an open pause followed by a closed one
    pauses = [Pause(march(2, 10)), Pause(march(3, 9), march(3, 10))]
    # When they are merged
    merged = merge_pauses(pauses)
    # Then the clock is simply stopped from the first
    assert merged == (Pause(march(2, 10).astimezone(UTC)),)
