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

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory import policies, workflow
from districtdesk.inventory.models import Asset, AssetMove, InventoryWorkItem, WorkItemAsset
from districtdesk.inventory.models.assets import place
from districtdesk.inventory.models.work_items import MOVES, STEPS
from districtdesk.inventory.services import movement, registration, work_requests
from districtdesk.inventory.tags import normalise_tag
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import linked

Kind = InventoryWorkItem.Kind
Status = InventoryWorkItem.Status
AssetStatus = Asset.Status

# Seed 003: the chart priority each kind of work is filed under.
PRIORITY = {
    Kind.TAG_REQUEST: (7, 0),  # Maintenance, 2 days: bar tag requests
    Kind.LOCATION_CORRECTION: (7, 0),  # Maintenance, 2 days: tags with incorrect locations
    Kind.NEW_MOVE: (7, 5),  # Equipment Moves – New, 2 days
    Kind.EXISTING_MOVE: (7, 6),  # Equipment Moves – Existing, 3 days
    Kind.OBSOLETE_PICKUP: (7, 6),  # Existing: "delivery or disposition"
    Kind.DAMAGE_LOSS: (7, 4),  # Reconciliation: "Property Damage/Loss Reports"
}
# A damage or loss report asks for one of these statuses; stolen is category 3.1.
REPORTED = (AssetStatus.IN_REPAIR, AssetStatus.LOST, AssetStatus.STOLEN)
# Kinds about one device; moves and PUDs carry a cart of them.
ONE_ASSET = (Kind.TAG_REQUEST, Kind.LOCATION_CORRECTION, Kind.DAMAGE_LOSS)
MAX_ASSETS = 200

DONE = {
    "pick_up": gettext_lazy("picked up"),
    "drop_off": gettext_lazy("dropped off"),
    "complete": gettext_lazy("done"),
    "cancel": gettext_lazy("cancelled"),
}


def priority_of(kind: str, reported_status: str = "") -> tuple[int, int]:
    if kind == Kind.DAMAGE_LOSS and reported_status == AssetStatus.STOLEN:
        return work_requests.STOLEN_EQUIPMENT
    return PRIORITY[kind]


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


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message, code="not_allowed")


def _tagged(asset: Asset, error: DomainError) -> DomainError:
    """A refusal about one of several assets, naming its tag."""
    return DomainError(
        _("%(tag)s: %(message)s") % {"tag": asset.bar_tag, "message": error.message},
        code=error.code,
        field=error.field,
    )


@dataclass
class WorkRequest:
    """What a person asks for; the form, the asset page and the API each fill one."""

    kind: str
    assets: Sequence[Asset]
    reason: str
    to_campus: Campus | None = None
    to_room: Room | None = None
    reported_status: str = ""
    report_reference: str = ""


def _at(asset: Asset, campus: Campus | None, room: Room | None) -> bool:
    return (
        campus is not None
        and asset.campus_id == campus.pk
        and asset.room_id == (room.pk if room else None)
    )


def _check_assets(work: WorkRequest) -> Campus:
    """The assets' shape: how many, and all at one campus."""
    assets = list(work.assets)
    if not assets:
        raise DomainError(_("Name at least one asset."), code="no_assets", field="tags")
    if len({asset.pk for asset in assets}) != len(assets):
        raise DomainError(_("Name each asset once."), code="repeated_asset", field="tags")
    if work.kind in ONE_ASSET and len(assets) != 1:
        raise DomainError(
            _("A %(kind)s is about one asset.") % {"kind": Kind(work.kind).label},
            code="one_asset",
            field="tags",
        )
    if len(assets) > MAX_ASSETS:
        raise DomainError(
            _("At most %(max)s assets at a time.") % {"max": MAX_ASSETS},
            code="too_many_assets",
            field="tags",
        )
    if len({asset.campus_id for asset in assets}) != 1:
        raise DomainError(
            _("Every asset must be at the same campus: ask once per campus."),
            code="several_campuses",
            field="tags",
        )
    return assets[0].campus


