"""How does the large district hold up under load, served as in production?

Seeds the large demo district into the PostgreSQL database DATABASE_URL names (or reuses
what is there), serves it with gunicorn (2 workers, DEBUG off) on a free loopback port,
loads each endpoint with ApacheBench (`ab`) and prints one table: p50 / p95 / requests
per second under load, SQL queries per request (counted in-process), the issue's target
and whether it is met. Then the EXPLAIN (ANALYZE, BUFFERS) of the team queue's query and
of the heaviest dashboard's slowest query.

    createdb -h 127.0.0.1 -U postgres districtdesk_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/districtdesk_bench \\
        .venv/bin/python bench/large_district.py

The first run migrates and seeds the empty database with
`manage.py load_demo_district --size large` (a million requests of history, 150,000
assets); later runs pass `--reuse` to measure what is there. For a quick look:
`--size standard --history 20000`. `ab` comes from Debian's apache2-utils
(`apt-get install -y apache2-utils`). The run writes rows: each creation endpoint
submits its requests for real, and each scan is recorded.

Sessions and API tokens are made in-process, so no sign-in is timed. The server runs with
production settings (DISTRICTDESK_ENV=production, DJANGO_DEBUG=false) except that it
speaks plain HTTP on loopback: DISTRICTDESK_HTTPS=false (no SSL redirect, no secure
cookies), DISTRICTDESK_STATIC_MANIFEST=false (no collectstatic needed; static files are
not measured) and a throw-away DJANGO_SECRET_KEY.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# One environment for this process (sessions, tokens, query counts) and for gunicorn: the
# session cookies made here must be valid there, so both share the secret key.
SERVER_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "districtdesk.settings",
    "DISTRICTDESK_ENV": "production",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    # The test client calls itself "testserver"; ab asks for 127.0.0.1:<port>.
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
    "DISTRICTDESK_HTTPS": "false",
    "DISTRICTDESK_BEHIND_PROXY": "false",
    "DISTRICTDESK_STATIC_MANIFEST": "false",
    # Notifications only queue outbox rows in a request; nothing is ever sent from here.
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "DISTRICTDESK_LOG_LEVEL": "WARNING",
}

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise SystemExit(
        "This benchmark measures PostgreSQL: set DATABASE_URL to a database kept for it, e.g.\n"
        "  createdb -h 127.0.0.1 -U postgres districtdesk_bench\n"
        "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/districtdesk_bench "
        ".venv/bin/python bench/large_district.py\n"
        "(SQLite, the embedded default, is not measured.)"
    )
os.environ.update(SERVER_ENVIRONMENT)

import django  # noqa: E402 - after the environment it reads

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import DEFAULT_DB_ALIAS, connection, connections  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from bench.plans import explain, slowest_query  # noqa: E402
from bench.serving import run_ab, start_gunicorn, stop_gunicorn  # noqa: E402
from districtdesk.core.models import Campus, Person, Room  # noqa: E402
from districtdesk.inventory.models import Asset, Audit, AuditItem, AuditScan  # noqa: E402
from districtdesk.reports.dashboards import DASHBOARDS  # noqa: E402
from districtdesk.service_requests import selectors  # noqa: E402
from districtdesk.service_requests.models import ServiceRequest  # noqa: E402
from districtdesk.service_requests.queue_views import QUEUE_PAGE_SIZE  # noqa: E402

OPEN_STATUSES = [str(status) for status in ServiceRequest.OPEN_STATUSES]
# Who looks at the dashboards: the Performance Excellence view first, then whoever else
# a dashboard is for (the Business Office's, say, if directors ever lose it).
DASHBOARD_VIEWERS = ("director", "superintendent", "sysadmin", "businessoffice", "coordinator")
REPORTS_API = {
    "sla": "api_report_sla",
    "intake": "api_report_intake",
    "team": "api_report_team",
    "changes": "api_report_changes",
    "inventory": "api_report_inventory",
    "business_office": "api_report_business_office",
}
PAGE_P95_MS = 100  # queue and dashboards
HEAVIEST_DASHBOARD_P95_MS = 1000
API_LIST_P95_MS = 50
CREATED_PER_SECOND = 200


@dataclass
class Endpoint:
    """One row of the table: how to call it in-process and over HTTP, and its target."""

    label: str
    path: str
    account: str
    method: str = "GET"
    body: str = ""  # POST body, sent as is
    content_type: str = ""
    api: bool = False  # token, not session
    expected: int = 200
    p95_target: float | None = None
    rps_target: float | None = None
    counts: Callable[[], int] | None = None  # rows each call adds: checked after the load
    fewer_rows_path: str = ""  # the same list with fewer rows: its query count must match
    dashboard: bool = False
    results: dict = field(default_factory=dict)


@dataclass
class Credentials:
    """Per account: a session cookie (pages) and a token (API), both made in-process."""

    people: dict[str, Person] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    csrf: dict[str, tuple[str, str]] = field(default_factory=dict)  # cookie, form token

    def person(self, username: str) -> Person:
        if username not in self.people:
            self.people[username] = Person.objects.get(username=username)
        return self.people[username]

    def session(self, username: str) -> str:
        if username not in self.sessions:
            client = Client()
            client.force_login(self.person(username))
            self.sessions[username] = client.cookies[settings.SESSION_COOKIE_NAME].value
        return self.sessions[username]

    def token(self, username: str) -> str:
        if username not in self.tokens:
            token, _ = Token.objects.get_or_create(user=self.person(username))
            self.tokens[username] = token.key
        return self.tokens[username]

    def csrf_for(self, username: str, form_path: str) -> tuple[str, str]:
        """The csrftoken cookie and the form's csrfmiddlewaretoken, from one GET."""
        if username not in self.csrf:
            response = self.client(username).get(form_path)
            found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
            if response.status_code != 200 or found is None:
                raise SystemExit(f"No CSRF token on {form_path} ({response.status_code}).")
            cookie = response.cookies[settings.CSRF_COOKIE_NAME].value
            self.csrf[username] = (cookie, found.group(1))
        return self.csrf[username]

    def client(self, username: str) -> Client:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = self.session(username)
        return client

    def api_client(self, username: str) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Token {self.token(username)}")

    def headers(self, endpoint: Endpoint) -> list[str]:
        if endpoint.api:
            return [f"Authorization: Token {self.token(endpoint.account)}"]
        cookies = {settings.SESSION_COOKIE_NAME: self.session(endpoint.account)}
        if endpoint.account in self.csrf and endpoint.method == "POST":
            cookies[settings.CSRF_COOKIE_NAME] = self.csrf[endpoint.account][0]
        return ["Cookie: " + "; ".join(f"{name}={value}" for name, value in cookies.items())]


