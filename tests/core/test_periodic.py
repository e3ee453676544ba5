"""The one tick's periodic jobs: a job that fails is logged and the others still run."""

from datetime import UTC, datetime

import pytest

from districtdesk.core import periodic

NOW = datetime(2027, 2, 10, 17, 0, tzinfo=UTC)


@pytest.fixture
def jobs(monkeypatch):
    """Only this test's jobs, in a registry of their own."""
    registry: dict = {}
    monkeypatch.setattr(periodic, "_jobs", registry)
    return registry


def test_a_failing_job_is_logged_and_the_others_still_run(jobs, caplog):
    ran = []

    def broken(now):
        raise ConnectionRefusedError("mail server unreachable")

    def counting(now):
        ran.append(now)
        return 3

    periodic.register("first.broken", broken)
    periodic.register("second.counting", counting)

    counts = periodic.run_all(NOW)

    assert counts == {"second.counting": 3}
    assert ran == [NOW]
    assert "Periodic job first.broken failed" in caplog.text
    assert "mail server unreachable" in caplog.text


def test_registering_again_under_a_name_replaces_the_job(jobs):
    periodic.register("job", lambda now: 1)
    periodic.register("job", lambda now: 2)

    assert periodic.run_all(NOW) == {"job": 2}
