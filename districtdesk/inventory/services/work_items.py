"""Inventory work items (seed 003, category 7), each worked as its own service request.

Filing opens the request through the service-request intake, categorised on entry under the
chart priority its kind calls for (7.0 tag requests and location corrections, 7.5 new
equipment, 7.6 existing equipment and PUDs, 7.4 damage and loss reports, 3.1 stolen
equipment), so it is routed to the inventory team and runs on the chart's SLA. The steps:

    requested → picked up → delivered   (moves and PUDs)
    requested → done                    (tag requests, corrections, damage and loss reports)
    requested, picked up → cancelled

Each step locks the item, checks the table in `models/work_items.py` and the person's
policy, makes its changes to the assets through the inventory's own services (moves and
status changes, with their history), writes its event, and ends the service request when
the work ends, in one transaction.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory import policies
from districtdesk.inventory.models import Asset, AssetMove, InventoryWorkItem, WorkItemAsset
from districtdesk.inventory.models.assets import place
from districtdesk.inventory.models.work_items import STEPS
from districtdesk.inventory.services import movement, registration
from districtdesk.inventory.services.work_filing import (
    REPORTED,
    WorkRequest,
    at_place,
    file_work_item,
    require,
    tagged,
)
from districtdesk.inventory.tags import normalise_tag
from districtdesk.service_requests.services import linked

__all__ = ["REPORTED", "WorkRequest", "cancel", "complete", "drop_off", "file_work_item", "pick_up"]

Kind = InventoryWorkItem.Kind
Status = InventoryWorkItem.Status
AssetStatus = Asset.Status

DONE = {
    "pick_up": gettext_lazy("picked up"),
    "drop_off": gettext_lazy("dropped off"),
    "complete": gettext_lazy("done"),
    "cancel": gettext_lazy("cancelled"),
}


def lock(item: InventoryWorkItem) -> InventoryWorkItem:
    return (
        InventoryWorkItem.objects.select_for_update(of=("self",))
        .select_related("request", "campus", "room", "to_campus", "to_room")
        .get(pk=item.pk)
    )


def check(item: InventoryWorkItem, step: str) -> str:
    """The status the step leaves the item in; DomainError if it may not start here."""
    kinds, starts, after = STEPS[step]
    if item.kind not in kinds:
        raise DomainError(
            _("This work (%(kind)s) is not %(done)s.")
            % {"kind": item.get_kind_display(), "done": DONE[step]},
            code=f"cannot_{step}",
        )
    if item.status not in starts:
        raise DomainError(
            _("Work that is “%(status)s” cannot be %(done)s.")
            % {"status": item.get_status_display(), "done": DONE[step]},
            code=f"cannot_{step}",
        )
    return after


def _assets_of(item: InventoryWorkItem) -> list[WorkItemAsset]:
    return list(
        item.lines.select_related("asset__campus", "asset__room").order_by("asset__bar_tag")
    )


def _end(
    item: InventoryWorkItem, after: str, *, actor: Person, outcome: str, now: datetime
) -> None:
    item.status = after
    item.ended_at, item.ended_by, item.outcome = now, actor, outcome
    linked.settle(item.request, actor=actor, resolution=outcome, now=now)


@transaction.atomic
def pick_up(
    item: InventoryWorkItem,
    *,
    actor: Person,
    picked_up_by: Person | None = None,
    picked_up_at: datetime | None = None,
    now: datetime | None = None,
) -> InventoryWorkItem:
    """The equipment has been collected: who collected it and when. The service request is
    acknowledged (the work has started), if nobody had yet."""
    now = now or timezone.now()
    item = lock(item)
    after = check(item, "pick_up")
    require(
        policies.can_pick_up_work(actor, item),
        _("Inventory staff and the campus's technicians record pick-ups."),
    )
    picked_up_by = picked_up_by or actor
    picked_up_at = picked_up_at or now
    if not picked_up_by.is_active:
        raise DomainError(
            _("%(name)s's account is inactive.") % {"name": picked_up_by},
            code="inactive_person",
            field="picked_up_by",
        )
    if picked_up_at > now:
        raise DomainError(
            _("A pick-up cannot be recorded before it happens."),
            code="in_the_future",
            field="picked_up_at",
        )
    if picked_up_at < item.requested_at:
        raise DomainError(
            _("It cannot be picked up before it was asked for."),
            code="before_request",
            field="picked_up_at",
        )
    item.status = after
    item.picked_up_at, item.picked_up_by = picked_up_at, picked_up_by
    item.save(update_fields=["status", "picked_up_at", "picked_up_by"])
    linked.acknowledge(item.request, actor=actor, now=now)
    record_event(
        item,
        actor=actor,
        code="inventory_work.picked_up",
        occurred_at=now,
        by=str(picked_up_by),
        at=picked_up_at.isoformat(),
    )
    return item


@transaction.atomic
def drop_off(
    item: InventoryWorkItem,
    *,
    actor: Person,
    dropped_off_by: Person | None = None,
    dropped_off_at: datetime | None = None,
    to_campus: Campus | None = None,
    to_room: Room | None = None,
    now: datetime | None = None,
) -> InventoryWorkItem:
    """The equipment has arrived: who brought it, when and where (the place asked for,
    unless it went elsewhere). Each asset moves there through `move_asset` (a new-equipment
    delivery for new equipment); a PUD's devices are then disposed of, which the status
    rules allow for every device a PUD takes. The service request is resolved."""
    now = now or timezone.now()
    item = lock(item)
    after = check(item, "drop_off")
    require(
        policies.can_drop_off_work(actor, item),
        _("The inventory team records drop-offs: they change the asset records."),
    )
    dropped_off_by = dropped_off_by or actor
    dropped_off_at = dropped_off_at or now
    if to_campus is None and to_room is not None:
        to_campus = to_room.campus
    if to_campus is None:
        # Where it was asked to go, unless the drop-off names another place.
        to_campus = item.to_campus
        if to_room is None:
            to_room = item.to_room
    if to_campus is None:
        raise DomainError(
            _("Say where the equipment was dropped off."),
            code="destination_required",
            field="to_campus",
        )
    if to_room is not None and to_room.campus_id != to_campus.pk:
        raise DomainError(
            _("Room %(room)s is not at %(campus)s.")
            % {"room": to_room.number, "campus": to_campus.name},
            code="room_not_at_campus",
            field="to_room",
        )
    if not dropped_off_by.is_active:
        raise DomainError(
            _("%(name)s's account is inactive.") % {"name": dropped_off_by},
            code="inactive_person",
            field="dropped_off_by",
        )
    if dropped_off_at > now:
        raise DomainError(
            _("A drop-off cannot be recorded before it happens."),
            code="in_the_future",
            field="dropped_off_at",
        )
    if dropped_off_at < item.picked_up_at:
        raise DomainError(
            _("It cannot be dropped off before it was picked up."),
            code="dropped_before_pickup",
            field="dropped_off_at",
        )
    number = item.request.number
    reason = _("%(kind)s %(number)s: %(reason)s") % {
        "kind": item.get_kind_display(),
        "number": number,
        "reason": item.reason,
    }
    kind = (
        AssetMove.Kind.NEW_DELIVERY if item.kind == Kind.NEW_MOVE else AssetMove.Kind.EXISTING_MOVE
    )
    for line in _assets_of(item):
        asset = line.asset
        try:
            if not at_place(asset, to_campus, to_room):
                line.move = movement.move_asset(
                    asset,
                    actor=actor,
                    to_campus=to_campus,
                    to_room=to_room,
                    reason=reason,
                    kind=kind,
                    picked_up_at=item.picked_up_at,
                    picked_up_by=item.picked_up_by,
                    dropped_off_at=dropped_off_at,
                    dropped_off_by=dropped_off_by,
                    now=now,
                )
                line.save(update_fields=["move"])
            elif item.kind != Kind.OBSOLETE_PICKUP:
                raise DomainError(
                    _("It is already at %(place)s.") % {"place": asset.location},
                    code="same_location",
                    field="to_room",
                )
            if item.kind == Kind.OBSOLETE_PICKUP:
                movement.change_asset_status(
                    asset,
                    actor=actor,
                    status=AssetStatus.DISPOSED,
                    reason=_("Obsolete: taken away on %(number)s. %(reason)s")
                    % {"number": number, "reason": item.reason},
                    now=now,
                )
        except DomainError as refused:
            raise tagged(asset, refused) from None
    item.dropped_off_at, item.dropped_off_by = dropped_off_at, dropped_off_by
    item.to_campus, item.to_room = to_campus, to_room
    where = place(to_campus, to_room)
    outcome = _("Dropped off at %(place)s by %(who)s.") % {"place": where, "who": dropped_off_by}
    if item.kind == Kind.OBSOLETE_PICKUP:
        outcome += " " + _("The devices are recorded as disposed.")
    _end(item, after, actor=actor, outcome=outcome, now=now)
    item.save(
        update_fields=[
            "status",
            "dropped_off_at",
            "dropped_off_by",
            "to_campus",
            "to_room",
            "ended_at",
            "ended_by",
            "outcome",
        ]
    )
    record_event(
        item,
        actor=actor,
        code="inventory_work.dropped_off",
        occurred_at=now,
        by=str(dropped_off_by),
        at=dropped_off_at.isoformat(),
        place=where,
    )
    return item


@transaction.atomic
def complete(
    item: InventoryWorkItem,
    *,
    actor: Person,
    new_tag: str = "",
    report_reference: str = "",
    note: str = "",
    now: datetime | None = None,
) -> InventoryWorkItem:
    """Do one-step work: a tag request puts the new tag on record (`edit_asset`), a location
    correction moves the record (`move_asset`, a correction), a damage or loss report
    changes the status with its report (`change_asset_status`). The service request is
    resolved with what was done."""
    now = now or timezone.now()
    item = lock(item)
    after = check(item, "complete")
    require(
        policies.can_complete_work(actor, item),
        _("The inventory team does this work: it changes the asset record."),
    )
    [line] = _assets_of(item)
    asset = line.asset
    number = item.request.number
    note = note.strip()
    if item.kind == Kind.TAG_REQUEST:
        new_tag = normalise_tag(new_tag or "")
        if not new_tag:
            raise DomainError(
                _("Give the new bar tag put on the device."), code="tag_required", field="new_tag"
            )
        if new_tag == asset.bar_tag:
            raise DomainError(
                _("That is the tag already on record: give the new one."),
                code="same_tag",
                field="new_tag",
            )
        old_tag = asset.bar_tag
        registration.edit_asset(asset, actor=actor, now=now, bar_tag=new_tag)
        item.new_tag = new_tag
        outcome = _("Bar tag %(new)s put on the device (was %(old)s).") % {
            "new": new_tag,
            "old": old_tag,
        }
    elif item.kind == Kind.LOCATION_CORRECTION:
        line.move = movement.move_asset(
            asset,
            actor=actor,
            to_campus=item.to_campus,
            to_room=item.to_room,
            kind=AssetMove.Kind.CORRECTION,
            reason=_("%(kind)s %(number)s: %(reason)s")
            % {"kind": item.get_kind_display(), "number": number, "reason": item.reason},
            now=now,
        )
        line.save(update_fields=["move"])
        outcome = _("The location on record is now %(place)s.") % {"place": item.to_location}
    else:
        report = (report_reference or "").strip() or item.report_reference
        movement.change_asset_status(
            asset,
            actor=actor,
            status=item.reported_status,
            reason=_("%(reason)s (%(number)s)") % {"reason": item.reason, "number": number},
            report=report,
            now=now,
        )
        item.report_reference = report
        outcome = _("%(tag)s is recorded as %(status)s.") % {
            "tag": asset.bar_tag,
            "status": AssetStatus(item.reported_status).label.lower(),
        }
        if report:
            outcome += " " + _("Report: %(report)s.") % {"report": report}
    if note:
        outcome += " " + note
    _end(item, after, actor=actor, outcome=outcome, now=now)
    item.save(
        update_fields=["status", "new_tag", "report_reference", "ended_at", "ended_by", "outcome"]
    )
    record_event(item, actor=actor, code="inventory_work.done", occurred_at=now, outcome=outcome)
    return item


@transaction.atomic
def cancel(
    item: InventoryWorkItem, *, actor: Person, reason: str, now: datetime | None = None
) -> InventoryWorkItem:
    """Call the work off, with the reason; its service request is resolved with it. The
    asset records stay as they are (nothing has been dropped off)."""
    now = now or timezone.now()
    item = lock(item)
    after = check(item, "cancel")
    require(
        policies.can_cancel_work(actor, item),
        _("The inventory team cancels work; whoever asked may cancel it until it is picked up."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why it is cancelled."), code="reason_required", field="reason")
    _end(item, after, actor=actor, outcome=_("Cancelled: %(reason)s") % {"reason": reason}, now=now)
    item.save(update_fields=["status", "ended_at", "ended_by", "outcome"])
    record_event(item, actor=actor, code="inventory_work.cancelled", occurred_at=now, reason=reason)
    return item
