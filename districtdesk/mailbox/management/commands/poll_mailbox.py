"""Read the help desk mailbox once, or every few seconds with --every: for operators, and
for a machine that runs no tick."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from districtdesk.mailbox.services.polling import MailboxError, poll


class Command(BaseCommand):
    help = "File the unread messages of the help desk mailbox (IMAP) as requests and replies."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--every", type=int, default=0, help="Repeat every N seconds until stopped."
        )

    def handle(self, *args, every: int, **options) -> None:
        if not settings.MAILBOX_IMAP_HOST:
            raise CommandError("Set MAILBOX_IMAP_HOST to poll a mailbox (docs/mailbox.md).")
        while True:
            try:
                report = poll(timezone.now())
            except (MailboxError, OSError) as error:
                raise CommandError(f"The mailbox could not be read: {error}") from error
            outcomes = "".join(f", {name} {count}" for name, count in report.outcomes.items())
            self.stdout.write(
                f"received {report.received}{outcomes}, already filed {report.duplicates}, "
                f"failed {report.failed}"
            )
            if every <= 0:
                return
            time.sleep(every)
