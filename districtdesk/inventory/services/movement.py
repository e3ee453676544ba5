"""Moving an asset and changing its status: each records who, when and why, in the same
transaction as the change (E-rate asks for the location history; seed 003 for the reports
behind stolen, lost and damaged equipment)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory import workflow
from districtdesk.inventory.models import Asset, AssetMove
from districtdesk.inventory.models.assets import place
from districtdesk.inventory.services.registration import lock
from districtdesk.inventory.services.rules import require_manager


def is_new_equipment(asset: Asset) -> bool:
    """New to the district (seed 003, 7.5): in storage where it was received, and never
    moved since, so its move to the first location is a new-equipment delivery."""
    return asset.status == Asset.Status.IN_STORAGE and asset.moves.count() <= 1


def _check_move(
    asset: Asset,
    *,
    kind: str,
    to_campus: Campus,
    to_room: Room | None,
    reason: str,
    picked_up_at: datetime | None,
    dropped_off_at: datetime | None,
) -> None:
    if kind == AssetMove.Kind.NEW_DELIVERY:
        if not is_new_equipment(asset):
            raise DomainError(
                _(
                    "Only new equipment, still in storage where it was received, is delivered "
                    "to its first location; this is an existing-equipment move."
                ),
                code="move_kind",
                field="kind",
            )
    elif kind not in (AssetMove.Kind.EXISTING_MOVE, AssetMove.Kind.CORRECTION):
        raise DomainError(
            _("A registered asset is moved or its location corrected; deliveries register it."),
            code="move_kind",
            field="kind",
        )
    if not workflow.can_move(asset):
        raise DomainError(
            _("A %(status)s asset cannot be moved.") % {"status": asset.get_status_display()},
            code="move_not_allowed",
        )
    if to_room is not None and to_room.campus_id != to_campus.pk:
        raise DomainError(
            _("Room %(room)s is not at %(campus)s.")
            % {"room": to_room.number, "campus": to_campus.name},
            code="room_not_at_campus",
            field="to_room",
        )
    if to_campus.pk == asset.campus_id and to_room == asset.room:
        raise DomainError(_("The asset is already there."), code="same_location", field="to_room")
    if not reason.strip():
        raise DomainError(_("Say why it moves."), code="reason_required", field="reason")
    if picked_up_at and dropped_off_at and dropped_off_at < picked_up_at:
        raise DomainError(
            _("It cannot be dropped off before it was picked up."),
            code="dropped_before_pickup",
            field="dropped_off_at",
        )


@transaction.atomic
def move_asset(
    asset: Asset,
    *,
    actor: Person,
    to_campus: Campus,
    to_room: Room | None = None,
    reason: str,
    kind: str = AssetMove.Kind.EXISTING_MOVE,
    picked_up_at: datetime | None = None,
    picked_up_by: Person | None = None,
    dropped_off_at: datetime | None = None,
    dropped_off_by: Person | None = None,
    now: datetime | None = None,
) -> AssetMove:
    """Move an asset between rooms or campuses, or correct a wrongly recorded location."""
    now = now or timezone.now()
    require_manager(actor)
    asset = lock(asset)
    _check_move(
        asset,
        kind=kind,
        to_campus=to_campus,
        to_room=to_room,
        reason=reason,
        picked_up_at=picked_up_at,
        dropped_off_at=dropped_off_at,
    )
    move = AssetMove.objects.create(
        asset=asset,
        kind=kind,
        from_campus=asset.campus,
        from_room=asset.room,
        to_campus=to_campus,
        to_room=to_room,
        picked_up_at=picked_up_at,
        picked_up_by=picked_up_by,
        dropped_off_at=dropped_off_at,
        dropped_off_by=dropped_off_by,
        reason=reason.strip(),
        recorded_at=now,
        recorded_by=actor,
    )
    asset.campus, asset.room = to_campus, to_room
    asset.save(update_fields=["campus", "room"])
    record_event(
        asset,
        actor=actor,
        code="asset.moved",
        occurred_at=now,
        kind=kind,
        move=move.pk,
        from_location=move.from_location,
        to_location=place(to_campus, to_room),
        reason=move.reason,
    )
    return move


@transaction.atomic
def change_asset_status(
    asset: Asset,
    *,
    actor: Person,
    status: str,
    reason: str = "",
    report: str = "",
    now: datetime | None = None,
) -> Asset:
    """Stolen and lost need the report's reference and a reason; in repair (damage) and
    disposed need a reason. The asset's record stays whatever the status."""
    now = now or timezone.now()
    require_manager(actor)
    asset = lock(asset)
    workflow.check_status_change(asset, status, reason=reason, report=report)
    before = asset.status
    asset.status = status
    asset.status_reason = reason.strip()
    asset.status_report = report.strip()
    asset.status_changed_at = now
    asset.save(update_fields=["status", "status_reason", "status_report", "status_changed_at"])
    record_event(
        asset,
        actor=actor,
        code="asset.status_changed",
        occurred_at=now,
        before=before,
        after=status,
        reason=asset.status_reason,
        report=asset.status_report,
    )
    return asset
