"""Fulfilment's paperwork (seed 002, step 3): the technology team enters the vendor's
quotes, the Business Office picks the funds (budget code, bond or non-bond) and records the
purchase order. The service request waits on the district while the Business Office has it,
and on the vendor until the order arrives."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.acquisitions import policies, workflow
from districtdesk.acquisitions.models import Quote, QuoteLine, TechnologyRequest
from districtdesk.acquisitions.services.common import advance, lock, require, required_text
from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory.models import Asset, AssetModel
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import linked

MAX_LINES = 50
TEAM_ONLY = _("Only the technology team working this request enters quotes.")


@dataclass(frozen=True)
class LineInput:
    description: str
    quantity: int
    unit_price: Decimal
    asset_model: AssetModel | None = None


def _check_lines(lines: list[LineInput]) -> None:
    if not lines:
        raise DomainError(_("A quote needs at least one line."), code="no_lines", field="lines")
    if len(lines) > MAX_LINES:
        raise DomainError(
            _("A quote has at most %(most)s lines.") % {"most": MAX_LINES},
            code="too_many_lines",
            field="lines",
        )
    for number, line in enumerate(lines, start=1):
        if not line.description.strip():
            message = _("Line %(n)s: describe the item.")
        elif line.quantity < 1:
            message = _("Line %(n)s: the quantity is at least 1.")
        elif line.unit_price < 0:
            message = _("Line %(n)s: the unit price cannot be negative.")
        elif line.asset_model is not None and not line.asset_model.is_active:
            message = _("Line %(n)s: that model is retired from the inventory catalogue.")
        else:
            continue
        raise DomainError(message % {"n": number}, code="invalid_line", field="lines")


@transaction.atomic
def add_quote(
    request: TechnologyRequest,
    *,
    actor: Person,
    vendor: str,
    valid_until: date,
    lines: list[LineInput],
    reference: str = "",
    notes: str = "",
    now: datetime | None = None,
) -> Quote:
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_work(actor, request), TEAM_ONLY)
    advance(request, "add_quote", now=now, fields=[])
    vendor = required_text(vendor, "vendor", _("Name the vendor."))
    if valid_until < timezone.localdate(now):
        raise DomainError(
            _("This quote has already expired."), code="quote_expired", field="valid_until"
        )
    _check_lines(lines)
    quote = Quote.objects.create(
        technology_request=request,
        vendor=vendor,
        reference=reference.strip(),
        valid_until=valid_until,
        notes=notes.strip(),
        entered_by=actor,
        entered_at=now,
    )
    QuoteLine.objects.bulk_create(
        [
            QuoteLine(
                quote=quote,
                description=line.description.strip(),
                asset_model=line.asset_model,
                quantity=line.quantity,
                unit_price=line.unit_price,
            )
            for line in lines
        ]
    )
    total = sum((line.unit_price * line.quantity for line in lines), Decimal("0"))
    record_event(
        request,
        actor=actor,
        code="technology.quote_added",
        occurred_at=now,
        quote=quote.pk,
        vendor=vendor,
        total=f"{total:.2f}",
    )
    return quote


@transaction.atomic
def request_funding(
    request: TechnologyRequest, *, actor: Person, now: datetime | None = None
) -> TechnologyRequest:
    """The quotes are in: over to the Business Office."""
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_work(actor, request), TEAM_ONLY)
    quotes = list(request.quotes.prefetch_related("lines"))
    if request.status == TechnologyRequest.Status.QUOTING and not quotes:
        raise DomainError(
            _("Enter the vendor's quote before sending the request for funding."),
            code="no_quote",
        )
    advance(request, "request_funding", now=now, fields=[])
    linked.hold(
        request.service_request,
        actor=actor,
        waiting_on=ServiceRequest.WaitingOn.DISTRICT,
        reason=_("Awaiting funding by the Business Office"),
        now=now,
    )
    lowest = min(quote.total for quote in quotes)
    record_event(
        request,
        actor=actor,
        code="technology.funding_requested",
        occurred_at=now,
        quotes=len(quotes),
        total=f"{lowest:.2f}",
    )
    return request


@transaction.atomic
def send_back(
    request: TechnologyRequest, *, actor: Person, reason: str, now: datetime | None = None
) -> TechnologyRequest:
    """The Business Office needs another quote (expired, over budget, a vendor not on
    contract): back to the technology team, whose clock runs again."""
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_fund(actor), _("Only the Business Office sends a request back."))
    reason = required_text(reason, "reason", _("Say what the new quote must fix."))
    advance(request, "send_back", now=now, fields=[])
    linked.release(request.service_request, actor=actor, now=now)
    record_event(request, actor=actor, code="technology.sent_back", occurred_at=now, reason=reason)
    return request


@transaction.atomic
def fund(
    request: TechnologyRequest,
    *,
    actor: Person,
    quote: Quote,
    funding: str,
    budget_code: str,
    purchase_order: str,
    now: datetime | None = None,
) -> TechnologyRequest:
    """The Business Office picks the funds and records the purchase order; the order goes to
    the vendor and the service request waits on the vendor until it arrives."""
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_fund(actor), _("Only the Business Office funds requests."))
    # Only approved, quoted requests: the state machine's message names the status.
    workflow.check(request, "fund")
    if quote.technology_request_id != request.pk:
        raise DomainError(
            _("Choose one of this request's quotes."), code="foreign_quote", field="quote"
        )
    if quote.valid_until < timezone.localdate(now):
        raise DomainError(
            _(
                "The quote from %(vendor)s expired on %(day)s: send the request back for a "
                "fresh one."
            )
            % {"vendor": quote.vendor, "day": quote.valid_until.isoformat()},
            code="quote_expired",
            field="quote",
        )
    if funding not in Asset.Funding.values:
        raise DomainError(
            _("Choose bond or non-bond funds."), code="funding_required", field="funding"
        )
    request.budget_code = required_text(budget_code, "budget_code", _("Give the budget code."))
    request.purchase_order = required_text(
        purchase_order, "purchase_order", _("Give the purchase order number.")
    )
    request.funding = funding
    request.chosen_quote = quote
    request.funded_by = actor
    request.funded_at = now
    advance(
        request,
        "fund",
        now=now,
        fields=[
            "budget_code",
            "purchase_order",
            "funding",
            "chosen_quote",
            "funded_by",
            "funded_at",
        ],
    )
    linked.hold(
        request.service_request,
        actor=actor,
        waiting_on=ServiceRequest.WaitingOn.VENDOR,
        reason=_("Awaiting delivery from %(vendor)s on purchase order %(po)s")
        % {"vendor": quote.vendor, "po": request.purchase_order},
        now=now,
    )
    record_event(
        request,
        actor=actor,
        code="technology.funded",
        occurred_at=now,
        budget_code=request.budget_code,
        funding=str(request.get_funding_display()),
        funding_code=funding,
        po=request.purchase_order,
        vendor=quote.vendor,
        total=f"{quote.total:.2f}",
    )
    return request
