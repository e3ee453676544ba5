"""How fast is one team's open queue at a large district's size?

Loads the large demo district (250 campuses, 30,000 staff) into the database DATABASE_URL
names, adds N service requests with their SLA targets in bulk (default 1,000,000, about a
fifth of them open), then times the team queue's first page — the selector, the HTML page
and the API list — as a campus technician sees them, and prints p50/p95 and query counts.

    createdb districtdesk_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/districtdesk_bench \\
        .venv/bin/python bench/queues.py --requests 1000000

The database is emptied first (migrate, flush): point it at a database kept for benchmarks.
The requests are inserted in bulk rather than through the services, which would take hours
at this size; their rows look like the services' (statuses, targets, due times).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtdesk.settings")
# The test client calls itself "testserver".
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from districtdesk.core.models import (  # noqa: E402
    BusinessCalendar,
    Closure,
    Person,
    Team,
    WorkingPeriod,
)
from districtdesk.core.reference_data import install_sample_calendars  # noqa: E402
from districtdesk.service_requests import selectors  # noqa: E402
from districtdesk.service_requests.chart_data import (  # noqa: E402
    install_categorisation_chart,
    mark_scheduled_work,
)
from districtdesk.service_requests.models import (  # noqa: E402
    Category,
    Priority,
    ServiceRequest,
    Target,
)

BATCH = 5_000
STATUS_MIX = [("closed", 70), ("resolved", 10), ("in_progress", 10), ("open", 5), ("new", 3)]
STATUS_MIX += [("waiting", 2)]


def load(requests: int, seed: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    # Flushing empties the tables the data migrations filled: put those rows back.
    install_sample_calendars(BusinessCalendar, WorkingPeriod, Closure)
    install_categorisation_chart(Category, Priority, BusinessCalendar)
    mark_scheduled_work(Category)
    call_command(
        "load_demo_district", "--size", "large", "--requests", "0", "--assets", "0", verbosity=0
    )
    rng = random.Random(seed)  # noqa: S311 - not for secrets
    people = list(Person.objects.filter(home_campus__isnull=False).values_list("pk", "home_campus"))
    teams_by_campus = dict(
        Team.campuses.through.objects.values_list("campus_id", "team_id").order_by("campus_id")
    )
    priorities = list(Priority.objects.filter(sla_kind__in=["hours", "business_days"]))
    calendar = BusinessCalendar.objects.get(is_default=True)
    statuses, weights = zip(*STATUS_MIX, strict=True)
    now = timezone.now()
    started = time.perf_counter()
    for offset in range(0, requests, BATCH):
        rows = []
        for _ in range(min(BATCH, requests - offset)):
            requester, campus = rng.choice(people)
            status = rng.choices(statuses, weights)[0]
            priority = rng.choice(priorities)
            submitted = now - timedelta(minutes=rng.randint(10, 60 * 24 * 365 * 3))
            rows.append(
                ServiceRequest(
                    channel="portal",
                    requester_id=requester,
                    summary="Projector shows no picture",
                    description="Benchmark row",
                    impact="Benchmark row",
                    campus_id=campus,
                    category_id=None if status == "new" else priority.category_id,
                    priority=None if status == "new" else priority,
                    team_id=None if status == "new" else teams_by_campus.get(campus),
                    status=status,
                    submitted_at=submitted,
                    due_at=None
                    if status in ("resolved", "closed")
                    else submitted + timedelta(days=rng.randint(1, 5)),
                )
            )
        with transaction.atomic():
            created = ServiceRequest.objects.bulk_create(rows)
            Target.objects.bulk_create(
                Target(
                    request=request,
                    kind=Target.Kind.CATEGORISE,
                    calendar=calendar,
                    started_at=request.submitted_at,
                    sla_hours=2,
                    due_at=request.submitted_at + timedelta(hours=2),
                    completed_at=None if request.status == "new" else request.submitted_at,
                )
                for request in created
            )
        print(f"  {offset + len(rows):,} requests ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def measure(label: str, runs: int, work) -> None:
    timings, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            work()
            timings.append((time.perf_counter() - began) * 1000)
        queries = len(captured)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(
        f"{label:<38} p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms"
        f"   {queries} queries"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true", help="Measure what is already loaded.")
    options = parser.parse_args()
    if not options.reuse:
        print(f"Loading the large district and {options.requests:,} requests…")
        load(options.requests, options.seed)
    technician = Person.objects.get(username="technician")
    open_count = ServiceRequest.objects.filter(status__in=ServiceRequest.OPEN_STATUSES).count()
    print(
        f"{ServiceRequest.objects.count():,} requests, {open_count:,} open, on {connection.vendor}"
    )
    now = timezone.now()

    measure(
        "team queue selector, first 50",
        options.runs,
        lambda: list(selectors.team_queue(Person.objects.get(pk=technician.pk), now=now)[:50]),
    )
    client = Client()
    client.force_login(technician)
    for label, name, query in [
        ("team queue page", "request_queue", {"kwargs": {"name": "team"}}),
        ("API list, first 50", "servicerequest-list", {}),
    ]:
        try:
            url = reverse(name, **query)
        except NoReverseMatch:
            print(f"{label:<38} (no route {name!r} yet)")
            continue
        response = client.get(url, {"page_size": 50})
        if response.status_code != 200:
            print(f"{label:<38} answered {response.status_code}; not measured")
            continue
        measure(label, options.runs, lambda url=url: client.get(url, {"page_size": 50}))


if __name__ == "__main__":
    main()
