"""Working an audit's discrepancies: document each one (notes, and files such as a photo or
a report, checked as service requests' files are), then settle it with one action —
a move to where it was found, an investigation request (7.3, or 3.1 for stolen equipment),
or, during reconciliation, the search's result for a missing item (found, or written off
as lost or stolen through the status change, which needs its report)."""

import hashlib
from collections.abc import Sequence
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person, Room
from districtdesk.inventory import audit_workflow, policies
from districtdesk.inventory.models import Asset, AssetMove, AuditDiscrepancy, DiscrepancyAttachment
from districtdesk.inventory.services import movement, work_requests
from districtdesk.inventory.services.audit_phases import lock as lock_audit
from districtdesk.inventory.services.audit_phases import require_phase_worker
from districtdesk.service_requests import file_types

Kind = AuditDiscrepancy.Kind
Outcome = AuditDiscrepancy.Outcome


def _require_auditor(actor: Person) -> None:
    if not policies.can_audit(actor):
        raise DomainError(
            _("Only inventory staff and system administrators run audits."), code="not_allowed"
        )


def _lock(discrepancy: AuditDiscrepancy, step: str) -> AuditDiscrepancy:
    """Lock the audit first (always audit, then discrepancy), check the step, and return the
    discrepancy as it is now."""
    audit = lock_audit(discrepancy.audit)
    audit_workflow.check(audit, step)
    locked = (
        # Only the discrepancy's row: PostgreSQL cannot lock the nullable side of a join.
        AuditDiscrepancy.objects.select_for_update(of=("self",))
        .select_related("asset", "scanned_room", "expected_room")
        .get(pk=discrepancy.pk)
    )
    locked.audit = audit
    return locked


def _require_open(discrepancy: AuditDiscrepancy, *kinds: str) -> None:
    if not discrepancy.is_open:
        raise DomainError(
            _("This discrepancy is already settled: %(outcome)s.")
            % {"outcome": discrepancy.get_outcome_display()},
            code="already_settled",
        )
    if discrepancy.documented_at is None:
        raise DomainError(
            _("Document the discrepancy first."), code="not_documented", field="notes"
        )
    if kinds and discrepancy.kind not in kinds:
        raise DomainError(
            _("A discrepancy that is “%(kind)s” cannot be settled this way.")
            % {"kind": discrepancy.get_kind_display()},
            code="wrong_kind",
        )


def _settle(
    discrepancy: AuditDiscrepancy, outcome: str, *, actor: Person, note: str, now: datetime
) -> None:
    discrepancy.outcome, discrepancy.outcome_note = outcome, note.strip()
    discrepancy.settled_at, discrepancy.settled_by = now, actor
    discrepancy.save()
    record_event(
        discrepancy.audit,
        actor=actor,
        code="audit.discrepancy_settled",
        occurred_at=now,
        tag=discrepancy.tag,
        outcome=outcome,
        request=discrepancy.request.number if discrepancy.request_id else "",
    )


@transaction.atomic
def document_discrepancy(
    discrepancy: AuditDiscrepancy, *, actor: Person, notes: str, now: datetime | None = None
) -> AuditDiscrepancy:
    """What the technician knows about it: where it was looked for, who was asked."""
    now = now or timezone.now()
    _require_auditor(actor)
    discrepancy = _lock(discrepancy, "document")
    if not notes.strip():
        raise DomainError(
            _("Write what you know about this discrepancy."), code="notes_required", field="notes"
        )
    discrepancy.notes = notes.strip()
    discrepancy.documented_at, discrepancy.documented_by = now, actor
    discrepancy.save(update_fields=["notes", "documented_at", "documented_by"])
    record_event(
        discrepancy.audit,
        actor=actor,
        code="audit.discrepancy_documented",
        occurred_at=now,
        tag=discrepancy.tag,
    )
    return discrepancy


@transaction.atomic
def move_to_where_found(
    discrepancy: AuditDiscrepancy, *, actor: Person, now: datetime | None = None
) -> AuditDiscrepancy:
    """A misplaced asset's record follows it to the room it was scanned in (a location
    correction through the move service)."""
    now = now or timezone.now()
    _require_auditor(actor)
    discrepancy = _lock(discrepancy, "settle")
    _require_open(discrepancy, Kind.MISPLACED)
    room = discrepancy.scanned_room
    discrepancy.move = movement.move_asset(
        discrepancy.asset,
        actor=actor,
        to_campus=room.campus,
        to_room=room,
        kind=AssetMove.Kind.CORRECTION,
        reason=_("Audit of %(campus)s: scanned in room %(room)s")
        % {"campus": discrepancy.audit.campus.name, "room": room.number},
        now=now,
    )
    _settle(discrepancy, Outcome.MOVED, actor=actor, note="", now=now)
    return discrepancy


