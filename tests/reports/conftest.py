"""A small district with known outcomes, counted at a pinned moment."""

import pytest
import time_machine

from tests.cast import District, build_district
from tests.reports.scenario import NOW, Scenario, build_scenario


@pytest.fixture
def district() -> District:
    return build_district()


@pytest.fixture
def people(district: District) -> dict:
    return district.people


@pytest.fixture
def scenario(district: District) -> Scenario:
    return build_scenario(district)


@pytest.fixture
def at_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW
