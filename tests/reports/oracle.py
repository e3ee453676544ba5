"""The independent count: plain Python over the rows a test created, never the reports'
queries. Each figure's definition (docs/reports.md) is written here a second time."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.utils import timezone

from districtdesk.service_requests.models import ServiceRequest, Target

STATE_TO_OUTCOME = {
    Target.State.MET: "met",
    Target.State.BREACHED: "breached",
    Target.State.RUNNING: "open_on_time",
    Target.State.OVERDUE: "open_overdue",
    Target.State.PAUSED: "waiting",
}
BANDS = ((0, 1), (2, 5), (6, 10), (11, 20), (21, None))


def fresh(requests) -> list[ServiceRequest]:
    return list(
        ServiceRequest.objects.filter(pk__in=[r.pk for r in requests])
        .select_related("category", "priority", "team", "campus")
        .prefetch_related("targets", "waits")
    )


def outcomes_by(requests, now, key) -> dict:
    """{(kind, key(request)): Counter(outcome)} for every target with an SLA."""
    counts: dict = defaultdict(Counter)
    for request in fresh(requests):
        for target in request.targets.all():
            state = target.state_at(now)
            if state != Target.State.NO_SLA:
                counts[(target.kind, key(request))][STATE_TO_OUTCOME[state]] += 1
    return counts


def days(earlier, later) -> int:
    return (timezone.localdate(later) - timezone.localdate(earlier)).days


def band_of(number: int) -> int:
    return next(
        i for i, (lo, hi) in enumerate(BANDS) if number >= lo and (hi is None or number <= hi)
    )


def backlog(requests, now) -> tuple[list[int], list[int]]:
    by_age, overdue = [0] * len(BANDS), [0] * len(BANDS)
    for request in fresh(requests):
        if request.status not in ServiceRequest.OPEN_STATUSES:
            continue
        by_age[band_of(days(request.submitted_at, now))] += 1
        if request.due_at is not None and request.due_at < now:
            overdue[band_of(days(request.due_at, now))] += 1
    return by_age, overdue


def time_spent(requests, now) -> dict:
    """{category number or None: [requests, elapsed, vendor, district]} as timedeltas."""
    spent: dict = defaultdict(lambda: [0, timedelta(), timedelta(), timedelta()])
    for request in fresh(requests):
        row = spent[request.category.number if request.category else None]
        row[0] += 1
        row[1] += (request.resolved_at or now) - request.submitted_at
        for wait in request.waits.all():
            row[2 if wait.waiting_on == "vendor" else 3] += (wait.ended_at or now) - wait.started_at
    return spent


def intake(requests) -> Counter:
    return Counter(
        (timezone.localtime(request.submitted_at).hour, request.channel)
        for request in fresh(requests)
    )