# --- The database --------------------------------------------------------------------


def prepare_database(size: str, history: int | None, reuse: bool) -> None:
    if connection.vendor != "postgresql":
        raise SystemExit(f"DATABASE_URL names a {connection.vendor} database, not PostgreSQL.")
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if reuse:
        if pending:
            raise SystemExit("--reuse: the database has unapplied migrations; run migrate.")
        campuses = Campus.objects.count()
        if not campuses:
            raise SystemExit("--reuse: the database holds no district; run without --reuse.")
        print(f"Reusing the district in the database ({campuses:,} campuses).")
        return
    if pending:
        call_command("migrate", verbosity=0)
    if Campus.objects.exists():
        raise SystemExit(
            f"The database already holds {Campus.objects.count():,} campuses: pass --reuse to "
            "measure them, or start from a fresh database to seed it."
        )
    options = {"size": size}
    if history is not None:
        options["history"] = history
    print(f"Seeding the {size} demo district (load_demo_district {options})…")
    started = time.perf_counter()
    call_command("load_demo_district", **options)
    print(f"Seeded in {time.perf_counter() - started:.0f} s.")


def print_counts() -> None:
    requests = ServiceRequest.objects.count()
    open_requests = ServiceRequest.objects.filter(status__in=OPEN_STATUSES).count()
    assets = Asset.objects.count()
    scanning = Audit.objects.filter(phase=Audit.Phase.SCANNING).count()
    print(
        f"Measuring at {requests:,} requests ({open_requests:,} open), {assets:,} assets, "
        f"{Campus.objects.count():,} campuses, {Person.objects.count():,} people "
        f"({scanning} audit(s) scanning), on PostgreSQL {connection.pg_version // 10000}."
    )


# --- What is measured ----------------------------------------------------------------