def _check_destination(work: WorkRequest, *, required: bool) -> None:
    if work.to_campus is None:
        if required or work.to_room is not None:
            raise DomainError(
                _("Say where the equipment goes."), code="destination_required", field="to_campus"
            )
        return
    if work.to_room is not None and work.to_room.campus_id != work.to_campus.pk:
        raise DomainError(
            _("Room %(room)s is not at %(campus)s.")
            % {"room": work.to_room.number, "campus": work.to_campus.name},
            code="room_not_at_campus",
            field="to_room",
        )


def _check_kind(work: WorkRequest) -> None:
    """What each kind needs of each asset; a refusal about one of several names its tag.
    The services that change the assets check again when the work is done."""
    for asset in work.assets:
        try:
            _check_asset(work, asset)
        except DomainError as refused:
            raise (_tagged(asset, refused) if len(work.assets) > 1 else refused) from None


def _check_asset(work: WorkRequest, asset: Asset) -> None:
    moves_it = work.kind not in (Kind.TAG_REQUEST, Kind.DAMAGE_LOSS)
    if moves_it and not workflow.can_move(asset):
        raise DomainError(
            _("A %(status)s asset cannot be moved.") % {"status": asset.get_status_display()},
            code="move_not_allowed",
            field="tags",
        )
    if work.kind != Kind.OBSOLETE_PICKUP and moves_it and _at(asset, work.to_campus, work.to_room):
        raise DomainError(
            _("It is already at %(place)s.") % {"place": asset.location},
            code="same_location",
            field="to_room",
        )
    if work.kind == Kind.NEW_MOVE and not movement.is_new_equipment(asset):
        raise DomainError(
            _(
                "It is not new equipment (in storage where it was received, never moved): "
                "ask for an existing-equipment move."
            ),
            code="not_new_equipment",
            field="tags",
        )
    if work.kind == Kind.OBSOLETE_PICKUP and not workflow.can_change_status(
        asset, AssetStatus.DISPOSED
    ):
        raise DomainError(
            _("A %(status)s asset cannot be disposed of.") % {"status": asset.get_status_display()},
            code="not_disposable",
            field="tags",
        )
    if work.kind == Kind.DAMAGE_LOSS:
        workflow.check_status_change(
            asset, work.reported_status, reason=work.reason, report=work.report_reference
        )


def _already_open(assets: Sequence[Asset]) -> None:
    """An asset already on open work of a kind that moves it or changes its record."""
    busy = (
        WorkItemAsset.objects.filter(
            asset__in=assets, work_item__status__in=(Status.REQUESTED, Status.PICKED_UP)
        )
        .select_related("asset", "work_item__request")
        .first()
    )
    if busy is not None:
        raise DomainError(
            _("%(tag)s is already on open inventory work: %(number)s.")
            % {"tag": busy.asset.bar_tag, "number": busy.work_item.request.number},
            code="already_requested",
            field="tags",
        )


def _words(work: WorkRequest, campus: Campus) -> tuple[str, str]:
    tags = ", ".join(asset.bar_tag for asset in work.assets)
    label = Kind(work.kind).label
    if work.kind == Kind.DAMAGE_LOSS:
        label = _("%(kind)s: %(status)s") % {
            "kind": label,
            "status": AssetStatus(work.reported_status).label,
        }
    summary = _("%(kind)s: %(tags)s") % {"kind": label, "tags": tags}
    lines = [work.reason.strip(), "", _("Assets: %(tags)s") % {"tags": tags}]
    lines.append(_("At: %(place)s") % {"place": campus.name})
    if work.to_campus is not None:
        lines.append(_("To: %(place)s") % {"place": place(work.to_campus, work.to_room)})
    if work.report_reference:
        lines.append(_("Report: %(report)s") % {"report": work.report_reference})
    return summary, "\n".join(lines)