@transaction.atomic
def investigate_discrepancy(
    discrepancy: AuditDiscrepancy,
    *,
    actor: Person,
    reason: str,
    stolen: bool = False,
    now: datetime | None = None,
) -> AuditDiscrepancy:
    """File a request for someone to look into it, carrying the discrepancy's documentation:
    7.3 Submitted Discrepancy, or 3.1 Stolen Equipment when theft is suspected."""
    now = now or timezone.now()
    require_phase_worker(actor)
    discrepancy = _lock(discrepancy, "settle")
    _require_open(discrepancy)
    if not reason.strip():
        raise DomainError(
            _("Say what should be looked into."), code="reason_required", field="reason"
        )
    words = {
        "tag": discrepancy.tag,
        "kind": discrepancy.get_kind_display(),
        "campus": discrepancy.audit.campus.name,
    }
    discrepancy.request = work_requests.file_request(
        actor=actor,
        priority=work_requests.STOLEN_EQUIPMENT if stolen else work_requests.SUBMITTED_DISCREPANCY,
        campus=discrepancy.audit.campus,
        room=discrepancy.scanned_room or discrepancy.expected_room,
        asset_tag=discrepancy.tag,
        summary=_("Audit discrepancy at %(campus)s: tag %(tag)s") % words,
        description=f"{discrepancy.get_kind_display()}\n\n{discrepancy.notes}\n\n{reason.strip()}",
        impact=_("The official district technology audit of %(campus)s.") % words,
        now=now,
    )
    _settle(discrepancy, Outcome.INVESTIGATION, actor=actor, note=reason, now=now)
    return discrepancy


@transaction.atomic
def locate_missing(
    discrepancy: AuditDiscrepancy,
    *,
    actor: Person,
    room: Room,
    note: str = "",
    now: datetime | None = None,
) -> AuditDiscrepancy:
    """The search found a missing item: where. Found in another room, its record moves."""
    now = now or timezone.now()
    _require_auditor(actor)
    discrepancy = _lock(discrepancy, "search")
    _require_open(discrepancy, Kind.MISSING)
    if room.campus_id != discrepancy.audit.campus_id:
        raise DomainError(
            _("Room %(room)s is not at the audited campus.") % {"room": room.number},
            code="room_not_at_campus",
            field="room",
        )
    asset = discrepancy.asset
    if asset.room_id != room.pk or asset.campus_id != room.campus_id:
        discrepancy.move = movement.move_asset(
            asset,
            actor=actor,
            to_campus=room.campus,
            to_room=room,
            kind=AssetMove.Kind.CORRECTION,
            reason=_("Audit of %(campus)s: found in room %(room)s during reconciliation")
            % {"campus": discrepancy.audit.campus.name, "room": room.number},
            now=now,
        )
    discrepancy.scanned_room = room
    _settle(discrepancy, Outcome.LOCATED, actor=actor, note=note, now=now)
    return discrepancy


@transaction.atomic
def write_off_missing(
    discrepancy: AuditDiscrepancy,
    *,
    actor: Person,
    status: str,
    report: str,
    reason: str,
    now: datetime | None = None,
) -> AuditDiscrepancy:
    """Not found in the search: lost or stolen, with the loss or police report's reference."""
    now = now or timezone.now()
    _require_auditor(actor)
    discrepancy = _lock(discrepancy, "search")
    _require_open(discrepancy, Kind.MISSING)
    if status not in (Asset.Status.LOST, Asset.Status.STOLEN):
        raise DomainError(
            _("Write it off as lost or stolen."), code="unknown_status", field="status"
        )
    movement.change_asset_status(
        discrepancy.asset, actor=actor, status=status, reason=reason, report=report, now=now
    )
    outcome = Outcome.LOST if status == Asset.Status.LOST else Outcome.STOLEN
    _settle(discrepancy, outcome, actor=actor, note=reason, now=now)
    return discrepancy


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def attach_to_discrepancy(
    discrepancy: AuditDiscrepancy,
    *,
    actor: Person,
    files: Sequence[UploadedFile],
    now: datetime | None = None,
) -> list[DiscrepancyAttachment]:
    """Files documenting a discrepancy, while it may still be documented. Each is judged by
    its content, as a service request's files are (no HTML or SVG, whatever its name), and
    every one before the first is written: all of them, or none."""
    now = now or timezone.now()
    _require_auditor(actor)
    discrepancy = _lock(discrepancy, "document")
    if not files:
        raise DomainError(_("Choose a file to attach."), code="no_files", field=file_types.FIELD)
    file_types.check_count(files)
    accepted = [(upload, file_types.inspect(upload)) for upload in files]
    attachments = []
    for upload, facts in accepted:
        attachment = DiscrepancyAttachment(
            discrepancy=discrepancy,
            original_name=facts.name,
            content_type=facts.content_type,
            size=facts.size,
            sha256=_sha256(upload),
            uploaded_by=actor,
            uploaded_at=now,
        )
        path = attachment.file.field.generate_filename(attachment, upload.name)
        if attachment.file.storage.exists(path):
            attachment.file.name = path  # the same bytes are already stored
        else:
            attachment.file.save(path, upload, save=False)
        attachment.save()
        record_event(
            discrepancy.audit,
            actor=actor,
            code="audit.discrepancy_file_added",
            occurred_at=now,
            tag=discrepancy.tag,
            file=facts.name,
            size=facts.size,
        )
        attachments.append(attachment)
    return attachments
