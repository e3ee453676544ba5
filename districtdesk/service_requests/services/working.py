"""Working a request: categorise, acknowledge, assign, wait, resume, resolve, reopen,
close and notes. Each step locks the request, checks the state machine, does the whole
step in one transaction and writes its event."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person, Team
from districtdesk.service_requests import clock, policies, tally, workflow
from districtdesk.service_requests.models import (
    Category,
    Note,
    Priority,
    RoutingRule,
    ServiceRequest,
    Target,
    WaitPeriod,
)

Status = ServiceRequest.Status


def lock(request: ServiceRequest) -> ServiceRequest:
    """The request's row, locked until the transaction ends, with its current status."""
    return ServiceRequest.objects.select_for_update().get(pk=request.pk)


def _require(allowed: bool, message: str, code: str) -> None:
    if not allowed:
        raise DomainError(message, code=code)


@dataclass(frozen=True)
class Routing:
    """Where a categorised request goes, and which rule (if any) sent it there."""

    team: Team | None
    technician: Person | None = None
    rule: RoutingRule | None = None


def _no_inventory(tag: str) -> int | None:
    return None


# Which asset type a bar tag has: the inventory app, a floor above, sets this when it is
# installed (its AppConfig.ready), so routing can match on asset type without importing it.
asset_type_of_tag: Callable[[str], int | None] = _no_inventory


def route(request: ServiceRequest, category: Category) -> Routing:
    """The first active routing rule that matches the request (by position), else the
    campus technicians who serve the request's campus."""
    asset_type_id = asset_type_of_tag(request.asset_tag) if request.asset_tag else None
    rule = (
        RoutingRule.objects.filter(
            Q(category__isnull=True) | Q(category=category),
            Q(campus__isnull=True) | Q(campus=request.campus_id),
            Q(system__isnull=True) | Q(system=request.system_id),
            Q(asset_type__isnull=True) | Q(asset_type=asset_type_id),
            is_active=True,
        )
        .select_related("team", "technician")
        .order_by("position", "pk")
        .first()
    )
    if rule is not None:
        return Routing(team=rule.team, technician=rule.technician, rule=rule)
    campus_team = (
        Team.objects.filter(kind=Team.Kind.CAMPUS_TECHNICIANS, campuses=request.campus_id)
        .order_by("pk")
        .first()
    )
    return Routing(team=campus_team)


def recompute(request: ServiceRequest, *, because: str) -> None:
    """Recompute every running target from its inputs and copy the next deadline onto the
    request. Call inside the step's transaction, after the step changed the inputs."""
    targets = list(request.targets.select_related("calendar"))
    waits = list(request.waits.all())
    calendars = {}
    for target in targets:
        if target.completed_at is not None:
            continue
        if target.calendar_id not in calendars:
            calendars[target.calendar_id] = clock.calendar_by_id(target.calendar_id)
        clock.compute(target, calendars[target.calendar_id], waits)
        target.recomputed_because = because
        target.save(update_fields=["due_at", "explanation", "recomputed_because"])
    request.due_at = clock.next_deadline(targets)
    request.save(update_fields=["due_at"])


def _validate_priority(category: Category, priority: Priority) -> None:
    if priority.category_id != category.pk:
        raise DomainError(
            _("Priority %(priority)s does not belong to category %(category)s.")
            % {"priority": priority, "category": category},
            code="priority_not_in_category",
            field="priority",
        )
    if not (category.is_active and priority.is_active):
        raise DomainError(
            _("That category or priority is no longer used."),
            code="inactive_priority",
            field="priority",
        )
    if priority.waiting_state:
        # The chart's Vendor Dependent and District Dependencies are states, not SLAs: the
        # request keeps its working priority and its clock stops while it waits.
        raise DomainError(
            _("Keep the working priority and use “Wait on vendor” or “Wait on district”."),
            code="waiting_priority",
            field="priority",
        )


# Seed 003, category 5: "Regular follow-up is still required … at least once a week".
STATUS_NOTE_EVERY = timedelta(days=7)
SCHEDULE_FIELDS = [
    "planned_completion",
    "status_note_due_at",
    "worked_ahead_approved_by",
    "worked_ahead_reason",
    "queue_rank",
]


def check_planned_completion(planned_completion: date | None, *, now: datetime) -> date:
    if planned_completion is None:
        raise DomainError(
            _("Scheduled maintenance is planned work: give its planned completion date."),
            code="planned_completion_required",
            field="planned_completion",
        )
    if planned_completion < timezone.localdate(now):
        raise DomainError(
            _("The planned completion date has already passed."),
            code="planned_completion_past",
            field="planned_completion",
        )
    return planned_completion