def endpoints(credentials: Credentials) -> list[Endpoint]:
    technician = credentials.person("technician")
    requester = credentials.person("requester")
    now = timezone.now()
    queue = selectors.team_queue(technician, now=now)
    first = queue.first()
    if first is None:
        raise SystemExit("The technician's team queue is empty: nothing to measure.")
    campus = requester.home_campus or Campus.objects.filter(is_active=True).first()
    audit = Audit.objects.filter(phase=Audit.Phase.SCANNING).order_by("pk").first()
    if audit is None:
        raise SystemExit("No audit is in its scanning phase: the scan cannot be measured.")
    item = (
        AuditItem.objects.filter(audit=audit, expected=True, expected_room__isnull=False)
        .select_related("asset")
        .order_by("pk")
        .first()
    )
    room = item.expected_room if item else Room.objects.filter(campus=audit.campus).first()
    tag = item.asset.bar_tag if item else "BENCH-UNKNOWN-TAG"

    request_rows = ServiceRequest.objects.count
    queue_path = reverse("request_queue", kwargs={"name": "team"})
    api_list = reverse("servicerequest-list")
    open_query = urlencode([("status", status) for status in OPEN_STATUSES], doseq=True)
    portal = reverse("request_new")
    form_token = credentials.csrf_for("requester", portal)[1]
    submission = {
        "summary": "Projector shows no picture",
        "description": "The projector in the library shows no picture since this morning.",
        "impact": "Classes in the library cannot show slides.",
        "urgency": ServiceRequest.Urgency.MEDIUM,
        "campus": campus.pk,
    }
    rows = [
        Endpoint(
            f"team open queue page ({QUEUE_PAGE_SIZE} rows, by due)",
            queue_path,
            "technician",
            p95_target=PAGE_P95_MS,
            fewer_rows_path=f"{queue_path}?status=waiting",
        ),
        Endpoint(
            "API open requests, page_size 50",
            f"{api_list}?{open_query}&page_size=50",
            "technician",
            api=True,
            p95_target=API_LIST_P95_MS,
            fewer_rows_path=f"{api_list}?{open_query}&page_size=5",
        ),
        Endpoint(
            f"request page ({first.number})",
            reverse("request_detail", kwargs={"pk": first.pk}),
            "technician",
        ),
        Endpoint(
            "create request, API (POST JSON)",
            api_list,
            "requester",
            method="POST",
            body=json.dumps(submission),
            content_type="application/json",
            api=True,
            expected=201,
            rps_target=CREATED_PER_SECOND,
            counts=request_rows,
        ),
        Endpoint(
            "create request, portal form (POST)",
            portal,
            "requester",
            method="POST",
            body=urlencode({**submission, "csrfmiddlewaretoken": form_token}),
            content_type="application/x-www-form-urlencoded",
            expected=302,
            rps_target=CREATED_PER_SECOND,
            counts=request_rows,
        ),
        Endpoint(
            f"asset list page ({Asset.objects.count():,} assets)",
            reverse("asset_list"),
            "inventory",
            fewer_rows_path=f"{reverse('asset_list')}?status=lost",
        ),
        Endpoint(
            "audit scan, API (same tag, no client_id)",
            reverse("audit-scans", kwargs={"pk": audit.pk}),
            "inventory",
            method="POST",
            body=json.dumps({"tag": tag, "room": room.pk, "client_id": ""}),
            content_type="application/json",
            api=True,
            expected=201,
            counts=AuditScan.objects.count,
        ),
    ]
    for name, dashboard in DASHBOARDS.items():
        viewer = next(
            (
                username
                for username in DASHBOARD_VIEWERS
                if dashboard.may_view(credentials.person(username))
            ),
            None,
        )
        if viewer is None:
            raise SystemExit(f"No demo account may open the {name} dashboard.")
        rows.append(
            Endpoint(
                f"dashboard: {name} ({viewer})",
                reverse(dashboard.url_name),
                viewer,
                p95_target=PAGE_P95_MS,
                dashboard=True,
            )
        )
    for name, url_name in REPORTS_API.items():
        rows.append(Endpoint(f"reports API: {name}", reverse(url_name), "director", api=True))
    return rows


