"""Filing inventory work (seed 003, category 7): what a person asks for, checked asset by
asset, opened as its own service request under the chart priority the work calls for."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory import policies, workflow
from districtdesk.inventory.models import Asset, InventoryWorkItem, WorkItemAsset
from districtdesk.inventory.models.assets import place
from districtdesk.inventory.models.work_items import MOVES
from districtdesk.inventory.services import movement, work_requests
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


def priority_of(kind: str, reported_status: str = "") -> tuple[int, int]:
    if kind == Kind.DAMAGE_LOSS and reported_status == AssetStatus.STOLEN:
        return work_requests.STOLEN_EQUIPMENT
    return PRIORITY[kind]


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message, code="not_allowed")


def tagged(asset: Asset, error: DomainError) -> DomainError:
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


def at_place(asset: Asset, campus: Campus | None, room: Room | None) -> bool:
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
            raise (tagged(asset, refused) if len(work.assets) > 1 else refused) from None


def _check_asset(work: WorkRequest, asset: Asset) -> None:
    moves_it = work.kind not in (Kind.TAG_REQUEST, Kind.DAMAGE_LOSS)
    if moves_it and not workflow.can_move(asset):
        raise DomainError(
            _("A %(status)s asset cannot be moved.") % {"status": asset.get_status_display()},
            code="move_not_allowed",
            field="tags",
        )
    if (
        work.kind != Kind.OBSOLETE_PICKUP
        and moves_it
        and at_place(asset, work.to_campus, work.to_room)
    ):
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
    require(
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
