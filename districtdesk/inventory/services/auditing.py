"""The campus audit's scanning phase: start an audit (every expected tag Missing), then
record scans room by room, each answered at once. A retried scan (same client id) gets
its first answer back and changes nothing, so a scanner can resend through a flaky
connection without losing or doubling scans."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory import policies
from districtdesk.inventory.models import Asset, Audit, AuditItem, AuditScan
from districtdesk.inventory.services.audit_phases import open_phase, require_phase_worker
from districtdesk.inventory.tags import tag_in_scan

State = AuditItem.State
Result = AuditScan.Result
# Assets a campus audit expects to find: on record there and not already known gone.
NOT_EXPECTED = (Asset.Status.DISPOSED, Asset.Status.STOLEN, Asset.Status.LOST)
BATCH = 2000


def _require_auditor(actor: Person) -> None:
    if not policies.can_audit(actor):
        raise DomainError(
            _("Only inventory staff and system administrators run audits."), code="not_allowed"
        )


@transaction.atomic
def start_audit(campus: Campus, *, actor: Person, now: datetime | None = None) -> Audit:
    """Open the campus's audit: every asset on record there is expected, and Missing until
    it is scanned. Its scanning phase is filed as a 7.2 Audit Process request."""
    now = now or timezone.now()
    require_phase_worker(actor)
    Campus.objects.select_for_update().get(pk=campus.pk)
    if Audit.objects.filter(campus=campus).exclude(phase=Audit.Phase.COMPLETED).exists():
        raise DomainError(
            _("%(campus)s already has an audit under way.") % {"campus": campus.name},
            code="audit_open",
            field="campus",
        )
    expected = Asset.objects.filter(campus=campus).exclude(status__in=NOT_EXPECTED)
    audit = Audit.objects.create(campus=campus, started_at=now, started_by=actor, expected_count=0)
    rows = expected.values_list("pk", "room_id").order_by("pk")
    items = [AuditItem(audit=audit, asset_id=pk, expected_room_id=room) for pk, room in rows]
    AuditItem.objects.bulk_create(items, batch_size=BATCH)
    audit.expected_count = len(items)
    audit.save(update_fields=["expected_count"])
    open_phase(audit, actor=actor, now=now, expected=audit.expected_count)
    record_event(
        audit,
        actor=actor,
        code="audit.started",
        occurred_at=now,
        campus=campus.code,
        expected=audit.expected_count,
    )
    return audit


def _resolve(
    audit: Audit, asset: Asset | None, room: Room, tag: str
) -> tuple[str, AuditItem | None]:
    """The answer for one scan, and the item it resolves (locked), if any."""
    if asset is None:
        seen = audit.scans.filter(tag=tag, result=Result.UNKNOWN).exists()
        return (Result.ALREADY_SCANNED if seen else Result.UNKNOWN), None
    item = AuditItem.objects.select_for_update().filter(audit=audit, asset=asset).first()
    if item is not None and item.state != State.MISSING:
        return Result.ALREADY_SCANNED, None
    if item is not None:
        return (Result.VERIFIED if item.expected_room_id == room.pk else Result.MISPLACED), item
    # Not expected: on record as gone (found); registered here since the audit started
    # (verified or misplaced by its room, like an expected one); or at another campus.
    item = AuditItem(audit=audit, asset=asset, expected=False, expected_room=asset.room)
    if asset.status in NOT_EXPECTED:
        return Result.FOUND, item
    if asset.campus_id == audit.campus_id and asset.room_id == room.pk:
        return Result.VERIFIED, item
    return Result.MISPLACED, item


@transaction.atomic
def record_scan(
    audit: Audit,
    *,
    actor: Person,
    tag: str,
    room: Room,
    client_id: str = "",
    now: datetime | None = None,
) -> AuditScan:
    """One scan in one room. Answers Verified, Found, Misplaced, Unknown or Already scanned.

    A scan that carries the scanner's own id (a UUID the page makes for each scan) is
    recorded once: sending the same id again returns the first answer, marked
    `is_repeat`, and writes nothing."""
    now = now or timezone.now()
    _require_auditor(actor)
    # One scan of an audit at a time: people scan at human speed, and this makes the
    # retry check and "already scanned" exact when two scanners send at once.
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    client_id = client_id.strip()
    if client_id:
        earlier = _earlier_scan(audit, client_id, tag)
        if earlier is not None:
            return earlier
    if audit.phase != Audit.Phase.SCANNING:
        raise DomainError(
            _("This audit is past its scanning phase."), code="not_scanning", field="tag"
        )
    if room.campus_id != audit.campus_id:
        raise DomainError(
            _("Room %(room)s is not at the audited campus.") % {"room": room.number},
            code="room_not_at_campus",
            field="room",
        )
    tag = tag_in_scan(tag)
    if not tag:
        raise DomainError(_("Scan or type a tag."), code="tag_required", field="tag")
    if len(tag) > AuditScan.TAG_MAX_LENGTH:
        raise DomainError(
            _("That is too long to be a tag: scan the label again."),
            code="tag_too_long",
            field="tag",
        )
    try:
        # A savepoint: where the audit's lock does not hold (a database without row
        # locks), the second of two sends of one scan id loses on the unique constraint
        # and answers with the first, undoing its own changes to the audit's items.
        with transaction.atomic():
            return _write_scan(audit, actor=actor, tag=tag, room=room, client_id=client_id, now=now)
    except IntegrityError:
        earlier = _earlier_scan(audit, client_id, tag) if client_id else None
        if earlier is None:
            raise
        return earlier


def _earlier_scan(audit: Audit, client_id: str, tag: str) -> AuditScan | None:
    """The scan already recorded under this scanner's id, if any (the same scan sent
    again). One id names one scan: reused for another tag, it is refused."""
    earlier = AuditScan.objects.filter(audit=audit, client_id=client_id).first()
    if earlier is None:
        return None
    if earlier.tag != tag_in_scan(tag):
        raise DomainError(
            _("This scan's id was already used for tag %(tag)s.") % {"tag": earlier.tag},
            code="client_id_reused",
            field="client_id",
        )
    earlier.is_repeat = True
    return earlier


def _write_scan(
    audit: Audit, *, actor: Person, tag: str, room: Room, client_id: str, now: datetime
) -> AuditScan:
    asset = Asset.objects.filter(bar_tag=tag).select_related("room").first()
    result, item = _resolve(audit, asset, room, tag)
    if item is not None:
        item.state = {
            Result.VERIFIED: State.VERIFIED,
            Result.FOUND: State.FOUND,
            Result.MISPLACED: State.MISPLACED,
        }[result]
        item.scanned_room, item.scanned_at = room, now
        item.save()
    return AuditScan.objects.create(
        audit=audit,
        client_id=client_id,
        tag=tag,
        room=room,
        asset=asset,
        result=result,
        scanned_at=now,
        scanned_by=actor,
    )