def in_process(credentials: Credentials, endpoint: Endpoint, path: str = "") -> Callable:
    """A call of the endpoint through the test client, signed in already."""
    client = (
        credentials.api_client(endpoint.account)
        if endpoint.api
        else credentials.client(endpoint.account)
    )
    if endpoint.method == "POST" and not endpoint.api:
        client.cookies[settings.CSRF_COOKIE_NAME] = credentials.csrf[endpoint.account][0]
    return lambda: (
        client.post(endpoint.path, data=endpoint.body, content_type=endpoint.content_type)
        if endpoint.method == "POST"
        else client.get(path or endpoint.path)
    )


def count_queries(credentials: Credentials, endpoint: Endpoint, path: str = "") -> int:
    """The queries of the second call (the first signs in and fills per-process caches)."""
    send = in_process(credentials, endpoint, path)
    send()
    with CaptureQueriesContext(connection) as captured:
        response = send()
    if response.status_code != endpoint.expected:
        raise SystemExit(
            f"{endpoint.label}: {endpoint.method} {path or endpoint.path} answered "
            f"{response.status_code}, not {endpoint.expected}:\n{response.content[:2000]!r}"
        )
    return len(captured)


# --- The load ---------------------------------------------------------------------


def run(
    base: str, credentials: Credentials, endpoint: Endpoint, requests: int, concurrency: int
) -> dict:
    return run_ab(
        base + endpoint.path,
        label=endpoint.label,
        headers=credentials.headers(endpoint),
        requests=requests,
        concurrency=concurrency,
        method=endpoint.method,
        body=endpoint.body,
        content_type=endpoint.content_type,
        expected=endpoint.expected,
    )


def load(
    base: str,
    credentials: Credentials,
    endpoint: Endpoint,
    requests: int,
    concurrency: int,
    warm_up: int,
) -> None:
    run(base, credentials, endpoint, max(warm_up, concurrency), concurrency)
    before = endpoint.counts() if endpoint.counts else 0
    endpoint.results |= run(base, credentials, endpoint, requests, concurrency)
    if endpoint.counts:
        added = endpoint.counts() - before
        if added != requests:
            raise SystemExit(
                f"{endpoint.label}: {requests} calls added {added} rows, not {requests}."
            )
    print(
        f"  {endpoint.label:<44} p50 {endpoint.results['p50']:5.0f} ms  "
        f"p95 {endpoint.results['p95']:5.0f} ms  {endpoint.results['rps']:7.1f}/s"
    )


# --- The report ----------------------------------------------------------------------


def verdict(endpoint: Endpoint) -> tuple[str, str]:
    """The target as the table states it, and "yes"/"no"/"" (no target)."""
    results, targets, met = endpoint.results, [], []
    if endpoint.p95_target is not None:
        targets.append(f"p95 ≤ {endpoint.p95_target:,.0f} ms")
        met.append(results["p95"] <= endpoint.p95_target)
    if endpoint.rps_target is not None:
        targets.append(f"≥ {endpoint.rps_target:,.0f}/s")
        met.append(results["rps"] >= endpoint.rps_target)
    if "fewer_rows_queries" in results:
        targets.append("queries constant")
        met.append(results["fewer_rows_queries"] == results["queries"])
    if not targets:
        return "—", ""
    return ", ".join(targets), "yes" if all(met) else "no"


