"""The Celery app for production's workers and beat (REDIS_URL set). It reads the CELERY_*
Django settings and declares the one periodic schedule; the tasks are thin wrappers in each
app's tasks.py. Run:  celery -A districtdesk worker   and, on one machine,   celery -A
districtdesk beat. Without Redis the development server ticks in-process instead
(districtdesk/notifications/ticker.py)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtdesk.settings")

app = Celery("districtdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The whole periodic schedule. Every entry is idempotent, so two beats (a failover left
# running) or a late run send nothing twice; expiry drops runs that queued up behind an
# outage instead of replaying them all.
app.conf.beat_schedule = {
    "tick": {
        "task": "notifications.tick",
        "schedule": 30.0,
        "options": {"expires": 25.0},
    },
}
