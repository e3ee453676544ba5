"""The cast every change-control test shares: a small district with one person per role."""

from datetime import timedelta

import pytest
import time_machine

from tests.cast import District, build_district
from tests.changes.builders import NEXT_MONDAY_MEETING, TUESDAY


@pytest.fixture
def district() -> District:
    return build_district()


@pytest.fixture
def people(district: District) -> dict:
    return district.people


@pytest.fixture
def now():
    """Pins the clock to Tuesday 2 February 2027, 10:00 in the district."""
    with time_machine.travel(TUESDAY, tick=False):
        yield TUESDAY


@pytest.fixture
def at_the_meeting():
    """Pins the clock to Monday 8 February 2027, 13:10: the meeting is in session."""
    moment = NEXT_MONDAY_MEETING + timedelta(minutes=10)
    with time_machine.travel(moment, tick=False):
        yield moment
