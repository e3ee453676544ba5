"""The campus audit's phases (seed 003, category 7), each worked as a service request with
the chart's SLA: the step that opens a phase files its request, the step that ends it
resolves the request. Each step locks the audit, checks the state machine
(`audit_workflow.py`), writes its rows and its event in one transaction."""

from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory import audit_workflow, exports, policies, selectors
from districtdesk.inventory.models import Audit, AuditDiscrepancy, AuditItem, AuditPhase, AuditScan
from districtdesk.inventory.services import work_requests
from districtdesk.service_requests.services import attachments

Phase = Audit.Phase
Kind = AuditDiscrepancy.Kind
BATCH = 2000

# What each phase's request says to the team that works it.
_PHASE_WORK = {
    Phase.SCANNING: (
        gettext_lazy("Audit scanning: %(campus)s"),
        gettext_lazy("Scan every tag at %(campus)s, room by room: %(expected)s tags expected."),
    ),
    Phase.DISCREPANCY: (
        gettext_lazy("Audit discrepancies: %(campus)s"),
        gettext_lazy(
            "Document each of the %(discrepancies)s discrepancies scanning left at "
            "%(campus)s and submit them together."
        ),
    ),
    Phase.RECONCILIATION: (
        gettext_lazy("Audit reconciliation: %(campus)s"),
        gettext_lazy(
            "Search for the missing items of %(campus)s; settle every discrepancy and write "
            "the follow-up report with the findings."
        ),
    ),
    Phase.COMPLETION: (
        gettext_lazy("Audit completion: %(campus)s"),
        gettext_lazy(
            "The principal of %(campus)s acknowledges the audit; then the final tag export "
            "is attached and the audit completed."
        ),
    ),
}


def lock(audit: Audit) -> Audit:
    """The audit's row, locked until the transaction ends, with its current phase."""
    return Audit.objects.select_for_update(of=("self",)).select_related("campus").get(pk=audit.pk)


def require_phase_worker(actor: Person) -> None:
    if not policies.can_audit(actor):
        raise DomainError(
            _("Only inventory staff and system administrators run audits."), code="not_allowed"
        )
    if not policies.can_run_audit_phases(actor):
        raise DomainError(
            _(
                "Each audit phase is a service request: moving an audit on takes someone who "
                "works requests (an inventory technician)."
            ),
            code="not_allowed",
        )


def open_phase(audit: Audit, *, actor: Person, now: datetime, **facts: object) -> AuditPhase:
    """File the request for the audit's current phase, at the chart's priority."""
    summary, description = _PHASE_WORK[audit.phase]
    words = {"campus": audit.campus.name, **facts}
    request = work_requests.file_request(
        actor=actor,
        priority=(audit_workflow.CATEGORY, audit_workflow.PHASE_PRIORITY[audit.phase]),
        campus=audit.campus,
        summary=str(summary) % words,
        description=str(description) % words,
        impact=_("The official district technology audit of %(campus)s.") % words,
        now=now,
    )
    return AuditPhase.objects.create(
        audit=audit, phase=audit.phase, request=request, opened_at=now, opened_by=actor
    )


def _end_phase(audit: Audit, *, actor: Person, resolution: str, now: datetime) -> None:
    phase = audit.phases.select_related("request").get(phase=audit.phase)
    work_requests.resolve(phase.request, actor=actor, resolution=resolution, now=now)
    phase.ended_at, phase.ended_by = now, actor
    phase.save(update_fields=["ended_at", "ended_by"])


def _move_on(audit: Audit, step: str, *, actor: Person, resolution: str, now: datetime) -> None:
    after = audit_workflow.check(audit, step)
    _end_phase(audit, actor=actor, resolution=resolution, now=now)
    audit.phase = after
    audit.save(update_fields=["phase"])


def _discrepancies_from_scanning(audit: Audit) -> list[AuditDiscrepancy]:
    kinds = {
        AuditItem.State.MISSING: Kind.MISSING,
        AuditItem.State.MISPLACED: Kind.MISPLACED,
        AuditItem.State.FOUND: Kind.FOUND,
    }
    items = (
        audit.items.filter(state__in=kinds)
        .values_list("state", "asset_id", "asset__bar_tag", "expected_room_id", "scanned_room_id")
        .order_by("asset__bar_tag")
    )
    rows = [
        AuditDiscrepancy(
            audit=audit,
            kind=kinds[state],
            asset_id=asset,
            tag=tag,
            expected_room_id=expected_room,
            scanned_room_id=scanned_room,
        )
        for state, asset, tag, expected_room, scanned_room in items.iterator(chunk_size=BATCH)
    ]
    # An unknown tag, once per tag, in the room where it was first scanned.
    first_scans = (
        audit.scans.filter(result=AuditScan.Result.UNKNOWN)
        .values("tag")
        .annotate(first=Min("id"))
        .values_list("first", flat=True)
    )
    for tag, room in AuditScan.objects.filter(pk__in=first_scans).values_list("tag", "room_id"):
        rows.append(AuditDiscrepancy(audit=audit, kind=Kind.UNKNOWN, tag=tag, scanned_room_id=room))
    return rows


