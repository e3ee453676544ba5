"""manage.py load_demo_district: fill an empty database with the invented demo district:
people and places (core), then service requests in every state (service_requests), assets
(inventory), three months of change control (changes) and technology requests from
submission to deployment (acquisitions)."""

import dataclasses
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from districtdesk.acquisitions.demo import load_demo_technology_requests
from districtdesk.changes.demo_changes import load_demo_changes
from districtdesk.core.demo_district.builder import (
    DEFAULT_SEED,
    DEMO_PASSWORD,
    SIZES,
    DemoDistrictSummary,
    DistrictNotEmptyError,
    load_demo_district,
)
from districtdesk.demo.change_history import NoRequestToAnswer, load_change_history
from districtdesk.demo.progress import ProgressBar
from districtdesk.demo.request_history import load_request_history
from districtdesk.inventory.demo_assets import load_demo_assets
from districtdesk.inventory.demo_audits import load_demo_audits
from districtdesk.inventory.demo_work_items import load_demo_work_items
from districtdesk.service_requests.demo_requests import load_demo_requests

# Service requests per size: enough that every queue and page has something real to show.
REQUESTS_BY_SIZE = {"small": 60, "standard": 300, "large": 600}
# Requests of history per size, drawn in bulk over three school years (see
# demo/request_history/): with the requests above, the large district holds a million.
HISTORY_BY_SIZE = {"small": 0, "standard": 0, "large": 999_400}
# Changes of history per size, with their weekly meetings, before the demo's own three
# months (see demo/change_history/); each answers a request of the request history, so a
# size without one has none. With the demo's own (about 45) the large district holds 5,000.
CHANGE_HISTORY_BY_SIZE = {"small": 0, "standard": 0, "large": 4_955}
# Assets per size: the large district is the size the asset list must stay fast at.
ASSETS_BY_SIZE = {"small": 2_000, "standard": 20_000, "large": 150_000}


