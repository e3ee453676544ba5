"""A real Celery worker against a real Redis runs the tick: the engine production uses.
Runs only where REDIS_URL is set (CI's PostgreSQL run); the embedded default has no broker."""

import time

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone

from districtdesk.notifications.models import Notification
from tests.notifications.builders import phoned_in
from tests.reference_data import restore_shipped_reference_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL,
        reason="needs Redis: set REDIS_URL (CI does) to run a real Celery worker",
    ),
]


def test_a_worker_runs_the_tick_task_and_delivers_the_outbox(people, smtp):
    from celery.contrib.testing.worker import start_worker

    from districtdesk.celery import app
    from districtdesk.notifications.tasks import run_tick

    # Given a phoned-in request whose three emails wait in the outbox (after any earlier
    # transactional test emptied what the migrations ship)
    restore_shipped_reference_data()
    phoned_in(people, now=timezone.now())
    assert Notification.objects.filter(channel="email", status="pending").count() == 3
    app.control.purge()  # nothing left over from an earlier run

    # When the task is queued on Redis and a worker picks it up
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        run_tick.delay()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(smtp.inbox.messages) < 3:
            time.sleep(0.2)
    connections.close_all()

    # Then every email went out once, through the worker
    assert len(smtp.inbox.messages) == 3
    assert Notification.objects.filter(channel="email", status="sent").count() == 3
