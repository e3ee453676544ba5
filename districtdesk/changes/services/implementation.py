"""Carrying a change out and looking back on it: schedule, start, complete, review, close.

Who is to be told travels on each event as facts (role codes, campus ids) for the
notifications app: affected campuses before the change, directors and managers when an
emergency is implemented, and on completion the affected campuses, their principals and
the superintendent (seed 000 and seed 001's procedure, step 3).
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.changes import policies, selectors, workflow
from districtdesk.changes.lock_objects import lock_change
from districtdesk.changes.models import (
    AgendaItem,
    ChangeControlSettings,
    ChangeRequest,
    ChangeReview,
    Meeting,
)
from districtdesk.changes.services.submission import refuse
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person, Role

Type = ChangeRequest.Type
Outcome = ChangeRequest.Outcome


def _campus_ids(change: ChangeRequest) -> list[int]:
    return sorted(change.campuses.values_list("pk", flat=True))


def _step(change: ChangeRequest, actor: Person, step: str) -> tuple[ChangeRequest, str]:
    change = lock_change(change)
    refuse(
        policies.can_implement(actor, change),
        _("Technology Services staff who may submit changes carry them out."),
    )
    return change, workflow.check(change, step, selectors.current_settings().approval_model)


def _require_eligible(change: ChangeRequest, now: datetime) -> None:
    """Seed 000: approved changes are eligible after the close of the meeting."""
    if change.change_type != Type.SCHEDULED:
        return
    if change.eligible_at is None or change.eligible_at > now:
        raise DomainError(
            _("An approved change may go ahead once the meeting that approved it has closed."),
            code="not_yet_eligible",
        )


@transaction.atomic
def schedule_change(
    change: ChangeRequest, *, actor: Person, now: datetime | None = None
) -> ChangeRequest:
    """Confirm the approved time and tell the affected users and campuses."""
    now = now or timezone.now()
    change, after = _step(change, actor, "schedule")
    _require_eligible(change, now)
    change.status = after
    change.save(update_fields=["status"])
    record_event(
        change,
        actor=actor,
        code="change.scheduled",
        occurred_at=now,
        notify_campus_ids=_campus_ids(change),
        planned_start=change.planned_start.isoformat(),
    )
    return change


@transaction.atomic
def start_change(
    change: ChangeRequest, *, actor: Person, now: datetime | None = None
) -> ChangeRequest:
    now = now or timezone.now()
    change, after = _step(change, actor, "start")
    _require_eligible(change, now)
    change.status, change.started_at = after, now
    change.save(update_fields=["status", "started_at"])
    if change.is_emergency:
        record_event(
            change,
            actor=actor,
            code="change.emergency_implemented",
            occurred_at=now,
            notify_roles=[Role.DIRECTOR.value],
            notify_campus_ids=_campus_ids(change),
        )
    else:
        record_event(change, actor=actor, code="change.started", occurred_at=now)
    return change


@transaction.atomic
def complete_change(
    change: ChangeRequest,
    *,
    actor: Person,
    outcome: str,
    notes: str = "",
    now: datetime | None = None,
) -> ChangeRequest:
    """Record the outcome; an emergency finished before anyone started it in the system
    counts as started and finished now, with its directors told."""
    if outcome not in Outcome.values or not outcome:
        raise DomainError(_("Choose the outcome."), code="outcome_required", field="outcome")
    now = now or timezone.now()
    change, after = _step(change, actor, "complete")
    if change.started_at is None:
        change.started_at = now
        record_event(
            change,
            actor=actor,
            code="change.emergency_implemented",
            occurred_at=now,
            notify_roles=[Role.DIRECTOR.value],
            notify_campus_ids=_campus_ids(change),
        )
    change.status, change.outcome, change.completed_at = after, outcome, now
    change.save(update_fields=["status", "outcome", "started_at", "completed_at"])
    record_event(
        change,
        actor=actor,
        code="change.completed",
        occurred_at=now,
        outcome=outcome,
        notes=notes,
        notify_roles=[Role.PRINCIPAL.value, Role.SUPERINTENDENT.value],
        notify_campus_ids=_campus_ids(change),
    )
    return change


@transaction.atomic
def review_change(
    change: ChangeRequest,
    *,
    actor: Person,
    what_happened: str,
    impact: str,
    lessons: str = "",
    follow_up_actions: str = "",
    now: datetime | None = None,
) -> ChangeReview:
    """Seed 001: a review for every change, scheduled or not, successful or not."""
    now = now or timezone.now()
    change = lock_change(change)
    refuse(
        policies.can_implement(actor, change) or policies.can_decide(actor, "meeting"),
        _("Technology Services staff and the committee review changes."),
    )
    after = workflow.check(change, "review", selectors.current_settings().approval_model)
    for field, value in (("what_happened", what_happened), ("impact", impact)):
        if not value.strip():
            raise DomainError(_("This field is required."), code="required", field=field)
    review = ChangeReview.objects.create(
        change=change,
        what_happened=what_happened,
        impact=impact,
        lessons=lessons,
        follow_up_actions=follow_up_actions,
        reviewer=actor,
        reviewed_at=now,
    )
    change.status = after
    change.save(update_fields=["status"])
    record_event(change, actor=actor, code="change.reviewed", occurred_at=now)
    return review


@transaction.atomic
def close_change(
    change: ChangeRequest, *, actor: Person, now: datetime | None = None
) -> ChangeRequest:
    now = now or timezone.now()
    change = lock_change(change)
    refuse(policies.can_coordinate(actor), _("The change coordinator closes changes."))
    model = selectors.current_settings().approval_model
    change.status = workflow.check(change, "close", model)
    if (
        change.is_emergency
        and model == ChangeControlSettings.ApprovalModel.MEETING
        and not change.agenda_items.filter(purpose=AgendaItem.Purpose.REVIEW)
        .exclude(meeting__status=Meeting.Status.PLANNED)
        .exists()
    ):
        # Seed 000: an emergency is discussed at the next Change Control meeting.
        raise DomainError(
            _("An emergency change is reviewed at a Change Control meeting before it closes."),
            code="emergency_not_reviewed_at_meeting",
        )
    change.closed_at = now
    change.save(update_fields=["status", "closed_at"])
    record_event(change, actor=actor, code="change.closed", occurred_at=now)
    return change
