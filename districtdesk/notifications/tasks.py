"""Celery tasks: thin wrappers around the services, each safe to run twice."""

from django.utils import timezone

from districtdesk.celery import app
from districtdesk.notifications.services.delivery import deliver_due
from districtdesk.notifications.services.engine import tick


@app.task(name="notifications.tick")
def run_tick() -> dict:
    report = tick(timezone.now())
    return {"reminders": report.reminders, **report.jobs, "sent": report.delivery.sent}


@app.task(name="notifications.deliver")
def deliver() -> int:
    return deliver_due(timezone.now()).sent
