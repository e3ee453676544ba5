"""The Change Control Reports the coordinator distributes (seed 000): current Emergency,
Approved, Informational and Scheduled changes, and the SOPs (standard operating
procedures), each as a page, a printed sheet and a CSV.

Cells a spreadsheet would run as a formula are prefixed with an apostrophe (OWASP's advice
against CSV injection): a change's title is typed by its submitter."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districtdesk.changes.models import ChangeRequest, StandardOperatingProcedure
from districtdesk.core.spreadsheets import safe_text

Status = ChangeRequest.Status
Type = ChangeRequest.Type
FINISHED = (Status.DRAFT, Status.CLOSED, Status.DENIED)


@dataclass(frozen=True)
class Report:
    slug: str
    title: object
    description: object
    condition: Q
    order: tuple[str, ...]


REPORTS = {
    report.slug: report
    for report in (
        Report(
            "emergency",
            _("Emergency changes"),
            _("Emergency changes not yet closed: acted on first, discussed at the next meeting."),
            Q(change_type=Type.EMERGENCY) & ~Q(status__in=FINISHED),
            ("-planned_start", "-pk"),
        ),
        Report(
            "approved",
            _("Approved changes"),
            _("Scheduled changes approved and waiting to be scheduled."),
            Q(change_type=Type.SCHEDULED, status=Status.APPROVED),
            ("planned_start", "pk"),
        ),
        Report(
            "informational",
            _("Informational changes"),
            _("Changes brought for the record, not yet closed."),
            Q(change_type=Type.INFORMATIONAL) & ~Q(status__in=FINISHED),
            ("planned_start", "pk"),
        ),
        Report(
            "scheduled",
            _("Scheduled changes"),
            _("Changes scheduled or in progress, soonest first."),
            Q(status__in=[Status.SCHEDULED, Status.IN_PROGRESS]),
            ("planned_start", "pk"),
        ),
    )
}

# The SOPs are procedures, not changes: their own report beside the others.
SOPS = Report(
    "sops",
    _("SOPs"),
    _("Standard operating procedures in force, with their owners and the changes linked."),
    Q(is_active=True),
    ("title", "pk"),
)
TABS = (*REPORTS.values(), SOPS)

HEADER = (
    "number",
    "title",
    "type",
    "status",
    "category",
    "risk",
    "systems",
    "campuses",
    "planned_start",
    "planned_end",
    "submitter",
    "service_request",
    "outcome",
)


def rows_of(report: Report, changes: QuerySet[ChangeRequest]) -> QuerySet[ChangeRequest]:
    """The report's changes out of those the viewer sees; systems and campuses prefetched."""
    return changes.filter(report.condition).order_by(*report.order)


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def csv_row(change: ChangeRequest) -> list[str]:
    values = [
        change.number,
        change.title,
        change.get_change_type_display(),
        change.get_status_display(),
        change.get_category_display(),
        change.get_risk_level_display(),
        "; ".join(system.name for system in change.systems.all()),
        "; ".join(campus.name for campus in change.campuses.all()),
        _when(change.planned_start),
        _when(change.planned_end),
        str(change.submitter),
        change.service_request.number if change.service_request_id else "",
        change.get_outcome_display() if change.outcome else "",
    ]
    return [safe_text(value) for value in values]


def csv_lines(changes: QuerySet[ChangeRequest]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for change in changes:
        writer.writerow(csv_row(change))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


PROCEDURE_HEADER = (
    "title",
    "system",
    "owner",
    "last_reviewed",
    "document_url",
    "linked_changes",
    "procedure",
)


def procedures() -> QuerySet[StandardOperatingProcedure]:
    """The SOPs in force, with what their rows show, in a fixed number of queries."""
    return (
        StandardOperatingProcedure.objects.filter(SOPS.condition)
        .select_related("system", "owner")
        .prefetch_related("changes")
        .order_by(*SOPS.order)
    )


def procedure_row(procedure: StandardOperatingProcedure) -> list[str]:
    values = [
        procedure.title,
        procedure.system.name if procedure.system_id else "",
        str(procedure.owner),
        procedure.last_reviewed.isoformat(),
        procedure.document_url,
        "; ".join(change.number for change in procedure.changes.all()),
        procedure.text,
    ]
    return [safe_text(value) for value in values]


def procedure_csv_lines(rows: QuerySet[StandardOperatingProcedure]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PROCEDURE_HEADER)
    for procedure in rows:
        writer.writerow(procedure_row(procedure))
    yield buffer.getvalue()
