"""The embedded default's engine: with no Redis (no Celery workers), the development server
runs tick() every NOTIFICATIONS_TICK_SECONDS on one daemon thread, so a newcomer sees mail
and reminders with no extra command. See docs/adr/001-background-engine.md."""

import logging
import os
import sys
import threading

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)

_started = threading.Event()


def serving_without_workers() -> bool:
    """True only in the process that serves `manage.py runserver` pages (the autoreloader's
    child, or the only process with --noreload) while no Celery broker is configured."""
    if settings.CELERY_BROKER_URL or not settings.NOTIFICATIONS_IN_PROCESS:
        return False
    if len(sys.argv) < 2 or sys.argv[1] != "runserver":
        return False
    return os.environ.get("RUN_MAIN") == "true" or "--noreload" in sys.argv


def run_forever(stop: threading.Event) -> None:
    from districtdesk.notifications.services.engine import tick

    while not stop.wait(settings.NOTIFICATIONS_TICK_SECONDS):
        try:
            tick(timezone.now())
        except Exception:  # keep ticking: the next run retries whatever failed
            logger.exception("The in-process tick failed.")
        finally:
            close_old_connections()


def start_if_serving() -> None:
    if _started.is_set() or not serving_without_workers():
        return
    _started.set()
    threading.Thread(
        target=run_forever, args=(threading.Event(),), name="districtdesk-tick", daemon=True
    ).start()
    logger.info("Notifications: ticking in-process every %ss.", settings.NOTIFICATIONS_TICK_SECONDS)
