"""manage.py rebuild_tallies: count every closed request into the reports' stored tallies
again (service_requests/tally.py), e.g. after restoring requests from a backup by SQL."""

import time

from django.core.management.base import BaseCommand
from django.db.models import Sum

from districtdesk.service_requests.models import IntakeTally, ServiceRequest, TargetTally
from districtdesk.service_requests.tally import rebuild_tallies


class Command(BaseCommand):
    help = (
        "Count every closed request into the stored tallies the reports read, replacing "
        "what they held. Requests close meanwhile wait for it, then count themselves."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        rebuild_tallies()
        closed = ServiceRequest.objects.filter(status=ServiceRequest.Status.CLOSED).count()
        counted = IntakeTally.objects.aggregate(requests=Sum("requests"))["requests"] or 0
        targets = TargetTally.objects.aggregate(met=Sum("met"), breached=Sum("breached"))
        self.stdout.write(
            f"Counted {counted:,} of {closed:,} closed requests and "
            f"{(targets['met'] or 0) + (targets['breached'] or 0):,} of their targets "
            f"in {time.perf_counter() - started:.1f} s."
        )