@transaction.atomic
def file_work_item(
    work: WorkRequest,
    *,
    actor: Person,
    channel: str = ServiceRequest.Channel.PORTAL,
    now: datetime | None = None,
) -> InventoryWorkItem:
    """Ask the inventory team for a piece of work; its service request opens at once,
    categorised under the chart priority for its kind."""
    now = now or timezone.now()
    if work.kind not in Kind.values:
        raise DomainError(_("Choose what is needed."), code="unknown_kind", field="kind")
    work.reason = (work.reason or "").strip()
    work.report_reference = (work.report_reference or "").strip()
    if not work.reason:
        raise DomainError(_("Say what is needed and why."), code="reason_required", field="reason")
    _check_assets(work)
    # Lock the assets, then check where they are now (another step may just have moved one).
    work.assets = list(
        Asset.objects.select_for_update(of=("self",))
        .filter(pk__in=[asset.pk for asset in work.assets])
        .select_related("campus", "room")
        .order_by("bar_tag")
    )
    campus = _check_assets(work)
    assets = work.assets
    _require(
        policies.can_file_work(actor, campus, work.kind),
        _("You may ask for inventory work only at your own campus.")
        if work.kind != Kind.NEW_MOVE
        else _("New equipment moves are asked for by the inventory team."),
    )
    if work.kind == Kind.DAMAGE_LOSS:
        if work.reported_status not in REPORTED:
            raise DomainError(
                _("Say whether it is damaged, lost or stolen."),
                code="reported_status_required",
                field="reported_status",
            )
    elif work.reported_status or work.report_reference:
        work.reported_status = work.report_reference = ""
    _check_destination(
        work, required=work.kind in (Kind.LOCATION_CORRECTION, Kind.NEW_MOVE, Kind.EXISTING_MOVE)
    )
    if work.kind not in (Kind.LOCATION_CORRECTION, *MOVES):
        work.to_campus = work.to_room = None
    _check_kind(work)
    _already_open(assets)
    summary, description = _words(work, campus)
    rooms = {asset.room_id for asset in assets}
    room = assets[0].room if len(rooms) == 1 else None
    request = linked.submit_categorised(
        actor=actor,
        requester=actor,
        channel=channel,
        priority=work_requests.chart_priority(*priority_of(work.kind, work.reported_status)),
        summary=summary[:200],
        description=description,
        impact=_("Inventory work at %(campus)s.") % {"campus": campus.name},
        campus=campus,
        room=room,
        now=now,
    )
    item = InventoryWorkItem.objects.create(
        request=request,
        kind=work.kind,
        campus=campus,
        room=room,
        to_campus=work.to_campus,
        to_room=work.to_room,
        reason=work.reason,
        reported_status=work.reported_status,
        report_reference=work.report_reference,
        requested_at=now,
        requested_by=actor,
    )
    WorkItemAsset.objects.bulk_create(
        [WorkItemAsset(work_item=item, asset=asset) for asset in assets]
    )
    record_event(
        item,
        actor=actor,
        code="inventory_work.requested",
        occurred_at=now,
        kind=work.kind,
        number=request.number,
        tags=", ".join(asset.bar_tag for asset in assets),
    )
    return item


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
    _require(
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
    _require(
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
            if not _at(asset, to_campus, to_room):
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
            raise _tagged(asset, refused) from None
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
    _require(
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
    _require(
        policies.can_cancel_work(actor, item),
        _("The inventory team cancels work; whoever asked may until it is picked up."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why it is cancelled."), code="reason_required", field="reason")
    _end(item, after, actor=actor, outcome=_("Cancelled: %(reason)s") % {"reason": reason}, now=now)
    item.save(update_fields=["status", "ended_at", "ended_by", "outcome"])
    record_event(item, actor=actor, code="inventory_work.cancelled", occurred_at=now, reason=reason)
    return item
