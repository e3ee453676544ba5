"""Approvals waiting more than two business days remind the approver once."""

from datetime import timedelta

from districtdesk.acquisitions.reminders import remind_waiting_approvals
from districtdesk.activity.models import Event
from districtdesk.core import periodic
from tests.acquisitions import builders


def reminders() -> int:
    return Event.objects.filter(code="technology.approval_waiting").count()


def test_reminded_once_after_two_business_days(district, catalogue, now):
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    assert remind_waiting_approvals(now + timedelta(days=1, hours=23)) == 0
    thursday = now + timedelta(days=2)
    assert remind_waiting_approvals(thursday) == 1
    assert remind_waiting_approvals(thursday) == 0
    assert remind_waiting_approvals(thursday + timedelta(days=3)) == 0
    assert reminders() == 1
    request.refresh_from_db()
    assert request.approval_reminded_at == thursday


def test_a_weekend_is_not_counted(district, catalogue, now):
    friday = now + timedelta(days=3)
    builders.forwarded(district, builders.ask(district, item=catalogue["camera"]), now=friday)
    assert remind_waiting_approvals(friday + timedelta(days=3)) == 0  # Monday
    assert remind_waiting_approvals(friday + timedelta(days=4)) == 1  # Tuesday


def test_a_decided_request_is_not_reminded(district, catalogue, now):
    builders.approved(district, builders.ask(district, item=catalogue["camera"]))
    assert remind_waiting_approvals(now + timedelta(days=5)) == 0


def test_the_tick_runs_the_reminder(district, catalogue, now):
    builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    counts = periodic.run_all(now + timedelta(days=2))
    assert counts["acquisitions.approvals_waiting"] == 1
