"""How fast is the asset list at a large district's size?

Loads the demo district (standard size by default) into the database DATABASE_URL names,
adds N demo assets in bulk (default 150,000, the large demo size), then times the asset
list — the HTML page and the API list, unfiltered, by campus, by status and by a tag
search — as the inventory specialist (every asset) and a campus technician (the campuses
their team serves) see it, and prints p50/p95 and query counts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/districtdesk_bench \\
        .venv/bin/python bench/inventory.py --assets 150000

The database is emptied first (migrate, flush): point it at a database kept for benchmarks.
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
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from districtdesk.core.models import Campus, Person, Role  # noqa: E402
from districtdesk.inventory.demo_assets import load_demo_assets  # noqa: E402
from districtdesk.inventory.models import Asset  # noqa: E402


def timed(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    durations, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            durations.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries = len(captured.captured_queries)
    durations.sort()
    p95 = durations[max(0, round(0.95 * len(durations)) - 1)]
    return statistics.median(durations), p95, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assets", type=int, default=150_000)
    parser.add_argument("--size", default="standard", choices=["small", "standard", "large"])
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_demo_district", size=options.size, requests=0, assets=0, verbosity=0)
    started = time.perf_counter()
    load_demo_assets(count=options.assets, seed=1, now=timezone.now())
    print(f"{Asset.objects.count():,} assets loaded in {time.perf_counter() - started:.1f} s")

    campus = Campus.objects.order_by("pk").first()
    tag_start = Asset.objects.order_by("bar_tag").values_list("bar_tag", flat=True)[500][:5]
    pages = [
        reverse("asset_list"),
        f"{reverse('asset_list')}?campus={campus.pk}",
        f"{reverse('asset_list')}?status=lost",
        f"{reverse('asset_list')}?q={tag_start}",
        reverse("asset-list"),
        f"{reverse('asset-list')}?campus={campus.pk}&status=in_repair",
        reverse("assetmove-list"),
    ]
    viewers = {
        "inventory": Person.objects.filter(role_assignments__role=Role.INVENTORY).first(),
        "technician": Person.objects.filter(
            role_assignments__role=Role.TECHNICIAN, team_memberships__team__campuses__isnull=False
        ).first(),
    }
    print(f"{'viewer':<11} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7}  url")
    for name, person in viewers.items():
        client = Client()
        client.force_login(person)
        for url in pages:
            p50, p95, queries = timed(client, url, options.repeat)
            print(f"{name:<11} {p50:7.1f} {p95:7.1f} {queries:7}  {url}")


if __name__ == "__main__":
    main()
