"""Receiving an order (seed 002: "properly inventory the technology upon arrival"): each item
is scanned against the order's lines; an inventoried item becomes an asset with its bar tag
at the requester's room, its purchase order, funding and cost filled in from the order,
through the inventory app's registration (a new-equipment delivery as its first move)."""

from datetime import datetime

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.acquisitions import policies, workflow
from districtdesk.acquisitions.models import QuoteLine, ReceivedItem, TechnologyRequest
from districtdesk.acquisitions.services.common import advance, lock, require
from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory.models import Asset
from districtdesk.inventory.services.registration import register_asset
from districtdesk.inventory.services.rules import AssetFields
from districtdesk.service_requests.services import linked

RECEIVERS_ONLY = _("Only the inventory team receives orders into inventory.")


def outstanding(request: TechnologyRequest) -> dict[int, int]:
    """Items still to receive, by line id, for the request's ordered quote."""
    lines = (
        QuoteLine.objects.filter(quote=request.chosen_quote_id)
        .annotate(received_count=Count("received"))
        .values_list("pk", "quantity", "received_count")
    )
    return {pk: quantity - received for pk, quantity, received in lines}


def _line(request: TechnologyRequest, line: QuoteLine) -> QuoteLine:
    if line.quote_id != request.chosen_quote_id:
        raise DomainError(
            _("That line is not on this request's purchase order."),
            code="foreign_line",
            field="line",
        )
    return line


def _refuse_extra(line: QuoteLine, left: int, wanted: int = 1) -> None:
    if wanted > left:
        raise DomainError(
            _(
                "Purchase order line “%(line)s” ordered %(ordered)s and %(left)s remain to "
                "receive: an extra item is not on the order. Check the packing slip with the "
                "Business Office."
            )
            % {"line": line.description, "ordered": line.quantity, "left": left},
            code="over_received",
            field="line",
        )


def _finish_if_complete(
    request: TechnologyRequest, *, actor: Person, now: datetime, left: dict[int, int]
) -> None:
    if any(count > 0 for count in left.values()):
        return
    request.status = TechnologyRequest.Status.RECEIVED
    request.status_changed_at = now
    request.save(update_fields=["status", "status_changed_at"])
    linked.release(request.service_request, actor=actor, now=now)
    record_event(
        request,
        actor=actor,
        code="technology.all_received",
        occurred_at=now,
        po=request.purchase_order,
    )


@transaction.atomic
def receive_item(
    request: TechnologyRequest,
    *,
    actor: Person,
    line: QuoteLine,
    bar_tag: str,
    serial_number: str,
    now: datetime | None = None,
) -> ReceivedItem:
    """One inventoried item off the truck: its serial and the bar tag stuck on it."""
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_receive(actor), RECEIVERS_ONLY)
    workflow.check(request, "receive")
    line = _line(request, line)
    if not line.is_inventoried:
        raise DomainError(
            _("“%(line)s” is not inventoried: receive it by count.") % {"line": line.description},
            code="not_inventoried",
            field="line",
        )
    left = outstanding(request)
    _refuse_extra(line, left[line.pk])
    service_request = request.service_request
    asset = register_asset(
        AssetFields(
            bar_tag=bar_tag,
            serial_number=serial_number,
            asset_model=line.asset_model,
            campus=service_request.campus,
            room=service_request.room,
            status=Asset.Status.IN_USE,
            assigned_to=request.requested_for or request.requester,
            funding=request.funding,
            budget_code=request.budget_code,
            purchase_order=request.purchase_order,
            cost=line.unit_price,
            purchase_date=timezone.localdate(request.funded_at),
        ),
        actor=actor,
        now=now,
        reason=_("Received on purchase order %(po)s for %(number)s")
        % {"po": request.purchase_order, "number": request.number},
    )
    item = ReceivedItem.objects.create(line=line, asset=asset, received_by=actor, received_at=now)
    left[line.pk] -= 1
    advance(request, "receive", now=now, fields=[])
    record_event(
        request,
        actor=actor,
        code="technology.item_received",
        occurred_at=now,
        item=line.description,
        tag=f" ({asset.bar_tag})",
        bar_tag=asset.bar_tag,
        asset=asset.pk,
    )
    _finish_if_complete(request, actor=actor, now=now, left=left)
    return item


@transaction.atomic
def receive_by_count(
    request: TechnologyRequest,
    *,
    actor: Person,
    line: QuoteLine,
    quantity: int,
    now: datetime | None = None,
) -> list[ReceivedItem]:
    """Licences and services, which have no bar tag: received by count."""
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_receive(actor), RECEIVERS_ONLY)
    workflow.check(request, "receive")
    line = _line(request, line)
    if line.is_inventoried:
        raise DomainError(
            _("Scan each “%(line)s” with its bar tag.") % {"line": line.description},
            code="inventoried",
            field="line",
        )
    if quantity < 1:
        raise DomainError(_("Receive at least one."), code="invalid_quantity", field="quantity")
    left = outstanding(request)
    _refuse_extra(line, left[line.pk], quantity)
    items = ReceivedItem.objects.bulk_create(
        [ReceivedItem(line=line, received_by=actor, received_at=now) for _count in range(quantity)]
    )
    left[line.pk] -= quantity
    record_event(
        request,
        actor=actor,
        code="technology.item_received",
        occurred_at=now,
        item=f"{quantity} × {line.description}",
        tag="",
        bar_tag="",
        asset=None,
    )
    _finish_if_complete(request, actor=actor, now=now, left=left)
    return items
