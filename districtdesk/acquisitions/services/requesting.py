"""Asking for technology (seed 002, step 1) and withdrawing the ask."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.acquisitions import policies
from districtdesk.acquisitions.models import StandardItem, TechnologyRequest
from districtdesk.acquisitions.services.common import advance, lock, require, required_text
from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory.models import Asset, AssetType
from districtdesk.service_requests.models import Priority, ServiceRequest
from districtdesk.service_requests.services import linked

Kind = TechnologyRequest.Kind
Urgency = ServiceRequest.Urgency

# Seed 003, category 3 Acquisition: the requester's urgency (seed 002's "low, medium, high,
# critical") names the chart's priority; stolen equipment is "1 – Emergency" whatever the
# urgency. A technician recategorises the service request if the urgency was misjudged.
ACQUISITION = 3
PRIORITY_FOR_URGENCY = {Urgency.CRITICAL: 1, Urgency.HIGH: 2, Urgency.MEDIUM: 3, Urgency.LOW: 4}
STOLEN_PRIORITY = 1
MAX_QUANTITY = 500


def chart_priority(kind: str, urgency: str) -> Priority:
    number = STOLEN_PRIORITY if kind == Kind.STOLEN_REPLACEMENT else PRIORITY_FOR_URGENCY[urgency]
    return Priority.objects.select_related("category").get(
        category__number=ACQUISITION, number=number
    )


def _check(
    *,
    kind: str,
    urgency: str,
    quantity: int,
    room: Room | None,
    campus: Campus,
    standard_item: StandardItem | None,
    replaces: Asset | None,
) -> None:
    if kind not in Kind.values:
        raise DomainError(_("Choose what kind of request this is."), code="invalid", field="kind")
    if urgency not in Urgency.values:
        raise DomainError(_("Choose how urgent it is."), code="invalid", field="urgency")
    if not 1 <= quantity <= MAX_QUANTITY:
        raise DomainError(
            _("Ask for between 1 and %(most)s items.") % {"most": MAX_QUANTITY},
            code="invalid_quantity",
            field="quantity",
        )
    if room is not None and room.campus_id != campus.pk:
        raise DomainError(
            _("Room %(room)s is not at %(campus)s.") % {"room": room.number, "campus": campus.name},
            code="room_not_at_campus",
            field="room",
        )
    if standard_item is not None and not standard_item.is_active:
        raise DomainError(
            _("%(item)s is no longer on the district's standards.") % {"item": standard_item},
            code="standard_item_retired",
            field="standard_item",
        )
    if kind == Kind.STOLEN_REPLACEMENT:
        if replaces is None:
            raise DomainError(
                _("Give the bar tag of the stolen device this replaces."),
                code="replaces_required",
                field="replaces",
            )
        if replaces.status != Asset.Status.STOLEN:
            raise DomainError(
                _(
                    "%(tag)s is not reported stolen: report the theft first, so the "
                    "replacement follows the stolen-equipment chain."
                )
                % {"tag": replaces.bar_tag},
                code="replaces_not_stolen",
                field="replaces",
            )
    elif replaces is not None:
        raise DomainError(
            _("Only a stolen-equipment replacement names the device it replaces."),
            code="replaces_not_expected",
            field="replaces",
        )


@transaction.atomic
def submit_technology_request(
    *,
    actor: Person,
    kind: str,
    need: str,
    impact: str,
    urgency: str,
    requirements: str,
    quantity: int,
    campus: Campus,
    room: Room | None = None,
    requested_for: Person | None = None,
    standard_item: StandardItem | None = None,
    asset_type: AssetType | None = None,
    replaces: Asset | None = None,
    channel: str = ServiceRequest.Channel.PORTAL,
    now: datetime | None = None,
) -> TechnologyRequest:
    """Store the request and the category-3 service request that carries its SLA clock and
    routes it to the right technology team member (seed 002: "automatically route")."""
    now = now or timezone.now()
    require(policies.can_submit(actor))
    need = required_text(need, "need", _("Describe the problem or need."))
    impact = required_text(
        impact, "impact", _("Say how it affects daily operations or student learning.")
    )
    _check(
        kind=kind,
        urgency=urgency,
        quantity=quantity,
        room=room,
        campus=campus,
        standard_item=standard_item,
        replaces=replaces,
    )
    if standard_item is not None and asset_type is None:
        asset_type = standard_item.asset_type
    item = str(standard_item or asset_type or _("other technology"))
    summary = _("%(quantity)s × %(item)s") % {"quantity": quantity, "item": item}
    service_request = linked.submit_categorised(
        actor=actor,
        requester=actor,
        channel=channel,
        priority=chart_priority(kind, urgency),
        summary=summary[:200],
        description=need,
        impact=impact,
        urgency=urgency,
        requirements=requirements.strip(),
        campus=campus,
        room=room,
        now=now,
    )
    request = TechnologyRequest.objects.create(
        service_request=service_request,
        kind=kind,
        status_changed_at=now,
        requester=actor,
        requested_for=requested_for,
        standard_item=standard_item,
        asset_type=asset_type,
        quantity=quantity,
        replaces=replaces,
    )
    record_event(
        request,
        actor=actor,
        code="technology.submitted",
        occurred_at=now,
        number=request.number,
        kind=kind,
        quantity=quantity,
        item=item,
        off_standard=request.is_off_standard,
    )
    return request


@transaction.atomic
def withdraw(
    request: TechnologyRequest, *, actor: Person, reason: str, now: datetime | None = None
) -> TechnologyRequest:
    """The requester no longer needs it; nothing has been ordered yet."""
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_withdraw(actor, request), _("Only the requester withdraws a request."))
    reason = required_text(reason, "reason", _("Say why you no longer need it."))
    advance(request, "withdraw", now=now, fields=[])
    linked.settle(
        request.service_request,
        actor=actor,
        resolution=_("Withdrawn by the requester: %(reason)s") % {"reason": reason},
        now=now,
    )
    record_event(request, actor=actor, code="technology.withdrawn", occurred_at=now, reason=reason)
    return request
