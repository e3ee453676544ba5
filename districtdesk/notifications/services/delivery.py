"""Delivering the outbox: claim the email that is due, send it, and record the outcome.

A claim is a conditional UPDATE that pushes the rows' next attempt forward by a lease, so
two workers never send the same row, and a worker that dies mid-send leaves its rows to be
tried again once the lease runs out (at least once; the stable Message-ID lets receivers
drop the rare duplicate). Failures back off exponentially; after the last attempt a row is
dead and waits for a person to look at it in the admin site, who sends it again (the
admin action "Send the selected dead notifications again") once the cause is fixed."""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F, Q

from districtdesk.notifications.models import Notification
from districtdesk.notifications.services.messages import digest_message, single_message

logger = logging.getLogger(__name__)

Status = Notification.Status
Channel = Notification.Channel
RETRYABLE = (Status.PENDING, Status.FAILED)


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: doubling from NOTIFICATIONS_RETRY_BASE_SECONDS, capped."""
    seconds = settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.NOTIFICATIONS_RETRY_MAX_SECONDS))


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


def claim(now: datetime, *, limit: int) -> list[int]:
    """Take up to `limit` due email rows for this worker; other workers skip them."""
    with transaction.atomic():
        due = Notification.objects.filter(
            ~Q(channel=Channel.IN_APP), status__in=RETRYABLE, next_attempt_at__lte=now
        ).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True)[:limit])
        # SQLite has no row locks; its IMMEDIATE transactions already serialise claims.
        Notification.objects.filter(pk__in=ids, status__in=RETRYABLE).update(
            attempts=F("attempts") + 1,
            next_attempt_at=now + timedelta(seconds=settings.NOTIFICATIONS_CLAIM_LEASE_SECONDS),
        )
    return ids


def _record(rows: list[Notification], error: str, now: datetime, report: DeliveryReport) -> None:
    ids = [row.pk for row in rows]
    if not error:
        Notification.objects.filter(pk__in=ids).update(
            status=Status.SENT, sent_at=now, next_attempt_at=None, last_error=""
        )
        report.sent += len(rows)
        return
    attempts = rows[0].attempts
    if attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        Notification.objects.filter(pk__in=ids).update(
            status=Status.DEAD, next_attempt_at=None, last_error=error
        )
        report.dead += len(rows)
    else:
        Notification.objects.filter(pk__in=ids).update(
            status=Status.FAILED, next_attempt_at=now + backoff(attempts), last_error=error
        )
        report.failed += len(rows)
    report.errors.append(error)


def deliver_due(now: datetime, *, limit: int = 200) -> DeliveryReport:
    """Send every email notification whose time has come, singly or as daily digests.
    Idempotent: a sent row is never claimed again."""
    report = DeliveryReport()
    ids = claim(now, limit=limit)
    if not ids:
        return report
    rows = list(
        Notification.objects.filter(pk__in=ids)
        .select_related("recipient", "event__actor", "event__subject_type")
        .prefetch_related("event__subject")
        .order_by("pk")
    )
    batches: list[list[Notification]] = []
    digests: dict[int, list[Notification]] = defaultdict(list)
    for row in rows:
        if row.channel == Channel.DIGEST:
            digests[row.recipient_id].append(row)
        else:
            batches.append([row])
    batches.extend(digests.values())
    mail = get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT)
    try:
        for batch in batches:
            error = _send(mail, batch)
            _record(batch, error, now, report)
    finally:
        try:
            mail.close()
        except Exception:  # a relay that vanished mid-run; each row already knows its outcome
            logger.warning("The mail connection did not close cleanly.", exc_info=True)
    return report


def _send(mail, batch: list[Notification]) -> str:
    """'' on success, else the error to keep on the rows."""
    try:
        message = (
            digest_message(batch)
            if len(batch) > 1 or batch[0].channel == Channel.DIGEST
            else single_message(batch[0])
        )
        message.connection = mail
        message.send()
    except Exception as error:  # any failure of one message must not stop the others
        logger.warning("Notification delivery failed for %s", [row.pk for row in batch])
        return f"{type(error).__name__}: {error}"[:2000]
    return ""
