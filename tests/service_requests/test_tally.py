"""The stored tallies of closed requests: counted once as each request closes, and equal to
counting every closed request again."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from districtdesk.core.demo_district.builder import load_demo_district
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.service_requests.demo_requests import load_demo_requests
from districtdesk.service_requests.models import (
    CampusTargetTally,
    IntakeTally,
    ServiceRequest,
    TargetMonthTally,
    TargetTally,
    TimeTally,
)
from districtdesk.service_requests.services import working
from districtdesk.service_requests.tally import rebuild_tallies
from tests.cast import District
from tests.reports.scenario import NOW
from tests.service_requests.builders import local, priority, submit

pytestmark = pytest.mark.django_db

# Each tally's key and its amounts; a key may be split over rows, so rows are summed.
TALLIES = {
    TargetTally: (
        ("submitted_on", "due_on", "kind", "category", "priority", "team"),
        ("met", "breached"),
    ),
    TargetMonthTally: (
        ("submitted_month", "kind", "category", "priority", "team"),
        ("met", "breached"),
    ),
    CampusTargetTally: (
        ("submitted_month", "kind", "campus", "category", "team"),
        ("met", "breached"),
    ),
    TimeTally: (
        ("submitted_on", "category", "team"),
        ("requests", "elapsed", "vendor", "district"),
    ),
    IntakeTally: (("submitted_on", "hour", "channel"), ("requests",)),
}


def summed(model) -> dict:
    keys, amounts = TALLIES[model]
    totals: dict = {}
    for row in model.objects.values(*keys, *amounts):
        key = tuple(row[name] for name in keys)
        found = totals.setdefault(key, Counter())
        for name in amounts:
            found[name] = found.get(name, timedelta() if name in TIME else 0) + row[name]
    return totals


TIME = ("elapsed", "vendor", "district")


def close_after_waits(district: District, day: int) -> ServiceRequest:
    """A request that waited on a vendor (a wait ended) and then on the district (resolved
    while still waiting), then closed."""
    people = district.people
    admin = people[Role.SYSTEM_ADMIN]
    request = submit(people[Role.REQUESTER], now=local(2027, 2, day, 8, 0))
    chosen = priority("1.3")
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=chosen.category,
        priority=chosen,
        now=local(2027, 2, day, 8, 30),
    )
    for waiting_on, hour in ((ServiceRequest.WaitingOn.VENDOR, 9), ("district", 11)):
        working.wait_on(
            request,
            actor=admin,
            waiting_on=waiting_on,
            reason="Parts",
            now=local(2027, 2, day, hour),
        )
        if hour == 9:
            working.resume_request(request, actor=admin, now=local(2027, 2, day, 10))
    working.resolve_request(request, actor=admin, resolution="Done", now=local(2027, 2, day, 15))
    return working.close_request(request, actor=admin, now=local(2027, 2, day, 16))


def assert_counting_again_gives_the_same() -> None:
    counted = {model: summed(model) for model in TALLIES}
    rebuild_tallies()
    for model in TALLIES:
        assert summed(model) == counted[model], model.__name__


def test_counting_each_close_equals_counting_every_closed_request_again():
    load_demo_district(size="small", seed=2026)
    # Every state through the services, closes included, with breaches.
    load_demo_requests(count=160, seed=7, now=NOW)
    closed = ServiceRequest.objects.filter(status=ServiceRequest.Status.CLOSED)
    assert closed.count() >= 20
    assert TargetTally.objects.filter(breached__gt=0).exists()
    assert sum(row.requests for row in IntakeTally.objects.all()) == closed.count()

    assert_counting_again_gives_the_same()


def test_waits_are_counted_apart_from_working_time_either_way(district):
    first, second = close_after_waits(district, 2), close_after_waits(district, 3)
    time = summed(TimeTally)
    assert [(row["requests"], row["vendor"], row["district"]) for row in time.values()] == [
        (1, timedelta(hours=1), timedelta(hours=4))
    ] * 2
    assert [row["elapsed"] for row in time.values()] == [
        request.resolved_at - request.submitted_at for request in (first, second)
    ]

    assert_counting_again_gives_the_same()


def test_a_request_counts_once_when_it_closes_and_a_refused_close_counts_nothing(people):
    teacher, admin = people[Role.REQUESTER], people[Role.SYSTEM_ADMIN]
    request = submit(teacher, now=local(2027, 2, 1, 9, 0))
    chosen = priority("1.3")
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=chosen.category,
        priority=chosen,
        now=local(2027, 2, 1, 9, 30),
    )
    working.resolve_request(request, actor=admin, resolution="Fixed", now=local(2027, 2, 5, 9))
    assert not TargetTally.objects.exists()  # resolved requests are counted live

    working.close_request(request, actor=teacher, now=local(2027, 2, 5, 10))

    request.refresh_from_db()
    targets = request.targets.exclude(sla_hours=None, sla_days=None)
    late = targets.filter(completed_at__gt=F("due_at")).count()
    assert [
        (row.kind, row.met, row.breached) for row in TargetTally.objects.order_by("kind")
    ] == sorted(
        (target.kind, int(not late_one), int(late_one))
        for target in targets
        for late_one in [target.completed_at > target.due_at]
    )
    time = TimeTally.objects.get()
    assert (time.requests, time.elapsed) == (1, request.resolved_at - request.submitted_at)
    assert IntakeTally.objects.get().hour == 9
    assert late == TargetTally.objects.filter(due_on__isnull=False).count()

    with pytest.raises(DomainError):
        working.close_request(request, actor=teacher, now=local(2027, 2, 5, 11))
    assert sum(row.requests for row in IntakeTally.objects.all()) == 1


def test_the_command_counts_every_closed_request_again(district):
    close_after_waits(district, 2)
    TimeTally.objects.all().delete()  # as if restored by SQL without its tallies
    out = StringIO()

    call_command("rebuild_tallies", stdout=out)

    assert out.getvalue().startswith("Counted 1 of 1 closed requests and 3 of their targets")
    assert [row["requests"] for row in summed(TimeTally).values()] == [1]