class Command(BaseCommand):
    help = (
        "Load a believable, invented school district (campuses, rooms, departments, "
        "Technology Services teams, enterprise systems and staff) with one demo account "
        f"per role, all with the password '{DEMO_PASSWORD}'. The same --seed always gives "
        "the same district. Refuses a database that already holds campuses."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sizes = "; ".join(f"{name}: {size.description}" for name, size in SIZES.items())
        parser.add_argument(
            "--size", choices=list(SIZES), default="standard", help=f"District size ({sizes})."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed; the same seed gives identical rows (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--requests",
            type=int,
            default=None,
            help="How many service requests to create, in every state "
            f"(default by size: {REQUESTS_BY_SIZE}). Three months of change control come "
            "with them (each change answers a request); 0 leaves both out.",
        )
        parser.add_argument(
            "--history",
            type=int,
            default=None,
            help="How many requests of history to add in bulk over the last three school "
            f"years, before the ones above (default by size: {HISTORY_BY_SIZE}).",
        )
        parser.add_argument(
            "--change-history",
            type=int,
            default=None,
            help="How many changes of history to add in bulk, with their weekly meetings, "
            "over the last three school years before the demo's three months; they answer "
            f"requests of the history above (default by size: {CHANGE_HISTORY_BY_SIZE}).",
        )
        parser.add_argument(
            "--assets",
            type=int,
            default=None,
            help=f"How many inventory assets to create (default by size: {ASSETS_BY_SIZE}).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="If the database already holds campuses, say so and exit successfully "
            "instead of failing (for set-up scripts that run every time).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity: int = options["verbosity"]
        change_history = self._change_history_count(options)
        try:
            summary = load_demo_district(
                size=options["size"],
                seed=options["seed"],
                progress=self.stdout.write if verbosity else None,
            )
        except DistrictNotEmptyError as exc:
            if options["if_empty"]:
                if verbosity:
                    self.stdout.write(
                        f"Demo district already loaded ({exc.campus_count} campuses): "
                        "nothing to do."
                    )
                return
            raise CommandError(
                f"The database already holds {exc.campus_count} campuses; the demo district "
                "loads only into an empty one. Pass --if-empty to skip quietly, or start "
                "from a fresh database."
            ) from exc
        request_count = options["requests"]
        if request_count is None:
            request_count = REQUESTS_BY_SIZE[options["size"]]
        if request_count:
            if verbosity:
                self.stdout.write(
                    f"  Playing {request_count:,} service requests through their steps"
                )
            started = time.perf_counter()
            # The clock's "now" to the minute, so the same seed plays out the same way.
            now = timezone.now().replace(second=0, microsecond=0)
            by_status = load_demo_requests(count=request_count, seed=options["seed"], now=now)
            summary = dataclasses.replace(
                summary,
                totals={**summary.totals, "service requests": sum(by_status.values())},
                seconds=summary.seconds + time.perf_counter() - started,
            )
        history_count = options["history"]
        if history_count is None:
            history_count = HISTORY_BY_SIZE[options["size"]]
        if history_count:
            summary = self._load_history(summary, history_count, options["seed"], verbosity)
        asset_count = options["assets"]
        if asset_count is None:
            asset_count = ASSETS_BY_SIZE[options["size"]]
        if asset_count:
            if verbosity:
                self.stdout.write(
                    f"  Registering {asset_count:,} inventory assets and auditing four campuses"
                )
            started = time.perf_counter()
            now = timezone.now().replace(second=0, microsecond=0)
            by_status = load_demo_assets(count=asset_count, seed=options["seed"], now=now)
            # Four campuses' audits, each left in another phase, through the audit services.
            by_phase = load_demo_audits(seed=options["seed"], now=now)
            # Inventory work items (category 7) in every state, through their services.
            by_work_status = load_demo_work_items(seed=options["seed"], now=now)
            summary = dataclasses.replace(
                summary,
                totals={
                    **summary.totals,
                    "assets": sum(by_status.values()),
                    "audits": sum(by_phase.values()),
                    "inventory work items": sum(by_work_status.values()),
                },
                seconds=summary.seconds + time.perf_counter() - started,
            )
        if change_history:
            # Before the demo's own changes, so the history's numbers come first.
            summary = self._load_change_history(summary, change_history, options["seed"], verbosity)
        if request_count:
            if verbosity:
                self.stdout.write("  Playing three months of change control and its meetings")
            started = time.perf_counter()
            now = timezone.now().replace(second=0, microsecond=0)
            by_status = load_demo_changes(seed=options["seed"], now=now)
            summary = dataclasses.replace(
                summary,
                totals={**summary.totals, "changes": sum(by_status.values())},
                seconds=summary.seconds + time.perf_counter() - started,
            )
            if verbosity:
                self.stdout.write("  Playing technology requests from submission to deployment")
            started = time.perf_counter()
            by_status = load_demo_technology_requests(seed=options["seed"], now=now)
            summary = dataclasses.replace(
                summary,
                totals={**summary.totals, "technology requests": sum(by_status.values())},
                seconds=summary.seconds + time.perf_counter() - started,
            )
        if verbosity:
            self._write_summary(summary)

    def _load_history(
        self, summary: DemoDistrictSummary, count: int, seed: int, verbosity: int
    ) -> DemoDistrictSummary:
        started = time.perf_counter()
        bar = ProgressBar(self.stdout, f"  {count:,} requests of history", count)
        now = timezone.now().replace(second=0, microsecond=0)
        by_status = load_request_history(
            count=count,
            seed=seed,
            now=now,
            progress=bar.update if verbosity else None,
            say=(
                lambda line: self.stdout.write(f"  {line} ({time.perf_counter() - started:.0f} s)")
            )
            if verbosity
            else None,
        )
        total = summary.totals.get("service requests", 0) + sum(by_status.values())
        if verbosity:
            self.stdout.write(f"  History written in {time.perf_counter() - started:.1f} s")
        return dataclasses.replace(
            summary,
            totals={**summary.totals, "service requests": total},
            seconds=summary.seconds + time.perf_counter() - started,
        )

    def _change_history_count(self, options: dict[str, Any]) -> int:
        history = options["history"]
        if history is None:
            history = HISTORY_BY_SIZE[options["size"]]
        count = options["change_history"]
        if count is None:
            return CHANGE_HISTORY_BY_SIZE[options["size"]] if history else 0
        if count and not history:
            raise CommandError(
                "--change-history needs the request history (--history): each scheduled or "
                "emergency change answers one of its requests."
            )
        return count

    def _load_change_history(
        self, summary: DemoDistrictSummary, count: int, seed: int, verbosity: int
    ) -> DemoDistrictSummary:
        started = time.perf_counter()
        bar = ProgressBar(self.stdout, f"  {count:,} changes of history", count)
        try:
            by_status = load_change_history(
                count=count,
                seed=seed,
                now=timezone.now().replace(second=0, microsecond=0),
                progress=bar.update if verbosity else None,
                say=(
                    lambda line: self.stdout.write(
                        f"  {line} ({time.perf_counter() - started:.0f} s)"
                    )
                )
                if verbosity
                else None,
            )
        except NoRequestToAnswer as exc:
            raise CommandError(str(exc)) from exc
        if verbosity:
            self.stdout.write(f"  Change history written in {time.perf_counter() - started:.1f} s")
        return dataclasses.replace(
            summary,
            totals={
                **summary.totals,
                "changes": summary.totals.get("changes", 0) + sum(by_status.values()),
            },
            seconds=summary.seconds + time.perf_counter() - started,
        )

    def _write_summary(self, summary: DemoDistrictSummary) -> None:
        header = ("Username", "Role", "Name", "Campus")
        rows = [
            (account.username, account.role, account.name, account.campus)
            for account in summary.demo_accounts
        ]
        widths = [max(len(row[column]) for row in [header, *rows]) for column in range(4)]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD})")
        self.stdout.write(line(header).rstrip())
        self.stdout.write(line(tuple("-" * width for width in widths)))
        for row in rows:
            self.stdout.write(line(row).rstrip())
        self.stdout.write("")
        totals = ", ".join(f"{count:,} {label}" for label, count in summary.totals.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded in {summary.seconds:.1f} s: {totals}."))
