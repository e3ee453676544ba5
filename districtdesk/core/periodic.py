"""The periodic jobs of every app, run by one tick. An app registers its job when it is
ready (AppConfig.ready), so the engine that runs the tick (notifications) never imports the
apps above or beside it. Every job takes "now" and answers how many things it did; every
job must be idempotent: two ticks at once, or one run twice, do each thing once."""

import logging
from collections.abc import Callable
from datetime import datetime

Job = Callable[[datetime], int]
logger = logging.getLogger(__name__)

_jobs: dict[str, Job] = {}


def register(name: str, job: Job) -> None:
    """Add (or, on a second registration under the same name, replace) a periodic job."""
    _jobs[name] = job


def run_all(now: datetime) -> dict[str, int]:
    """Run every registered job in registration order; each job's count by its name.

    A job that fails is logged and left out of the counts, and the others still run (the
    delivery after them too): one unreachable mail server must not stop the reminders. Its
    work is retried by the next tick, as every job is idempotent.
    """
    counts = {}
    for name, job in _jobs.items():
        try:
            counts[name] = job(now)
        except Exception:
            logger.exception("Periodic job %s failed at %s; the next tick tries again", name, now)
    return counts
