"""Receiving one message, from the IMAP poller or the inbound webhook: the same steps for
both. Its row is written first, under its unique Message-ID, and the request or reply it
becomes is written in the same transaction; a message received again (a crash before it
was marked read, a retried webhook, both paths at once) finds its row and does nothing."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.mailbox import selectors
from districtdesk.mailbox.models import InboundMessage
from districtdesk.mailbox.parsing import ParsedMessage, parse
from districtdesk.mailbox.services import filing
from districtdesk.service_requests import policies as request_policies

logger = logging.getLogger(__name__)

Outcome = InboundMessage.Outcome
HoldReason = InboundMessage.HoldReason


@dataclass(frozen=True)
class Receipt:
    message: InboundMessage
    duplicate: bool  # it had been received before; nothing was done this time


def _header_only(raw: bytes) -> bytes:
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        end = raw.find(b"\n\n")
    return raw if end < 0 else raw[: end + 4]


def receive_message(raw: bytes, *, source: str, now: datetime, size: int | None = None) -> Receipt:
    """File one message. `size` is the message's full size when only its header was fetched
    (a message over MAILBOX_MAX_MESSAGE_BYTES, refused without reading it)."""
    size = len(raw) if size is None else size
    too_large = size > settings.MAILBOX_MAX_MESSAGE_BYTES
    if too_large:
        raw = _header_only(raw)
    parsed = parse(raw)
    existing = InboundMessage.objects.filter(message_id=parsed.message_id).first()
    if existing is not None:
        return Receipt(existing, duplicate=True)
    try:
        with transaction.atomic():
            message = InboundMessage.objects.create(
                message_id=parsed.message_id,
                source=source,
                sender_address=parsed.sender_address,
                sender_name=parsed.sender_name,
                subject=parsed.subject,
                received_at=now,
                raw_size=size,
                outcome=Outcome.REFUSED,
                raw=raw,
            )
            _file(message, parsed, too_large=too_large, now=now)
    except IntegrityError:
        # Another worker filed the same message first, between our look and our insert.
        existing = InboundMessage.objects.filter(message_id=parsed.message_id).first()
        if existing is None:
            raise
        return Receipt(existing, duplicate=True)
    return Receipt(message, duplicate=False)


def _file(
    message: InboundMessage, parsed: ParsedMessage, *, too_large: bool, now: datetime
) -> None:
    if too_large:
        message.detail = _("The message is %(size)s, over the %(limit)s limit.") % {
            "size": filesizeformat(message.raw_size),
            "limit": filesizeformat(settings.MAILBOX_MAX_MESSAGE_BYTES),
        }
    elif not parsed.sender_address:
        message.detail = _("The message names no single sender's address.")
    elif parsed.automatic:
        message.outcome = parsed.automatic
    else:
        _file_from_person(message, parsed, now=now)
    message.save(update_fields=["outcome", "hold_reason", "detail", "sender", "request"])
    if message.outcome == Outcome.HELD:
        record_event(
            message,
            actor=None,
            code="mailbox.held",
            occurred_at=now,
            sender=message.sender_address,
        )


def _hold(message: InboundMessage, reason: str, detail: str = "") -> None:
    message.outcome = Outcome.HELD
    message.hold_reason = reason
    message.detail = detail


def _file_from_person(message: InboundMessage, parsed: ParsedMessage, *, now: datetime) -> None:
    person = Person.objects.filter(email__iexact=parsed.sender_address).first()
    message.sender = person
    if person is None:
        return _hold(message, HoldReason.UNKNOWN_SENDER)
    if not person.is_active:
        return _hold(message, HoldReason.INACTIVE_SENDER)
    answers, request = selectors.replied_request(parsed)
    if answers and (
        request is None
        or not (person == request.requester or request_policies.can_work(person, request))
    ):
        # Never thread onto a request the sender may not write on, nor say whether it exists.
        return _hold(message, HoldReason.REPLY_NOT_ALLOWED)
    if not answers and person.home_campus_id is None:
        return _hold(message, HoldReason.NO_CAMPUS)
    try:
        with transaction.atomic(), translation.override(person.language):
            if answers:
                _note, refused = filing.reply(parsed, request, actor=person, now=now)
                message.outcome, message.request = Outcome.THREADED, request
            else:
                created, refused = filing.new_request(
                    parsed, actor=person, requester=person, campus=person.home_campus, now=now
                )
                message.outcome, message.request = Outcome.CREATED, created
            message.detail = "\n".join(refused)
    except DomainError as error:
        # A workflow rule said no (the savepoint undid the step): a person decides.
        message.request = None
        _hold(message, HoldReason.REFUSED_BY_RULE, error.message)
