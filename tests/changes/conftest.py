"""The cast every change-control test shares: a small district with one person per role."""

import pytest
import time_machine

from tests.cast import District, build_district
from tests.changes.builders import TUESDAY


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
