"""The cast every technology-request test shares: the small district, the clock pinned on
a working Tuesday, and a short catalogue of standards."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.acquisitions.builders import standards
from tests.cast import District, build_district

# Tuesday 2 February 2027, 10:00 in the district: a working day.
TUESDAY = datetime(2027, 2, 2, 10, 0, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture
def district(db) -> District:
    return build_district()


@pytest.fixture
def people(district: District) -> dict:
    return district.people


@pytest.fixture
def now():
    with time_machine.travel(TUESDAY, tick=False):
        yield TUESDAY


@pytest.fixture
def catalogue(district):
    return standards()
