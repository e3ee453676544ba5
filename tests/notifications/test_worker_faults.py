"""A Celery worker killed mid-delivery loses nothing: a real worker process, started on its
own queue against the test database and a relay that hangs in DATA, is SIGKILLed while it
sends; the outbox rows it claimed wait out their lease, then a fresh worker sends each
message exactly once. Runs only where REDIS_URL is set (CI's PostgreSQL run), like
test_worker.py; the database must be one a second process can open (not in-memory SQLite)."""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from districtdesk.notifications.models import Notification
from districtdesk.notifications.services.delivery import deliver_due
from tests.notifications.builders import phoned_in
from tests.reference_data import restore_shipped_reference_data


def _in_memory_database() -> bool:
    name = str(connection.settings_dict["TEST"].get("NAME") or "")
    return connection.vendor == "sqlite" and (not name or "memory" in name)


pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL,
        reason="needs Redis: set REDIS_URL (CI does) to run a real Celery worker",
    ),
    pytest.mark.skipif(
        _in_memory_database(),
        reason="a worker process cannot open an in-memory SQLite test database",
    ),
]

# The worker process's claim lease: short, so the test waits it out in seconds.
LEASE_SECONDS = 3
# A fresh worker restores a message left unacknowledged this long (production: one hour);
# shorter than the lease the test waits out, longer than a delivery run takes.
SHORT_VISIBILITY = {
    "visibility_timeout": 2,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
EMAILS = 3  # a phoned-in request tells three people by email


def database_url_for_workers() -> str:
    """DATABASE_URL for the test database this test writes to (not the configured one)."""
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(conf['NAME']).resolve()}"
    assert connection.vendor == "postgresql", f"no URL for {connection.vendor}"
    user = quote(conf["USER"] or "", safe="")
    if conf["PASSWORD"]:
        user += ":" + quote(conf["PASSWORD"], safe="")
    host = conf["HOST"] or ""
    if conf["PORT"]:
        host += f":{conf['PORT']}"
    options = {
        key: value
        for key, value in (conf.get("OPTIONS") or {}).items()
        if isinstance(value, str | int)
    }
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{user}@{host}/{quote(conf['NAME'], safe='')}{query}"


@contextmanager
def worker_process(queue: str, *, smtp_port: int, log: Path) -> Iterator[subprocess.Popen]:
    """`celery -A districtdesk worker` in its own process group, consuming only `queue`,
    configured through the environment as production is: the test database, the test's Redis,
    the given loopback SMTP server and a short claim lease. Killed, whatever happens."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "districtdesk.settings",
        "DATABASE_URL": database_url_for_workers(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "120",  # longer than the test: stuck until killed, never timed out
        "NOTIFICATIONS_CLAIM_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "districtdesk",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        f"--queues={queue}",
        f"--hostname={queue}@%h",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command line, no shell
            command,
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as one
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def wait_for(condition: Callable[[], bool], *, seconds: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            detail = f"\n--- worker log ---\n{log.read_text()[-4000:]}" if log else ""
            pytest.fail(f"timed out after {seconds} s waiting until {what}{detail}")
        time.sleep(0.05)


def sigkill_while_sending(process: subprocess.Popen, relay, log: Path) -> list[Notification]:
    """Wait until the worker is stuck sending (its claim committed before it connected), then
    SIGKILL its process group; the outbox rows as the dead worker left them."""

    def stuck() -> bool:
        if process.poll() is not None:
            pytest.fail(f"the worker exited early\n{log.read_text()[-4000:]}")
        return relay.sending.is_set()

    wait_for(stuck, seconds=40, what="the worker is sending through the hanging relay", log=log)
    os.killpg(process.pid, signal.SIGKILL)
    assert process.wait(timeout=10) == -signal.SIGKILL
    return list(Notification.objects.filter(channel="email").order_by("pk"))


def assert_claimed_and_kept(rows: list[Notification], *, queued_at: datetime) -> datetime:
    """Nothing is lost: every row is still waiting, with one attempt counted and pushed
    forward by the worker's lease from its claim (after the task was queued, before the
    kill); the end of that lease is returned."""
    lease = timedelta(seconds=LEASE_SECONDS)
    assert len(rows) == EMAILS
    assert {row.status for row in rows} == {Notification.Status.PENDING}
    assert all(row.attempts == 1 and row.sent_at is None for row in rows)
    lease_end = min(row.next_attempt_at for row in rows)
    assert queued_at + lease <= lease_end <= timezone.now() + lease
    # While the lease holds, no other worker takes them (a pinned time: no race with the clock).
    assert deliver_due(lease_end - timedelta(seconds=1)).sent == 0
    assert (
        list(Notification.objects.filter(channel="email").values_list("attempts", flat=True))
        == [1] * EMAILS
    )
    return lease_end


def wait_out(lease_end: datetime) -> None:
    time.sleep(max(0.0, (lease_end - timezone.now()).total_seconds()) + 0.05)


@contextmanager
def fresh_worker(app, queue: str) -> Iterator[list]:
    """A Celery worker in this process (test_worker.py's kind) on `queue`, restoring
    unacknowledged messages after two seconds; yields the tasks it ran."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    ran: list = []

    def record(sender=None, task_id=None, task=None, **kwargs):
        ran.append(
            {"id": task_id, "redelivered": bool(task.request.delivery_info.get("redelivered"))}
        )

    task_postrun.connect(record, weak=False)
    previous = app.conf.broker_transport_options
    app.conf.broker_transport_options = {**(previous or {}), **SHORT_VISIBILITY}
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING", queues=[queue]
        ):
            yield ran
    finally:
        app.conf.broker_transport_options = previous
        task_postrun.disconnect(record)
        connections.close_all()


