"""Deciding on a scheduled change: at the meeting, where the committee approves, denies or
defers each item, or by the single approver where the district has no committee."""

from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.changes import policies, selectors, workflow
from districtdesk.changes.lock_objects import lock_change, lock_meeting
from districtdesk.changes.models import AgendaItem, ChangeControlSettings, ChangeRequest, Meeting
from districtdesk.changes.services.submission import refuse
from districtdesk.changes.services.votes import require_quorum
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person

Type = ChangeRequest.Type
Status = ChangeRequest.Status
Purpose = AgendaItem.Purpose
Decision = AgendaItem.Decision


def purpose_for(change: ChangeRequest) -> str:
    if change.change_type == Type.INFORMATIONAL:
        return Purpose.INFORM
    if change.change_type == Type.SCHEDULED and change.status != Status.COMPLETED:
        return Purpose.DECIDE
    return Purpose.REVIEW


def add_to_agenda(
    meeting: Meeting, change: ChangeRequest, *, actor: Person, now: datetime
) -> AgendaItem:
    """Put a locked change on a locked meeting's agenda; part of a step's transaction."""
    workflow.check_meeting(meeting, "build_agenda")
    after = workflow.check(change, "place_on_agenda", ChangeControlSettings.ApprovalModel.MEETING)
    if meeting.items.filter(change=change).exists():
        raise DomainError(
            _("%(number)s is already on this agenda.") % {"number": change.number},
            code="already_on_agenda",
            field="change",
        )
    purpose = purpose_for(change)
    last = meeting.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting, change=change, purpose=purpose, position=last + 1
    )
    if after != change.status:
        change.status = after
        change.save(update_fields=["status"])
    record_event(
        change,
        actor=actor,
        code="change.placed_on_agenda",
        occurred_at=now,
        meeting=f"{timezone.localtime(meeting.scheduled_for):%Y-%m-%d %H:%M}",
        meeting_id=meeting.pk,
        purpose=purpose,
    )
    return item


def require_meeting_model() -> None:
    if selectors.current_settings().approval_model != ChangeControlSettings.ApprovalModel.MEETING:
        raise DomainError(
            _("This district uses a single approver, not a Change Control meeting."),
            code="no_meeting_model",
        )


@transaction.atomic
def place_on_agenda(
    change: ChangeRequest, *, actor: Person, meeting: Meeting, now: datetime | None = None
) -> AgendaItem:
    """The coordinator adds one change to a meeting that has not closed."""
    refuse(policies.can_coordinate(actor), _("The change coordinator keeps the agenda."))
    require_meeting_model()
    meeting = lock_meeting(meeting)
    change = lock_change(change)
    return add_to_agenda(meeting, change, actor=actor, now=now or timezone.now())


def _decide(
    change: ChangeRequest,
    *,
    actor: Person,
    step: str,
    decision: str,
    notes: str,
    denial_reason: str = "",
    now: datetime | None,
) -> ChangeRequest:
    now = now or timezone.now()
    settings_row = selectors.current_settings()
    model = settings_row.approval_model
    change = lock_change(change)
    refuse(
        policies.can_decide(actor, model),
        _("The committee decides at the meeting; the coordinator where there is no committee."),
    )
    after = workflow.check(change, step, model)
    if step == "approve" and not change.lead_time_overridden:
        flags = selectors.flags_for(change, now=now)
        short = next((flag for flag in flags if flag.code == "short_lead_time"), None)
        if short is not None:
            raise DomainError(
                _("%(reason)s The coordinator must override it first.") % {"reason": short.reason},
                code="lead_time_not_overridden",
            )
    if model == ChangeControlSettings.ApprovalModel.MEETING:
        item = (
            AgendaItem.objects.select_for_update()
            .filter(
                change=change,
                purpose=Purpose.DECIDE,
                decision="",
                meeting__status=Meeting.Status.OPEN,
            )
            .first()
        )
        if item is None:
            raise DomainError(
                _(
                    "Decisions are recorded while the meeting with this change on its agenda "
                    "is open."
                ),
                code="meeting_not_open",
            )
        require_quorum(item.meeting, settings_row)
        item.decision, item.denial_reason, item.notes = decision, denial_reason, notes
        item.decided_by, item.decided_at = actor, now
        item.save(update_fields=["decision", "denial_reason", "notes", "decided_by", "decided_at"])
    else:
        # The single approver's approval makes the change eligible at once.
        change.eligible_at = now if step == "approve" else None
    change.status, change.decided_at = after, now
    change.denial_reason, change.decision_notes = denial_reason, notes
    change.save(
        update_fields=["status", "decided_at", "denial_reason", "decision_notes", "eligible_at"]
    )
    params = {"notes": notes}
    if denial_reason:
        params["denial_reason"] = denial_reason
    record_event(change, actor=actor, code=f"change.{after}", occurred_at=now, **params)
    return change


def approve_change(
    change: ChangeRequest, *, actor: Person, notes: str = "", now: datetime | None = None
) -> ChangeRequest:
    with transaction.atomic():
        return _decide(
            change, actor=actor, step="approve", decision=Decision.APPROVE, notes=notes, now=now
        )


def deny_change(
    change: ChangeRequest,
    *,
    actor: Person,
    denial_reason: str,
    notes: str = "",
    now: datetime | None = None,
) -> ChangeRequest:
    """Seed 001: denied for inadequate planning or back-out plan, timing against a key
    business process, or resources that cannot be available; the reason is required."""
    if denial_reason not in ChangeRequest.DenialReason.values or not denial_reason:
        raise DomainError(
            _("Choose the reason for the denial."),
            code="denial_reason_required",
            field="denial_reason",
        )
    if denial_reason == ChangeRequest.DenialReason.OTHER and not notes.strip():
        raise DomainError(_("Describe the other reason."), code="notes_required", field="notes")
    with transaction.atomic():
        return _decide(
            change,
            actor=actor,
            step="deny",
            decision=Decision.DENY,
            notes=notes,
            denial_reason=denial_reason,
            now=now,
        )


def defer_change(
    change: ChangeRequest, *, actor: Person, notes: str = "", now: datetime | None = None
) -> ChangeRequest:
    with transaction.atomic():
        return _decide(
            change, actor=actor, step="defer", decision=Decision.DEFER, notes=notes, now=now
        )
