"""The technology team's review (seed 002, step 2): feasibility, impact and fit with the
district's technology standards; forward to the requester's supervisor, or deny with the
reason and the alternatives."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk import sla
from districtdesk.acquisitions import policies
from districtdesk.acquisitions.models import StandardItem, TechnologyRequest
from districtdesk.acquisitions.services.common import advance, lock, require, required_text
from districtdesk.activity.events import record_event
from districtdesk.core.calendars import to_sla_calendar
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.service_requests import clock
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import linked

Status = TechnologyRequest.Status
# "A request waiting too long on approval is visible as such": two business days.
APPROVAL_WAITS_AT_MOST = sla.BusinessDuration.days(2)


def approval_overdue_at(forwarded_at: datetime) -> datetime | None:
    calendar = to_sla_calendar(clock.default_calendar())
    if calendar is None:
        return None
    return sla.add_business_duration(calendar, forwarded_at, APPROVAL_WAITS_AT_MOST)


def _acknowledge(request: TechnologyRequest, *, actor: Person, now: datetime) -> None:
    """Reviewing is the technology team's answer to the request: it meets the service
    request's acknowledge target if nobody has yet."""
    linked.acknowledge(request.service_request, actor=actor, now=now)


@transaction.atomic
def forward_for_approval(
    request: TechnologyRequest,
    *,
    actor: Person,
    notes: str = "",
    now: datetime | None = None,
) -> TechnologyRequest:
    """Feasible and fits the standards: on to the requester's immediate supervisor, from the
    people directory. The service request waits on the district meanwhile."""
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_work(actor, request), _("Only the technology team reviews requests."))
    workflow_ready = request.status == Status.IN_REVIEW
    supervisor = request.requester.supervisor
    if workflow_ready and (supervisor is None or not supervisor.is_active):
        raise DomainError(
            _(
                "%(requester)s has no active supervisor in the people directory: a system "
                "administrator sets one before the request can be approved."
            )
            % {"requester": request.requester},
            code="no_supervisor",
        )
    request.reviewed_by = actor
    request.review_notes = notes.strip()
    request.approver = supervisor
    request.forwarded_at = now
    request.approval_overdue_at = approval_overdue_at(now)
    request.approval_reminded_at = None
    advance(
        request,
        "forward",
        now=now,
        fields=[
            "reviewed_by",
            "review_notes",
            "approver",
            "forwarded_at",
            "approval_overdue_at",
            "approval_reminded_at",
        ],
    )
    _acknowledge(request, actor=actor, now=now)
    linked.hold(
        request.service_request,
        actor=actor,
        waiting_on=ServiceRequest.WaitingOn.DISTRICT,
        reason=_("Awaiting approval by %(approver)s") % {"approver": supervisor},
        now=now,
    )
    record_event(
        request,
        actor=actor,
        code="technology.forwarded",
        occurred_at=now,
        approver=str(supervisor),
        notes=request.review_notes,
        notify_delegate_ids=policies.delegates_of(supervisor.pk, timezone.localdate(now)),
    )
    return request


def record_denial(
    request: TechnologyRequest,
    *,
    actor: Person,
    step: str,
    reason: str,
    explanation: str,
    alternatives: Iterable[StandardItem],
    alternatives_text: str,
    now: datetime,
) -> None:
    """The denial, its reason and the alternatives offered; the service request resolves with
    them, so the requester is told (seed 002: "notified of the reason")."""
    if reason not in TechnologyRequest.DenialReason.values:
        raise DomainError(
            _("Choose the reason for the denial."), code="reason_required", field="denial_reason"
        )
    explanation = required_text(
        explanation, "explanation", _("Explain the denial to the requester.")
    )
    alternatives = list(alternatives)
    request.denied_at_step = step
    request.denial_reason = reason
    request.denial_explanation = explanation
    request.alternatives_text = alternatives_text.strip()
    request.decided_by = actor
    request.decided_at = now
    advance(
        request,
        "deny_in_review" if step == TechnologyRequest.DeniedAt.REVIEW else "deny_approval",
        now=now,
        fields=[
            "denied_at_step",
            "denial_reason",
            "denial_explanation",
            "alternatives_text",
            "decided_by",
            "decided_at",
        ],
    )
    request.alternatives.set(alternatives)
    offered = ", ".join([str(item) for item in alternatives] + [request.alternatives_text])
    resolution = _("Denied: %(reason)s. %(explanation)s") % {
        "reason": request.get_denial_reason_display(),
        "explanation": explanation,
    }
    if offered.strip(", "):
        resolution += " " + _("Alternatives offered: %(alternatives)s") % {
            "alternatives": offered.strip(", ")
        }
    linked.settle(request.service_request, actor=actor, resolution=resolution, now=now)
    record_event(
        request,
        actor=actor,
        code="technology.denied",
        occurred_at=now,
        step=str(TechnologyRequest.DeniedAt(step).label),
        step_code=step,
        reason=str(request.get_denial_reason_display()),
        reason_code=reason,
        explanation=explanation,
        alternatives=[item.pk for item in alternatives],
        alternatives_text=request.alternatives_text,
    )


@transaction.atomic
def deny_in_review(
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
    require(policies.can_work(actor, request), _("Only the technology team reviews requests."))
    request.reviewed_by = actor
    request.save(update_fields=["reviewed_by"])
    _acknowledge(request, actor=actor, now=now)
    record_denial(
        request,
        actor=actor,
        step=TechnologyRequest.DeniedAt.REVIEW,
        reason=reason,
        explanation=explanation,
        alternatives=alternatives,
        alternatives_text=alternatives_text,
        now=now,
    )
    return request