@transaction.atomic
def end_scanning(audit: Audit, *, actor: Person, now: datetime | None = None) -> Audit:
    """Close scanning: every tag still Missing, Misplaced or Found, and every unknown tag,
    becomes a discrepancy to document."""
    now = now or timezone.now()
    require_phase_worker(actor)
    audit = lock(audit)
    audit_workflow.check(audit, "end_scanning")
    rows = _discrepancies_from_scanning(audit)
    AuditDiscrepancy.objects.bulk_create(rows, batch_size=BATCH)
    missing = sum(1 for row in rows if row.kind == Kind.MISSING)
    resolution = _(
        "Scanning ended: %(scanned)s of %(expected)s expected tags scanned; "
        "%(discrepancies)s discrepancies to document."
    ) % {
        "scanned": audit.expected_count - missing,
        "expected": audit.expected_count,
        "discrepancies": len(rows),
    }
    _move_on(audit, "end_scanning", actor=actor, resolution=resolution, now=now)
    open_phase(audit, actor=actor, now=now, discrepancies=len(rows))
    record_event(
        audit,
        actor=actor,
        code="audit.scanning_ended",
        occurred_at=now,
        discrepancies=len(rows),
        missing=missing,
    )
    return audit


@transaction.atomic
def submit_discrepancies(audit: Audit, *, actor: Person, now: datetime | None = None) -> Audit:
    """Submit every discrepancy, each documented, together (seed 003, 7.3)."""
    now = now or timezone.now()
    require_phase_worker(actor)
    audit = lock(audit)
    audit_workflow.check(audit, "submit_discrepancies")
    undocumented = list(
        audit.discrepancies.filter(documented_at__isnull=True).values_list("tag", flat=True)[:6]
    )
    if undocumented:
        raise DomainError(
            _("Document every discrepancy before submitting; still to document: %(tags)s.")
            % {"tags": ", ".join(undocumented[:5]) + ("…" if len(undocumented) > 5 else "")},
            code="undocumented_discrepancies",
        )
    count = audit.discrepancies.count()
    resolution = _("%(count)s documented discrepancies submitted for reconciliation.") % {
        "count": count
    }
    _move_on(audit, "submit_discrepancies", actor=actor, resolution=resolution, now=now)
    open_phase(audit, actor=actor, now=now)
    record_event(
        audit, actor=actor, code="audit.discrepancies_submitted", occurred_at=now, count=count
    )
    return audit


@transaction.atomic
def end_reconciliation(
    audit: Audit, *, actor: Person, findings: str, now: datetime | None = None
) -> Audit:
    """Close the search: every discrepancy settled, and the follow-up report written."""
    now = now or timezone.now()
    require_phase_worker(actor)
    audit = lock(audit)
    audit_workflow.check(audit, "end_reconciliation")
    if not findings.strip():
        raise DomainError(
            _("Write the follow-up report: what the search found."),
            code="findings_required",
            field="findings",
        )
    still_open = audit.discrepancies.filter(outcome=AuditDiscrepancy.Outcome.OPEN).count()
    if still_open:
        raise DomainError(
            _(
                "%(count)s discrepancies are not settled yet: move, investigate, find or write "
                "off each one."
            )
            % {"count": still_open},
            code="open_discrepancies",
        )
    audit.findings = findings.strip()
    audit.save(update_fields=["findings"])
    _move_on(audit, "end_reconciliation", actor=actor, resolution=audit.findings, now=now)
    open_phase(audit, actor=actor, now=now)
    record_event(audit, actor=actor, code="audit.reconciled", occurred_at=now)
    return audit


@transaction.atomic
def acknowledge_audit(audit: Audit, *, actor: Person, now: datetime | None = None) -> Audit:
    """The campus principal's acknowledgement, by their own sign-in."""
    now = now or timezone.now()
    audit = lock(audit)
    if not policies.can_acknowledge(actor, audit):
        raise DomainError(
            _("Only the principal of %(campus)s acknowledges its audit.")
            % {"campus": audit.campus.name},
            code="not_allowed",
        )
    audit_workflow.check(audit, "acknowledge")
    if audit.acknowledged_at is not None:
        raise DomainError(
            _("This audit has already been acknowledged."), code="already_acknowledged"
        )
    audit.acknowledged_at, audit.acknowledged_by = now, actor
    audit.save(update_fields=["acknowledged_at", "acknowledged_by"])
    record_event(audit, actor=actor, code="audit.acknowledged", occurred_at=now)
    return audit


def _attach_final_tags(audit: Audit, *, actor: Person, now: datetime) -> None:
    """Seed 003, 7.9: the completion request carries the final tag export as a file, as it
    stood when the audit was completed."""
    phase = audit.phases.select_related("request").get(phase=audit.phase)
    lines = exports.final_tag_lines(
        audit, selectors.final_tags(audit), list(selectors.discrepancies_of(audit))
    )
    name = f"audit-{audit.campus.code}-{audit.started_at:%Y%m%d}-tags.csv"
    export = SimpleUploadedFile(name, "".join(lines).encode(), content_type="text/csv")
    attachments.attach_files(phase.request, actor=actor, files=[export], now=now)


@transaction.atomic
def complete_audit(audit: Audit, *, actor: Person, now: datetime | None = None) -> Audit:
    """Resolve the completion request with the acknowledgement and the final tag export."""
    now = now or timezone.now()
    require_phase_worker(actor)
    audit = lock(audit)
    audit_workflow.check(audit, "complete")
    if audit.acknowledged_at is None:
        raise DomainError(
            _("The campus principal acknowledges the audit before it is completed."),
            code="not_acknowledged",
        )
    resolution = _("Acknowledged by %(principal)s on %(date)s. Final tag export: %(export)s") % {
        "principal": audit.acknowledged_by,
        "date": timezone.localtime(audit.acknowledged_at).date().isoformat(),
        "export": reverse("audit_tags_export", kwargs={"pk": audit.pk}),
    }
    _attach_final_tags(audit, actor=actor, now=now)
    _move_on(audit, "complete", actor=actor, resolution=resolution, now=now)
    audit.completed_at = now
    audit.save(update_fields=["completed_at"])
    record_event(audit, actor=actor, code="audit.completed", occurred_at=now)
    return audit
