"""The periodic work in one idempotent function: Celery beat calls it in production, the
in-process ticker on the embedded default, `manage.py run_tick` anywhere."""

from dataclasses import dataclass
from datetime import datetime

from districtdesk.core import periodic
from districtdesk.notifications.services.delivery import DeliveryReport, deliver_due
from districtdesk.notifications.services.reminders import send_reminders


@dataclass(frozen=True)
class TickReport:
    reminders: int
    jobs: dict[str, int]
    delivery: DeliveryReport


def tick(now: datetime) -> TickReport:
    """Give the reminders due at `now`, run every app's periodic job (core.periodic), then
    deliver what is due (what they wrote too). Running it twice, or on two machines at once,
    sends nothing twice."""
    reminders = send_reminders(now)
    jobs = periodic.run_all(now)
    return TickReport(reminders=reminders, jobs=jobs, delivery=deliver_due(now))
