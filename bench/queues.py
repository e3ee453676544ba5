"""How fast is one team's open queue at a large district's size?

Loads the large demo district (250 campuses, 30,000 staff, a million requests over three
school years) into the database DATABASE_URL names, then times the team queue's first
page — the selector, the HTML page and the API list — as a campus technician sees them, in
process, and prints p50/p95 and query counts. `bench/large_district.py` measures the same
and more over HTTP under load.

    createdb districtdesk_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/districtdesk_bench \\
        .venv/bin/python bench/queues.py

The database is emptied first (migrate, flush): point it at a database kept for benchmarks,
or pass --reuse to measure what is there.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtdesk.settings")
# The test client calls itself "testserver".
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from districtdesk.core.models import (  # noqa: E402
    BusinessCalendar,
    Closure,
    Person,
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
)


def load(history: int, seed: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    # Flushing empties the tables the data migrations filled: put those rows back.
    install_sample_calendars(BusinessCalendar, WorkingPeriod, Closure)
    install_categorisation_chart(Category, Priority, BusinessCalendar)
    mark_scheduled_work(Category)
    # The large demo district with its three school years of requests (demo/request_history).
    call_command(
        "load_demo_district", "--size", "large", "--history", str(history), "--seed", str(seed)
    )


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
    parser.add_argument("--history", type=int, default=999_400, help="Requests of history.")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true", help="Measure what is already loaded.")
    options = parser.parse_args()
    if not options.reuse:
        load(options.history, options.seed)
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
