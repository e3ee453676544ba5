"""Scheduled maintenance (seed 003, category 5): project work with a planned completion date
instead of an SLA. Its date can be moved with a reason; a supervisor may approve working it
ahead of overdue requests, which otherwise come first."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.service_requests import policies, workflow
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services.working import check_planned_completion, lock


def _require_scheduled_work(request: ServiceRequest) -> None:
    if request.category_id is None or not request.category.needs_planned_completion:
        raise DomainError(
            _("Only scheduled maintenance has a planned completion date."),
            code="not_scheduled_work",
        )


def _require_reason(reason: str, message: str) -> None:
    if not reason.strip():
        raise DomainError(message, code="reason_required", field="reason")


@transaction.atomic
def plan_completion(
    request: ServiceRequest,
    *,
    actor: Person,
    planned_completion: date | None,
    reason: str,
    now: datetime | None = None,
) -> ServiceRequest:
    """Move a scheduled request's planned completion date, saying why."""
    request = lock(request)
    if not policies.can_work(actor, request):
        raise DomainError(_("You may not work this request."), code="not_allowed")
    workflow.check(request, "plan")
    _require_scheduled_work(request)
    now = now or timezone.now()
    planned_completion = check_planned_completion(planned_completion, now=now)
    _require_reason(reason, _("Say why the planned completion date moves."))
    before = request.planned_completion
    request.planned_completion = planned_completion
    request.save(update_fields=["planned_completion"])
    record_event(
        request,
        actor=actor,
        code="request.completion_planned",
        occurred_at=now,
        before=before.isoformat() if before else "",
        after=planned_completion.isoformat(),
        reason=reason,
    )
    return request


@transaction.atomic
def approve_working_ahead(
    request: ServiceRequest, *, actor: Person, reason: str, now: datetime | None = None
) -> ServiceRequest:
    """Seed 003, category 5, item 4: overdue requests are worked ahead of scheduled ones
    "unless there is supervisor approval". The approved request heads its queues."""
    request = lock(request)
    if not policies.can_approve_working_ahead(actor, request):
        raise DomainError(
            _("Only a Technology Services supervisor approves working ahead of overdue requests."),
            code="not_allowed",
        )
    workflow.check(request, "work_ahead")
    _require_scheduled_work(request)
    if request.queue_rank == ServiceRequest.QueueRank.WORKED_AHEAD:
        raise DomainError(
            _("Working this request ahead is already approved."), code="already_approved"
        )
    _require_reason(reason, _("Say why this work goes ahead of overdue requests."))
    request.worked_ahead_approved_by = actor
    request.worked_ahead_reason = reason
    request.queue_rank = ServiceRequest.QueueRank.WORKED_AHEAD
    request.save(update_fields=["worked_ahead_approved_by", "worked_ahead_reason", "queue_rank"])
    record_event(
        request,
        actor=actor,
        code="request.worked_ahead_approved",
        occurred_at=now,
        reason=reason,
    )
    return request
