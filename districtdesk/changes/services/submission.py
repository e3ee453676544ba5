"""Writing a change request and submitting it: the draft, its revisions, the submission
with the rules' flags, and the coordinator's lead-time override."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.changes import policies, selectors, workflow
from districtdesk.changes.lock_objects import lock_change
from districtdesk.changes.models import ChangeRequest
from districtdesk.changes.rules import EARLIEST, LATEST, MAX_DURATION
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.service_requests.policies import requests_visible_to

Type = ChangeRequest.Type

# Fields a draft is written with; systems and campuses are set alongside.
DRAFT_FIELDS = (
    "title",
    "change_type",
    "category",
    "description",
    "reason",
    "risk_level",
    "risk_and_impact",
    "affected_users",
    "implementation_plan",
    "back_out_plan",
    "test_plan",
    "planned_start",
    "planned_end",
    "affects_connectivity",
    "service_request",
)


def refuse(allowed: bool, message: str, code: str = "not_allowed", field: str | None = None):
    if not allowed:
        raise DomainError(message, code=code, field=field)


def _validate(change: ChangeRequest, actor: Person) -> None:
    start, end = change.planned_start, change.planned_end
    if start and end and end <= start:
        raise DomainError(
            _("The change must end after it starts."), code="ends_before_start", field="planned_end"
        )
    if start and end and end - start > MAX_DURATION:
        raise DomainError(
            _("Plan a change that lasts at most %(days)s days; split a longer one.")
            % {"days": MAX_DURATION.days},
            code="too_long",
            field="planned_end",
        )
    if start and not (EARLIEST <= start <= LATEST):
        raise DomainError(
            _("Plan the change between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST.year, "latest": LATEST.year},
            code="out_of_range",
            field="planned_start",
        )
    linked = change.service_request
    if linked is not None and not requests_visible_to(actor).filter(pk=linked.pk).exists():
        raise DomainError(
            _("You cannot see that service request."),
            code="service_request_not_visible",
            field="service_request",
        )
    try:
        change.full_clean(exclude=["submitter", "service_request"])
    except ValidationError as invalid:
        field, messages = next(iter(invalid.message_dict.items()))
        raise DomainError(messages[0], code="invalid", field=field) from invalid


@transaction.atomic
def draft_change(
    *, actor: Person, systems=(), campuses=(), now: datetime | None = None, **fields
) -> ChangeRequest:
    """A new change request, kept as a draft until its submitter submits it."""
    refuse(
        policies.can_submit(actor),
        _("Department heads, managers, supervisors and subject-matter experts write changes."),
    )
    now = now or timezone.now()
    change = ChangeRequest(
        submitter=actor,
        created_at=now,
        **{name: fields[name] for name in fields if name in DRAFT_FIELDS},
    )
    _validate(change, actor)
    change.save()
    change.systems.set(systems)
    change.campuses.set(campuses)
    record_event(
        change,
        actor=actor,
        code="change.drafted",
        occurred_at=now,
        number=change.number,
        change_type=change.change_type,
    )
    return change


@transaction.atomic
def revise_change(
    change: ChangeRequest,
    *,
    actor: Person,
    systems=None,
    campuses=None,
    now: datetime | None = None,
    **fields,
) -> ChangeRequest:
    """Change a draft (or a deferred change, before it goes back on an agenda)."""
    change = lock_change(change)
    refuse(policies.can_edit(actor, change), _("Only the submitter or the coordinator edits it."))
    workflow.check(change, "revise", selectors.current_settings().approval_model)
    changed = sorted(
        name for name in fields if name in DRAFT_FIELDS and getattr(change, name) != fields[name]
    )
    for name in changed:
        setattr(change, name, fields[name])
    if change.status == ChangeRequest.Status.DEFERRED and "change_type" in changed:
        raise DomainError(
            _("A deferred change keeps its type."), code="type_fixed", field="change_type"
        )
    _validate(change, actor)
    change.save()
    if systems is not None:
        change.systems.set(systems)
        changed.append("systems")
    if campuses is not None:
        change.campuses.set(campuses)
        changed.append("campuses")
    record_event(
        change,
        actor=actor,
        code="change.revised",
        occurred_at=now or timezone.now(),
        fields=", ".join(changed),
    )
    return change


@transaction.atomic
def submit_change(
    change: ChangeRequest, *, actor: Person, now: datetime | None = None
) -> ChangeRequest:
    """Submit a draft. The rules' flags are recorded; a scheduled change that would have to
    act before the boundary of its first meeting is refused: it is an emergency (seed 000)."""
    now = now or timezone.now()
    change = lock_change(change)
    refuse(policies.can_edit(actor, change), _("Only the submitter or the coordinator submits it."))
    refuse(policies.can_submit(actor), _("Your role does not submit changes."))
    after = workflow.check(change, "submit", selectors.current_settings().approval_model)
    if change.change_type != Type.INFORMATIONAL and change.service_request_id is None:
        raise DomainError(
            _(
                "Link the service request this change answers; only informational "
                "changes go without one."
            ),
            code="service_request_required",
            field="service_request",
        )
    if not (change.systems.exists() or change.campuses.exists()):
        raise DomainError(
            _("Name at least one system or campus the change affects."),
            code="nothing_affected",
            field="systems",
        )
    change.status, change.submitted_at = after, now
    flags = selectors.flags_for(change, now=now)
    if any(flag.code == "needs_emergency" for flag in flags):
        flag = next(flag for flag in flags if flag.code == "needs_emergency")
        raise DomainError(flag.reason, code="needs_emergency", field="change_type")
    change.save(update_fields=["status", "submitted_at"])
    record_event(
        change,
        actor=actor,
        code="change.submitted",
        occurred_at=now,
        number=change.number,
        flag_count=len(flags),
        flags=[flag.code for flag in flags],
    )
    return change


@transaction.atomic
def override_lead_time(
    change: ChangeRequest, *, actor: Person, reason: str, now: datetime | None = None
) -> ChangeRequest:
    """The coordinator accepts a scheduled change with less notice than the district asks."""
    change = lock_change(change)
    refuse(policies.can_coordinate(actor), _("Only the change coordinator overrides lead time."))
    workflow.check(change, "override_lead_time", selectors.current_settings().approval_model)
    refuse(
        bool(reason.strip()),
        _("Say why the short notice is acceptable."),
        "reason_required",
        "reason",
    )
    now = now or timezone.now()
    flags = selectors.flags_for(change, now=now)
    refuse(
        any(flag.code == "short_lead_time" for flag in flags),
        _("This change was submitted with enough notice; there is nothing to override."),
        "no_short_lead_time",
    )
    change.lead_time_override_by, change.lead_time_override_reason = actor, reason.strip()
    change.save(update_fields=["lead_time_override_by", "lead_time_override_reason"])
    record_event(
        change, actor=actor, code="change.lead_time_overridden", occurred_at=now, reason=reason
    )
    return change
