"""What an analyst does with a held message: make it a request for the person they
choose, or discard it with a reason. Each step locks the message, checks that it is still
held (two analysts on the same message: the second is told it was already handled), and
writes its event."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, Person
from districtdesk.mailbox import policies
from districtdesk.mailbox.models import InboundMessage
from districtdesk.mailbox.parsing import parse
from districtdesk.mailbox.services import filing
from districtdesk.service_requests.models import ServiceRequest

Outcome = InboundMessage.Outcome


def _lock_held(message: InboundMessage, *, actor: Person, becomes: str) -> InboundMessage:
    if not policies.can_handle_mail(actor):
        raise DomainError(_("You may not handle the help desk's mail."), code="not_allowed")
    message = InboundMessage.objects.select_for_update().get(pk=message.pk)
    if not message.can_become(becomes):
        raise DomainError(
            _("This email was already handled: it is now “%(outcome)s”.")
            % {"outcome": message.get_outcome_display()},
            code="not_held",
        )
    return message


@transaction.atomic
def create_request_from_held(
    message: InboundMessage,
    *,
    actor: Person,
    requester: Person,
    campus: Campus | None = None,
    summary: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    """The held email becomes a request (channel email) for `requester`, entered by the
    analyst, at `campus` (the requester's home campus when not given), with its files."""
    message = _lock_held(message, actor=actor, becomes=Outcome.CREATED)
    now = now or timezone.now()
    campus = campus or requester.home_campus
    if campus is None:
        raise DomainError(
            _("%(name)s has no home campus: choose one.") % {"name": requester},
            code="campus_required",
            field="campus",
        )
    parsed = parse(bytes(message.raw))
    request, refused = filing.new_request(
        parsed, actor=actor, requester=requester, campus=campus, summary=summary, now=now
    )
    message.outcome = Outcome.CREATED
    message.request = request
    message.handled_by = actor
    message.handled_at = now
    message.detail = "\n".join(refused)
    message.save(update_fields=["outcome", "request", "handled_by", "handled_at", "detail"])
    record_event(
        message,
        actor=actor,
        code="mailbox.request_created",
        occurred_at=now,
        number=request.number,
        requester=str(requester),
    )
    return request


@transaction.atomic
def discard_held(
    message: InboundMessage, *, actor: Person, reason: str, now: datetime | None = None
) -> InboundMessage:
    """Spam, a duplicate the sender sent twice, a message for another department: kept on
    record with the reason, never made a request."""
    message = _lock_held(message, actor=actor, becomes=Outcome.DISCARDED)
    if not reason.strip():
        raise DomainError(
            _("Say why the email is discarded."), code="reason_required", field="reason"
        )
    now = now or timezone.now()
    message.outcome = Outcome.DISCARDED
    message.handled_by = actor
    message.handled_at = now
    message.detail = reason.strip()
    message.save(update_fields=["outcome", "handled_by", "handled_at", "detail"])
    record_event(
        message,
        actor=actor,
        code="mailbox.discarded",
        occurred_at=now,
        sender=message.sender_address,
        reason=message.detail,
    )
    return message