def delete_queue(app, queue: str) -> None:
    from kombu import Exchange, Queue

    with app.connection_for_write() as conn:
        bound = Queue(queue, Exchange(queue, type="direct"), routing_key=queue)(
            conn.default_channel
        )
        bound.declare()
        bound.delete()


def message_ids(inbox) -> Counter:
    return Counter(message["Message-ID"] for message in inbox.messages)


@pytest.fixture
def queue():
    """A queue of the test's own, so no other worker takes its task; deleted afterwards."""
    from districtdesk.celery import app

    name = f"districtdesk-faults-{uuid.uuid4().hex[:12]}"
    yield name
    delete_queue(app, name)


@pytest.fixture
def outbox(people) -> list[int]:
    """A phoned-in request whose three emails wait in the outbox (reference data put back
    after any earlier transactional test emptied it)."""
    restore_shipped_reference_data()
    phoned_in(people, now=timezone.now())
    rows = Notification.objects.filter(channel="email", status="pending")
    assert rows.count() == EMAILS
    return list(rows.values_list("pk", flat=True))


def test_rows_a_killed_worker_claimed_are_sent_once_after_their_lease(
    outbox, queue, smtp, hanging_smtp, tmp_path
):
    """The outbox's guarantee, whatever the broker does: a claim only leases the rows, so a
    worker that dies mid-send leaves them pending, untouchable until the lease ends, and the
    next delivery run (the tick's last step) sends each exactly once."""
    from districtdesk.celery import app
    from districtdesk.notifications.tasks import deliver

    log = tmp_path / "worker.log"

    # Given a worker process that claimed the three rows and hangs sending the first
    with worker_process(queue, smtp_port=hanging_smtp.port, log=log) as process:
        queued_at = timezone.now()
        first = deliver.apply_async(queue=queue)
        # When it is killed there
        rows = sigkill_while_sending(process, hanging_smtp.relay, log)

    # Then nothing is lost, nor taken by another worker while the lease holds
    lease_end = assert_claimed_and_kept(rows, queued_at=queued_at)

    # And once the lease has passed, a fresh worker and the next delivery run send every
    # message once, against a working relay, though the killed worker's task runs again too
    wait_out(lease_end)
    with fresh_worker(app, queue) as ran:
        second = deliver.apply_async(queue=queue)
        wait_for(
            lambda: {first.id, second.id} <= {request["id"] for request in ran},
            seconds=30,
            what="both delivery tasks ran",
        )

    assert len(smtp.inbox.messages) == EMAILS
    assert set(message_ids(smtp.inbox).values()) == {1}
    assert len(message_ids(smtp.inbox)) == EMAILS
    sent = Notification.objects.filter(pk__in=outbox, status=Notification.Status.SENT)
    assert sent.count() == EMAILS
    assert set(sent.values_list("attempts", flat=True)) == {2}


def test_a_late_acknowledged_task_is_redelivered_after_its_worker_is_killed(
    outbox, queue, smtp, hanging_smtp, tmp_path
):
    """The broker's guarantee: tasks are acknowledged only after they ran
    (CELERY_TASK_ACKS_LATE), so a task whose worker is SIGKILLed mid-run stays unacknowledged
    in Redis and the next worker runs the same message again; no task is queued anew here.

    With the solo pool the whole worker dies, so nothing is left to reject the message:
    what brings it back is Redis's visibility timeout (a live worker restores unacknowledged
    messages older than it; one hour by default, two seconds for this test's fresh worker).
    CELERY_TASK_REJECT_ON_WORKER_LOST is for the prefork pool, where the surviving parent
    re-queues a dead child's task at once. A redelivered `notifications.tick` older than its
    25-second expiry is dropped instead: the next tick then sends the rows, as the test above
    shows."""
    from districtdesk.celery import app
    from districtdesk.notifications.tasks import deliver

    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    log = tmp_path / "worker.log"

    # Given a worker process killed while its delivery task hangs on the relay
    with worker_process(queue, smtp_port=hanging_smtp.port, log=log) as process:
        queued_at = timezone.now()
        task = deliver.apply_async(queue=queue)
        rows = sigkill_while_sending(process, hanging_smtp.relay, log)
    lease_end = assert_claimed_and_kept(rows, queued_at=queued_at)

    # When a fresh worker starts on the queue, after the rows' lease
    wait_out(lease_end)
    with fresh_worker(app, queue) as ran:
        wait_for(
            lambda: Notification.objects.filter(pk__in=outbox, status="sent").count() == EMAILS,
            seconds=30,
            what="the rows are sent",
        )

    # Then the same task message ran again, marked redelivered, and sent every email once
    assert ran[0] == {"id": task.id, "redelivered": True}
    assert {request["id"] for request in ran} == {task.id}
    assert len(smtp.inbox.messages) == EMAILS
    assert set(message_ids(smtp.inbox).values()) == {1}
    assert len(message_ids(smtp.inbox)) == EMAILS
    assert set(Notification.objects.filter(pk__in=outbox).values_list("attempts", flat=True)) == {2}
