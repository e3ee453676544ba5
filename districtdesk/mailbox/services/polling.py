"""Polling the help desk mailbox over IMAP.

Each unread message is fetched without marking it read (BODY.PEEK), filed in its own
transaction, and only then marked \\Seen (and moved to the processed folder, if one is
set). A crash between the commit and the mark leaves it unread: the next poll reads it
again, finds its Message-ID already filed, and only marks it."""

import imaplib
import logging
import re
import ssl
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache

from districtdesk.mailbox.models import InboundMessage
from districtdesk.mailbox.services.receiving import Receipt, receive_message

logger = logging.getLogger(__name__)

SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
POLL_GUARD = "mailbox.poll"


class MailboxError(Exception):
    """The IMAP server said no (a login refused, a folder missing)."""


@dataclass
class PollReport:
    received: int = 0
    duplicates: int = 0
    failed: int = 0
    outcomes: Counter = field(default_factory=Counter)

    def add(self, receipt: Receipt) -> None:
        if receipt.duplicate:
            self.duplicates += 1
        else:
            self.received += 1
            self.outcomes[receipt.message.outcome] += 1


def _ok(answer: tuple[str, list], doing: str) -> list:
    status, data = answer
    if status != "OK":
        detail = b" ".join(item for item in data if isinstance(item, bytes)).decode(
            errors="replace"
        )
        raise MailboxError(f"{doing}: {status} {detail}".strip())
    return data


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def connect() -> imaplib.IMAP4:
    """A signed-in connection to the mailbox, over TLS unless told otherwise."""
    host, port = settings.MAILBOX_IMAP_HOST, settings.MAILBOX_IMAP_PORT
    timeout = settings.MAILBOX_IMAP_TIMEOUT
    security = settings.MAILBOX_IMAP_SECURITY
    if security == "ssl":
        imap = imaplib.IMAP4_SSL(
            host, port, ssl_context=ssl.create_default_context(), timeout=timeout
        )
    else:
        imap = imaplib.IMAP4(host, port, timeout=timeout)
        if security == "starttls":
            imap.starttls(ssl.create_default_context())
    try:
        _ok(imap.login(settings.MAILBOX_IMAP_USER, settings.MAILBOX_IMAP_PASSWORD), "LOGIN")
    except imaplib.IMAP4.error as error:
        imap.shutdown()
        raise MailboxError(f"LOGIN: {error}") from error
    return imap


def unseen(imap: imaplib.IMAP4) -> list[bytes]:
    """Select the folder; the UIDs of its unread messages, oldest first."""
    _ok(imap.select(_quoted(settings.MAILBOX_IMAP_FOLDER)), "SELECT")
    data = _ok(imap.uid("SEARCH", None, "UNSEEN"), "SEARCH")
    return data[0].split() if data and data[0] else []


def _literal(data: list) -> bytes:
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            return item[1]
    raise MailboxError("FETCH: the server sent no message")


def take(imap: imaplib.IMAP4, uid: bytes, *, now: datetime) -> Receipt:
    """Fetch one message without marking it read and file it (committed on return)."""
    data = _ok(imap.uid("FETCH", uid, "(RFC822.SIZE)"), "FETCH")
    found = SIZE.search(b" ".join(item for item in data if isinstance(item, bytes)))
    size = int(found.group(1)) if found else None
    if size is not None and size > settings.MAILBOX_MAX_MESSAGE_BYTES:
        raw = _literal(_ok(imap.uid("FETCH", uid, "(BODY.PEEK[HEADER])"), "FETCH"))
    else:
        raw = _literal(_ok(imap.uid("FETCH", uid, "(BODY.PEEK[])"), "FETCH"))
    return receive_message(raw, source=InboundMessage.Source.IMAP, now=now, size=size)


def mark_done(imap: imaplib.IMAP4, uid: bytes) -> None:
    """Mark the message read, and move it to the processed folder when one is set."""
    _ok(imap.uid("STORE", uid, "+FLAGS", "(\\Seen)"), "STORE")
    processed = settings.MAILBOX_IMAP_PROCESSED_FOLDER
    if not processed:
        return
    if "MOVE" in imap.capabilities:
        _ok(imap.uid("MOVE", uid, _quoted(processed)), "MOVE")
        return
    _ok(imap.uid("COPY", uid, _quoted(processed)), "COPY")
    _ok(imap.uid("STORE", uid, "+FLAGS", "(\\Deleted)"), "STORE")
    _ok(imap.expunge(), "EXPUNGE")


def poll(now: datetime, *, limit: int = 200) -> PollReport:
    """Read up to `limit` unread messages. Nothing to do without MAILBOX_IMAP_HOST."""
    report = PollReport()
    if not settings.MAILBOX_IMAP_HOST:
        return report
    imap = connect()
    try:
        for uid in unseen(imap)[:limit]:
            try:
                receipt = take(imap, uid, now=now)
            except (MailboxError, imaplib.IMAP4.abort, OSError):
                raise  # the connection is gone: the rest waits for the next poll
            except Exception:  # one bad message must not stop the mailbox; it stays unread
                logger.exception("Mailbox: message UID %s could not be filed.", uid.decode())
                report.failed += 1
                continue
            mark_done(imap, uid)
            report.add(receipt)
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError):
            logger.warning("Mailbox: the IMAP connection did not close cleanly.")
    return report


def poll_job(now: datetime) -> int:
    """The periodic job (core.periodic, run by every tick): polls at most every
    MAILBOX_POLL_SECONDS among the machines sharing the cache; never raises, so one
    unreachable mailbox does not stop the tick's other work."""
    if not settings.MAILBOX_IMAP_HOST:
        return 0
    if not cache.add(POLL_GUARD, now.isoformat(), timeout=settings.MAILBOX_POLL_SECONDS):
        return 0
    try:
        report = poll(now)
    except (MailboxError, imaplib.IMAP4.error, OSError):
        logger.exception("Mailbox: polling failed; it is tried again at the next poll.")
        return 0
    return report.received
