"""The supervisor's decision (seed 002, step 2): approve or deny with feedback, told to the
requester and the technology team either way; and delegating approvals while away."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.acquisitions import policies
from districtdesk.acquisitions.models import ApprovalDelegation, StandardItem, TechnologyRequest
from districtdesk.acquisitions.services.common import advance, lock, require
from districtdesk.acquisitions.services.review import record_denial
from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.service_requests.services import linked

NOT_YOURS = _("Only the requester's supervisor, or someone they delegated to, decides this.")


def _today(now: datetime) -> date:
    return timezone.localdate(now)


@transaction.atomic
def approve(
    request: TechnologyRequest, *, actor: Person, feedback: str = "", now: datetime | None = None
) -> TechnologyRequest:
    """Approved: the technology team gets a quote; the clock runs again."""
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_approve(actor, request, _today(now)), NOT_YOURS)
    request.decided_by = actor
    request.decided_at = now
    request.approval_feedback = feedback.strip()
    advance(request, "approve", now=now, fields=["decided_by", "decided_at", "approval_feedback"])
    linked.release(request.service_request, actor=actor, now=now)
    record_event(
        request,
        actor=actor,
        code="technology.approved",
        occurred_at=now,
        approver=str(actor),
        on_behalf_of=str(request.approver) if actor.pk != request.approver_id else "",
        feedback=request.approval_feedback,
    )
    return request


@transaction.atomic
def deny(
    request: TechnologyRequest,
    *,
    actor: Person,
    reason: str,
    explanation: str,
    alternatives: Iterable[StandardItem] = (),
    alternatives_text: str = "",
    now: datetime | None = None,
) -> TechnologyRequest:
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_approve(actor, request, _today(now)), NOT_YOURS)
    record_denial(
        request,
        actor=actor,
        step=TechnologyRequest.DeniedAt.APPROVAL,
        reason=reason,
        explanation=explanation,
        alternatives=alternatives,
        alternatives_text=alternatives_text,
        now=now,
    )
    return request


@transaction.atomic
def delegate_approvals(
    *,
    actor: Person,
    delegate: Person,
    starts_on: date,
    ends_on: date,
    now: datetime | None = None,
) -> ApprovalDelegation:
    """While away, someone else approves in the supervisor's place (from and until, both
    days included)."""
    now = now or timezone.now()
    require(policies.can_delegate(actor), _("Only supervisors delegate their approvals."))
    if delegate.pk == actor.pk:
        raise DomainError(
            _("Choose someone other than yourself."), code="delegate_self", field="delegate"
        )
    if not delegate.is_active:
        raise DomainError(
            _("%(person)s's account is inactive.") % {"person": delegate},
            code="inactive_delegate",
            field="delegate",
        )
    if ends_on < starts_on:
        raise DomainError(
            _("The last day comes before the first."), code="ends_before_start", field="ends_on"
        )
    if ends_on < _today(now):
        raise DomainError(
            _("The delegation would already be over."), code="ends_in_past", field="ends_on"
        )
    delegation = ApprovalDelegation.objects.create(
        supervisor=actor, delegate=delegate, starts_on=starts_on, ends_on=ends_on, created_at=now
    )
    record_event(
        delegation,
        actor=actor,
        code="delegation.created",
        occurred_at=now,
        supervisor=str(actor),
        delegate=str(delegate),
        dates=f"{starts_on.isoformat()} – {ends_on.isoformat()}",
    )
    return delegation


@transaction.atomic
def revoke_delegation(
    delegation: ApprovalDelegation, *, actor: Person, now: datetime | None = None
) -> ApprovalDelegation:
    now = now or timezone.now()
    delegation = ApprovalDelegation.objects.select_for_update().get(pk=delegation.pk)
    require(delegation.supervisor_id == actor.pk, _("Only the supervisor revokes a delegation."))
    if delegation.revoked_at is None:
        delegation.revoked_at = now
        delegation.save(update_fields=["revoked_at"])
        record_event(
            delegation,
            actor=actor,
            code="delegation.revoked",
            occurred_at=now,
            supervisor=str(actor),
            delegate=str(delegation.delegate),
        )
    return delegation
