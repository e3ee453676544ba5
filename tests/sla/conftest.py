"""Hypothesis profiles for the SLA clock, and the calendars its worked examples share.

HYPOTHESIS_PROFILE=ci runs every property on 2,000 derandomised examples (what CI runs);
without it the quicker "dev" profile applies.
"""

import os
from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings

from districtdesk.sla import BusinessCalendar

settings.register_profile(
    "ci", derandomize=True, max_examples=2_000, deadline=None, database=None, print_blob=True
)
settings.register_profile("dev", max_examples=150, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def at() -> Callable[..., datetime]:
    """Chicago wall-clock time from 'YYYY-MM-DD HH:MM', so examples read like a calendar."""

    def parse(text: str, fold: int = 0) -> datetime:
        return datetime.fromisoformat(text).replace(tzinfo=CHICAGO, fold=fold)

    return parse


@pytest.fixture
def school_calendar() -> BusinessCalendar:
    """District office hours, 7:30–16:30 on weekdays, with the closures the examples use."""
    return BusinessCalendar.weekdays(
        "America/Chicago",
        name="District office",
        closures={
            date(2026, 2, 16): "Staff development day",
            date(2026, 9, 7): "Labor Day",
        },
    )


@pytest.fixture
def emergency_calendar() -> BusinessCalendar:
    """The clock that never stops, for 4-hour emergencies."""
    return BusinessCalendar.around_the_clock("America/Chicago", name="Emergency")


@pytest.fixture
def split_day_calendar() -> BusinessCalendar:
    """Weekdays 8:00–12:00 and 13:00–17:00: a service center that closes for lunch."""
    periods = ((time(8), time(12)), (time(13), time(17)))
    return BusinessCalendar("Service center", CHICAGO, dict.fromkeys(range(5), periods))