def _schedule(
    request: ServiceRequest, category: Category, planned_completion: date | None, *, now: datetime
) -> None:
    """Scheduled work (a category that needs a planned completion date) gets its date and its
    first weekly status note due; any other category leaves scheduled work's fields empty."""
    if category.needs_planned_completion:
        request.planned_completion = check_planned_completion(planned_completion, now=now)
        if request.status_note_due_at is None:
            request.status_note_due_at = now + STATUS_NOTE_EVERY
        return
    request.planned_completion = None
    request.status_note_due_at = None
    request.worked_ahead_approved_by = None
    request.worked_ahead_reason = ""
    request.queue_rank = ServiceRequest.QueueRank.BY_DUE_TIME


def apply_categorisation(
    request: ServiceRequest,
    *,
    actor: Person,
    category: Category,
    priority: Priority,
    team: Team | None = None,
    planned_completion: date | None = None,
    now: datetime,
) -> None:
    """Categorise a new request: route it, meet the categorise target, start the acknowledge
    and resolve clocks. Part of submit_request and categorise_request."""
    _validate_priority(category, priority)
    workflow.check(request, "categorise")
    _schedule(request, category, planned_completion, now=now)
    request.category, request.priority = category, priority
    routing = Routing(team=team) if team is not None else route(request, category)
    request.team = routing.team
    if routing.technician is not None and request.assignee_id is None:
        request.assignee = routing.technician
    request.status = Status.OPEN
    request.categorised_at = now
    request.save(
        update_fields=[
            "category",
            "priority",
            "team",
            "assignee",
            "status",
            "categorised_at",
            *SCHEDULE_FIELDS,
        ]
    )
    request.targets.filter(kind=Target.Kind.CATEGORISE).update(completed_at=now)
    default = clock.default_calendar()
    Target.objects.bulk_create(
        [
            Target(
                request=request,
                kind=Target.Kind.ACKNOWLEDGE,
                calendar=default,
                started_at=now,
                sla_days=clock.ACKNOWLEDGE_WITHIN.amount,
            ),
            clock.resolve_target(request, priority),
        ]
    )
    recompute(request, because="categorised")
    record_event(
        request,
        actor=actor,
        code="request.categorised",
        occurred_at=now,
        priority=str(priority),
        team=str(request.team or ""),
        rule=routing.rule.name if routing.rule else "",
        assignee=str(routing.technician or ""),
    )


@transaction.atomic
def categorise_request(
    request: ServiceRequest,
    *,
    actor: Person,
    category: Category,
    priority: Priority,
    team: Team | None = None,
    planned_completion: date | None = None,
    now: datetime | None = None,
) -> ServiceRequest:
    request = lock(request)
    _require(
        policies.can_categorise(actor, request),
        _("You may not categorise this request."),
        "not_allowed",
    )
    apply_categorisation(
        request,
        actor=actor,
        category=category,
        priority=priority,
        team=team,
        planned_completion=planned_completion,
        now=now or timezone.now(),
    )
    return request


@transaction.atomic
def recategorise_request(
    request: ServiceRequest,
    *,
    actor: Person,
    category: Category,
    priority: Priority,
    reason: str,
    planned_completion: date | None = None,
    now: datetime | None = None,
) -> ServiceRequest:
    """Change category or priority mid-flight: the resolve clock keeps its start and takes
    the new SLA and calendar; the reason is recorded."""
    request = lock(request)
    _require(
        policies.can_categorise(actor, request),
        _("You may not categorise this request."),
        "not_allowed",
    )
    workflow.check(request, "recategorise")
    _validate_priority(category, priority)
    if not reason.strip():
        raise DomainError(
            _("Say why the priority changes."), code="reason_required", field="reason"
        )
    before = str(request.priority)
    now = now or timezone.now()
    _schedule(request, category, planned_completion or request.planned_completion, now=now)
    request.category, request.priority = category, priority
    request.save(update_fields=["category", "priority", *SCHEDULE_FIELDS])
    resolve = request.targets.get(kind=Target.Kind.RESOLVE)
    fresh = clock.resolve_target(request, priority)
    resolve.calendar_id = fresh.calendar_id
    resolve.sla_hours, resolve.sla_days = fresh.sla_hours, fresh.sla_days
    resolve.save(update_fields=["calendar", "sla_hours", "sla_days"])
    recompute(request, because="recategorised")
    record_event(
        request,
        actor=actor,
        code="request.recategorised",
        occurred_at=now,
        before=before,
        after=str(priority),
        reason=reason,
    )
    return request


