"""Run the periodic work once, or every few seconds with --every: for a machine without
Redis that serves with gunicorn (cron or a service unit), and for operators."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from districtdesk.notifications.services.engine import tick


class Command(BaseCommand):
    help = "Give due reminders and deliver due notifications (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--every", type=int, default=0, help="Repeat every N seconds until stopped."
        )

    def handle(self, *args, every: int, **options) -> None:
        while True:
            report = tick(timezone.now())
            delivery = report.delivery
            jobs = "".join(f", {name} {count}" for name, count in report.jobs.items())
            self.stdout.write(
                f"reminders {report.reminders}{jobs}, sent {delivery.sent}, "
                f"retrying {delivery.failed}, dead {delivery.dead}"
            )
            if every <= 0:
                return
            time.sleep(every)