def print_table(rows: list[Endpoint]) -> None:
    header = ("endpoint", "p50 ms", "p95 ms", "req/s", "queries", "target", "met?")
    lines = []
    for endpoint in rows:
        results = endpoint.results
        queries = str(results["queries"])
        if "fewer_rows_queries" in results:
            queries += f" ({results['fewer_rows_queries']})"
        target, met = verdict(endpoint)
        lines.append(
            (
                endpoint.label,
                f"{results['p50']:.0f}",
                f"{results['p95']:.0f}",
                f"{results['rps']:.1f}",
                queries,
                target,
                met,
            )
        )
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(7)]

    def show(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.ljust(width) if column in (0, 5, 6) else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    print()
    print(show(header))
    print(show(tuple("-" * width for width in widths)))
    for line in lines:
        print(show(line))


def print_plans(credentials: Credentials, rows: list[Endpoint]) -> None:
    technician = credentials.person("technician")
    with CaptureQueriesContext(connection) as captured:
        list(selectors.team_queue(technician, now=timezone.now())[:50])
    sql, took, _ = slowest_query(captured)
    explain(f"The team queue's first 50 rows, by due ({took:.1f} ms in-process)", sql)

    dashboards = [endpoint for endpoint in rows if endpoint.dashboard]
    heaviest = max(dashboards, key=lambda endpoint: endpoint.results["p95"])
    send = in_process(credentials, heaviest)
    with CaptureQueriesContext(connection) as captured:
        send()
    sql, took, total = slowest_query(captured)
    explain(
        f"The heaviest dashboard ({heaviest.label}): its slowest of {len(captured)} "
        f"queries ({took:.1f} ms in-process; its SELECTs take {total:.1f} ms together)",
        sql,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="large", choices=["small", "standard", "large"])
    parser.add_argument(
        "--history",
        type=int,
        default=None,
        help="Requests of history to seed (load_demo_district's --history; its default by size).",
    )
    parser.add_argument("--reuse", action="store_true", help="Measure what is already loaded.")
    parser.add_argument("--requests-per-endpoint", type=int, default=200)
    parser.add_argument("--warm-up", type=int, default=20, help="Unmeasured requests first.")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
    options = parser.parse_args()
    if shutil.which("ab") is None:
        raise SystemExit("ApacheBench is missing: apt-get install -y apache2-utils")
    # Ctrl-C (even where a shell started us ignoring it) and a polite stop (kill <pid>)
    # unwind through the finally below, which stops the server.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    prepare_database(options.size, options.history, options.reuse)
    print_counts()
    credentials = Credentials()
    rows = endpoints(credentials)

    print("\nCounting queries in-process (one warm call each)…")
    for endpoint in rows:
        endpoint.results["queries"] = count_queries(credentials, endpoint)
        if endpoint.fewer_rows_path:
            endpoint.results["fewer_rows_queries"] = count_queries(
                credentials, endpoint, endpoint.fewer_rows_path
            )
    connection.close()  # the server's workers are the ones using the database now

    shown = ", ".join(
        f"{name}={value}"
        for name, value in SERVER_ENVIRONMENT.items()
        if name not in ("DJANGO_SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    )
    print(
        f"\nServing with gunicorn ({options.workers} sync workers) on loopback; settings: "
        f"{shown}, DJANGO_SECRET_KEY=<random per run>, "
        f"DATABASE_CONN_MAX_AGE={settings.DATABASES['default']['CONN_MAX_AGE']}."
    )
    print(
        f"ab: {options.requests_per_endpoint} requests per endpoint at concurrency "
        f"{options.concurrency}, after {options.warm_up} unmeasured; reads first, then writes."
    )
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "gunicorn.log"
        server, base = start_gunicorn(options.workers, log)
        try:
            # Reads first: the writes add requests to what the technician's lists show.
            for endpoint in sorted(rows, key=lambda endpoint: endpoint.method == "POST"):
                load(
                    base,
                    credentials,
                    endpoint,
                    options.requests_per_endpoint,
                    options.concurrency,
                    options.warm_up,
                )
        finally:
            stop_gunicorn(server)
            errors = log.read_text().strip()
            if errors:
                print(f"\ngunicorn said:\n{errors[-5000:]}")

    dashboards = [endpoint for endpoint in rows if endpoint.dashboard]
    heaviest = max(dashboards, key=lambda endpoint: endpoint.results["p95"])
    heaviest.p95_target = HEAVIEST_DASHBOARD_P95_MS
    heaviest.label += " [heaviest]"
    print_table(rows)
    print(
        f"""
- queries: counted in-process (the second call); in brackets, the same list with fewer
  rows (the queue filtered to waiting, the API at page_size 5, the asset list to lost):
  equal means the count does not grow with the rows.
- The queue page shows {QUEUE_PAGE_SIZE} rows (service_requests.queue_views.QUEUE_PAGE_SIZE);
  the EXPLAIN below is of the queue's first 50.
- Latency is ab's, at concurrency {options.concurrency} over {options.workers} sync workers:
  a request may wait for another to finish first. ab and PostgreSQL share the machine.
- The portal form answers with its redirect to the new request (302, not followed).
- ab sends one body, so each scan is the same tag without a client_id: the first answers
  verified (or misplaced), the rest already_scanned, each recorded as a new scan (201).
  With a client_id, a repeat is answered from the first scan and writes nothing."""
    )
    print_plans(credentials, rows)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        raise SystemExit("Interrupted; the server was stopped.") from None
