"""The large district's bulk history: requests whose rows look exactly as the services
would have left them — due times from the same clock, one event per step, waits that stop
the resolve clock — in every state, deterministic for a seed."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from districtdesk.activity.models import Event
from districtdesk.core.demo_district.builder import load_demo_district
from districtdesk.core.models import BusinessCalendar, Person, Role
from districtdesk.demo import request_history
from districtdesk.demo.request_history import load_request_history
from districtdesk.service_requests import clock
from districtdesk.service_requests.models import ServiceRequest, Target, WaitPeriod

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 2, 10, 17, 0, tzinfo=UTC)  # a Wednesday, 11:00 in Chicago
STEP_EVENTS = {
    "request.submitted": "submitted_at",
    "request.categorised": "categorised_at",
    "request.acknowledged": "acknowledged_at",
    "request.resolved": "resolved_at",
    "request.closed": "closed_at",
}


@pytest.fixture
def history() -> dict[str, int]:
    load_demo_district(size="small", seed=2026)
    # The newest slice of three years is the open backlog: enough rows to reach it.
    with time_machine.travel(NOW, tick=False):
        return load_request_history(count=3_000, seed=4, now=NOW)


def bare_request(summary: str, **fields) -> ServiceRequest:
    """A request row written directly, around the history's own."""
    return ServiceRequest.objects.create(
        channel="portal",
        requester=Person.objects.first(),
        summary=summary,
        description="d",
        impact="i",
        campus_id=Person.objects.exclude(home_campus=None).first().home_campus_id,
        status="new",
        **fields,
    )


def test_the_history_holds_every_state_mostly_closed(history):
    assert sum(history.values()) == ServiceRequest.objects.count() == 3_000
    assert set(history) == {"new", "open", "in_progress", "waiting", "resolved", "closed"}
    assert history["closed"] > 0.9 * 3_000
    first = ServiceRequest.objects.order_by("submitted_at").first().submitted_at
    assert NOW - first > timedelta(days=365 * 2.8)
    # Numbers rise with time, as in a live system.
    by_number = list(ServiceRequest.objects.order_by("pk").values_list("submitted_at", flat=True))
    assert by_number == sorted(by_number)
    assert ServiceRequest.objects.filter(submitted_at__gt=NOW).count() == 0


def test_every_step_has_its_event_at_its_time(history):
    events = Counter(Event.objects.values_list("code", flat=True))
    for code, field in STEP_EVENTS.items():
        assert events[code] == ServiceRequest.objects.filter(**{f"{field}__isnull": False}).count()
    assert events["request.waiting"] == WaitPeriod.objects.count() > 0
    assert events["request.resumed"] == WaitPeriod.objects.filter(ended_at__isnull=False).count()
    request = ServiceRequest.objects.filter(status="closed").order_by("pk").first()
    timeline = {
        event.code: event.occurred_at
        for event in Event.objects.filter(subject_id=str(request.pk)).order_by("occurred_at")
    }
    assert timeline["request.submitted"] == request.submitted_at
    assert timeline["request.closed"] == request.closed_at
    assert list(timeline) == sorted(timeline, key=timeline.get)


def test_due_times_are_the_clocks_own(history):
    calendars = {calendar.pk: calendar for calendar in clock._calendars()}
    checked = 0
    sample = Target.objects.select_related("request").order_by("pk")[::37]
    for target in sample:
        waits = list(WaitPeriod.objects.filter(request=target.request))
        expected = Target(
            kind=target.kind,
            started_at=target.started_at,
            sla_hours=target.sla_hours,
            sla_days=target.sla_days,
        )
        clock.compute(expected, calendars[target.calendar_id], waits)
        if target.request.status == "waiting" and target.kind == "resolve":
            assert target.due_at is None  # the clock is stopped
        else:
            assert target.due_at == expected.due_at, (target.request_id, target.kind)
        checked += 1
    assert checked > 150