@transaction.atomic
def acknowledge_request(
    request: ServiceRequest, *, actor: Person, now: datetime | None = None
) -> ServiceRequest:
    request = lock(request)
    _require(policies.can_work(actor, request), _("You may not work this request."), "not_allowed")
    apply_acknowledgement(request, actor=actor, now=now or timezone.now())
    return request


def apply_acknowledgement(request: ServiceRequest, *, actor: Person, now: datetime) -> None:
    """The acknowledge step on a locked request whose actor was already allowed to take it."""
    request.status = workflow.check(request, "acknowledge")
    request.acknowledged_at = now
    # The acknowledger takes the request if nobody has it and they are on its team.
    on_team = request.team_id is None or actor.team_memberships.filter(team=request.team_id)
    if request.assignee_id is None and (request.team_id is None or on_team.exists()):
        request.assignee = actor
    request.save(update_fields=["status", "acknowledged_at", "assignee"])
    request.targets.filter(kind=Target.Kind.ACKNOWLEDGE).update(completed_at=now)
    recompute(request, because="acknowledged")
    record_event(request, actor=actor, code="request.acknowledged", occurred_at=now)


@transaction.atomic
def assign_request(
    request: ServiceRequest,
    *,
    actor: Person,
    team: Team,
    assignee: Person | None = None,
    now: datetime | None = None,
) -> ServiceRequest:
    request = lock(request)
    _require(policies.can_work(actor, request), _("You may not work this request."), "not_allowed")
    workflow.check(request, "assign")
    if assignee is not None and not assignee.team_memberships.filter(team=team).exists():
        raise DomainError(
            _("%(person)s is not a member of %(team)s.") % {"person": assignee, "team": team},
            code="assignee_not_in_team",
            field="assignee",
        )
    request.team, request.assignee = team, assignee
    request.save(update_fields=["team", "assignee"])
    record_event(
        request,
        actor=actor,
        code="request.assigned",
        occurred_at=now,
        team=str(team),
        assignee=str(assignee or ""),
    )
    return request


@transaction.atomic
def wait_on(
    request: ServiceRequest,
    *,
    actor: Person,
    waiting_on: str,
    reason: str,
    now: datetime | None = None,
) -> ServiceRequest:
    """Vendor Dependent or District Dependencies: the resolve clock stops until resumed."""
    request = lock(request)
    _require(policies.can_work(actor, request), _("You may not work this request."), "not_allowed")
    apply_wait(
        request, actor=actor, waiting_on=waiting_on, reason=reason, now=now or timezone.now()
    )
    return request


def apply_wait(
    request: ServiceRequest, *, actor: Person, waiting_on: str, reason: str, now: datetime
) -> None:
    """The wait step on a locked request whose actor was already allowed to take it."""
    request.status = workflow.check(request, "wait")
    if waiting_on not in (ServiceRequest.WaitingOn.VENDOR, ServiceRequest.WaitingOn.DISTRICT):
        raise DomainError(
            _("Choose what the request waits on."), code="invalid_waiting_on", field="waiting_on"
        )
    if not reason.strip():
        raise DomainError(
            _("Say what the request is waiting for."), code="reason_required", field="reason"
        )
    request.waiting_on = waiting_on
    request.save(update_fields=["status", "waiting_on"])
    WaitPeriod.objects.create(
        request=request, waiting_on=waiting_on, reason=reason, started_at=now, started_by=actor
    )
    recompute(request, because="paused")
    record_event(
        request,
        actor=actor,
        code="request.waiting",
        occurred_at=now,
        waiting_on=waiting_on,
        reason=reason,
    )


def _end_wait(request: ServiceRequest, *, actor: Person, now: datetime) -> None:
    request.waits.filter(ended_at__isnull=True).update(ended_at=now, ended_by=actor)
    request.waiting_on = ServiceRequest.WaitingOn.NOTHING


@transaction.atomic
def resume_request(
    request: ServiceRequest, *, actor: Person, now: datetime | None = None
) -> ServiceRequest:
    request = lock(request)
    _require(policies.can_work(actor, request), _("You may not work this request."), "not_allowed")
    apply_resume(request, actor=actor, now=now or timezone.now())
    return request


