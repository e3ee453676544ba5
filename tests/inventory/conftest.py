"""The cast every inventory test shares: the small district, with the clock pinned."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

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
def tech(district):
    """An inventory technician: runs audits and works their phases' requests."""
    from tests.inventory.factories import inventory_technician

    return inventory_technician()