def test_promises_are_mostly_kept_and_breaches_are_real(history):
    done = Target.objects.filter(completed_at__isnull=False, due_at__isnull=False)
    for kind, share in request_history.MET_SHARE.items():
        of_kind = done.filter(kind=kind)
        met = sum(1 for t in of_kind if t.completed_at <= t.due_at)
        assert share - 0.06 < met / of_kind.count() < share + 0.06, kind


def test_open_requests_queue_by_their_next_deadline(history):
    for request in ServiceRequest.objects.filter(status__in=["new", "open", "in_progress"]):
        running = [t.due_at for t in request.targets.all() if t.completed_at is None and t.due_at]
        assert request.due_at == min(running, default=None)  # no SLA: no deadline
    for request in ServiceRequest.objects.filter(status="waiting"):
        assert request.waiting_on in {"vendor", "district"}
        assert request.waits.get(ended_at__isnull=True)


def test_running_clocks_explain_themselves(history):
    running = Target.objects.filter(completed_at__isnull=True, due_at__isnull=False)
    assert running.exists()
    assert all(target.explanation.get("text") for target in running)


def test_the_same_seed_draws_the_same_history():
    load_demo_district(size="small", seed=2026)
    plan = request_history.build_plan(now=NOW, seed=11, count=200)
    first = request_history.draw_chunk(plan, 0, 200)
    again = request_history.draw_chunk(
        request_history.build_plan(now=NOW, seed=11, count=200), 0, 200
    )
    other = request_history.draw_chunk(
        request_history.build_plan(now=NOW, seed=12, count=200), 0, 200
    )
    assert first.requests == again.requests and first.targets == again.targets
    assert first.requests != other.requests


def test_a_history_request_opens_like_any_other(history, client):
    admin = Person.objects.filter(role_assignments__role=Role.SYSTEM_ADMIN).first()
    request = ServiceRequest.objects.filter(status="closed", waits__isnull=False).first()
    with time_machine.travel(NOW, tick=False):
        client.force_login(admin)
        page = client.get(reverse("request_detail", args=[request.pk]))
    assert page.status_code == 200
    assert request.number in page.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and workers: PostgreSQL")
def test_the_bulk_path_keeps_every_index_and_foreign_key():
    load_demo_district(size="small", seed=2026)

    def schema() -> tuple[set, set]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes")
            indexes = set(cursor.fetchall())
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype='f'"
            )
            return indexes, set(cursor.fetchall())

    before = schema()
    with time_machine.travel(NOW, tick=False):
        # Over one chunk, so two worker processes draw while this one writes.
        history = load_request_history(count=request_history.CHUNK + 500, seed=5, now=NOW)
    assert sum(history.values()) == ServiceRequest.objects.count() == request_history.CHUNK + 500
    after = schema()
    assert after[0] ^ before[0] == set()
    assert after[1] ^ before[1] == set()
    assert Target.objects.filter(kind="categorise").count() == ServiceRequest.objects.count()
    next_request = bare_request("After the bulk load", submitted_at=NOW)
    assert next_request.pk > ServiceRequest.objects.exclude(pk=next_request.pk).latest("pk").pk
    assert BusinessCalendar.objects.filter(is_default=True).exists()


def test_numbers_past_a_million_keep_every_digit(settings):
    load_demo_district(size="small", seed=2026)
    bare_request("Just below a million", submitted_at=NOW - timedelta(days=2000), pk=999_997)
    settings.DEBUG = True  # the query log formats each statement with its parameters

    with time_machine.travel(NOW, tick=False):
        load_request_history(count=6, seed=4, now=NOW)

    submitted = Event.objects.filter(code="request.submitted").values_list(
        "subject_id", "params__number"
    )
    assert sorted(submitted, key=lambda row: int(row[0])) == [
        (str(pk), f"SR-{pk:06d}") for pk in range(999_998, 1_000_004)
    ]