def apply_resume(request: ServiceRequest, *, actor: Person, now: datetime) -> None:
    """The resume step on a locked request whose actor was already allowed to take it."""
    request.status = workflow.check(request, "resume")
    _end_wait(request, actor=actor, now=now)
    request.save(update_fields=["status", "waiting_on"])
    recompute(request, because="resumed")
    record_event(request, actor=actor, code="request.resumed", occurred_at=now)


@transaction.atomic
def resolve_request(
    request: ServiceRequest, *, actor: Person, resolution: str, now: datetime | None = None
) -> ServiceRequest:
    request = lock(request)
    _require(policies.can_work(actor, request), _("You may not work this request."), "not_allowed")
    apply_resolution(request, actor=actor, resolution=resolution, now=now or timezone.now())
    return request


def apply_resolution(
    request: ServiceRequest, *, actor: Person, resolution: str, now: datetime
) -> None:
    """The resolve step on a locked request whose actor was already allowed to take it."""
    request.status = workflow.check(request, "resolve")
    if not resolution.strip():
        raise DomainError(
            _("Tell the requester what was done."), code="resolution_required", field="resolution"
        )
    _end_wait(request, actor=actor, now=now)
    request.resolution = resolution
    request.resolved_at = now
    request.save(update_fields=["status", "waiting_on", "resolution", "resolved_at"])
    # A wait that ends here must still move the due time, so that met or breached is judged
    # against the resumed clock: recompute first, then mark the targets met.
    recompute(request, because="resolved")
    # Resolving answers the requester, so an unacknowledged request is acknowledged too.
    request.targets.filter(
        kind__in=[Target.Kind.ACKNOWLEDGE, Target.Kind.RESOLVE], completed_at__isnull=True
    ).update(completed_at=now)
    request.due_at = None
    request.save(update_fields=["due_at"])
    record_event(
        request, actor=actor, code="request.resolved", occurred_at=now, resolution=resolution
    )


@transaction.atomic
def reopen_request(
    request: ServiceRequest, *, actor: Person, reason: str, now: datetime | None = None
) -> ServiceRequest:
    """The requester (or staff) says it is not fixed: the resolve clock runs again from its
    original start, so time spent resolved counts against the SLA."""
    request = lock(request)
    _require(
        actor == request.requester or policies.can_work(actor, request),
        _("You may not reopen this request."),
        "not_allowed",
    )
    request.status = workflow.check(request, "reopen")
    if not reason.strip():
        raise DomainError(_("Say what is still wrong."), code="reason_required", field="reason")
    request.resolved_at = None
    request.save(update_fields=["status", "resolved_at"])
    request.targets.filter(kind=Target.Kind.RESOLVE).update(completed_at=None)
    recompute(request, because="reopened")
    record_event(request, actor=actor, code="request.reopened", occurred_at=now, reason=reason)
    return request


@transaction.atomic
def close_request(
    request: ServiceRequest, *, actor: Person, now: datetime | None = None
) -> ServiceRequest:
    request = lock(request)
    _require(
        actor == request.requester or policies.can_work(actor, request),
        _("You may not close this request."),
        "not_allowed",
    )
    request.status = workflow.check(request, "close")
    request.closed_at = now or timezone.now()
    request.save(update_fields=["status", "closed_at"])
    tally.count_closed(request)
    record_event(request, actor=actor, code="request.closed", occurred_at=request.closed_at)
    return request


@transaction.atomic
def add_note(
    request: ServiceRequest,
    *,
    actor: Person,
    body: str,
    visibility: str,
    now: datetime | None = None,
) -> Note:
    """Work notes are for staff; replies are seen by the requester, who may only reply."""
    request = lock(request)
    staff = policies.can_work(actor, request)
    if visibility == Note.Visibility.WORK_NOTE and not staff:
        raise DomainError(
            _("Only Technology Services staff write work notes."),
            code="not_allowed",
            field="visibility",
        )
    _require(
        staff or actor == request.requester, _("You may not write on this request."), "not_allowed"
    )
    if not body.strip():
        raise DomainError(_("Write something first."), code="empty_note", field="body")
    note = Note.objects.create(
        request=request,
        author=actor,
        visibility=visibility,
        body=body,
        created_at=now or timezone.now(),
    )
    if staff and request.status_note_due_at is not None and request.is_open:
        # Any note staff write on scheduled work is its status update (seed 003, category 5).
        request.status_note_due_at = note.created_at + STATUS_NOTE_EVERY
        request.save(update_fields=["status_note_due_at"])
    record_event(
        request,
        actor=actor,
        code=f"request.{visibility}_added",
        occurred_at=note.created_at,
        note=note.pk,
    )
    return note
