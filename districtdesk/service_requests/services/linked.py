"""Steps another app's workflow takes on the service request it opened for its work (a
technology request's category-3 request): that app's own policy has already allowed its actor
the step, so these check only the request's state machine. The request keeps its SLA clocks,
its waits and its history, exactly as if a technician had taken each step."""

from datetime import datetime

from django.db import transaction

from districtdesk.core.models import Campus, Person, Room
from districtdesk.service_requests.models import Priority, ServiceRequest
from districtdesk.service_requests.services.intake import submit_request
from districtdesk.service_requests.services.working import (
    apply_acknowledgement,
    apply_categorisation,
    apply_resolution,
    apply_resume,
    apply_wait,
    lock,
)

Status = ServiceRequest.Status


@transaction.atomic
def submit_categorised(
    *,
    actor: Person,
    requester: Person,
    channel: str,
    priority: Priority,
    summary: str,
    description: str,
    impact: str,
    campus: Campus,
    room: Room | None = None,
    urgency: str = ServiceRequest.Urgency.MEDIUM,
    requirements: str = "",
    now: datetime,
) -> ServiceRequest:
    """A request whose form names its category and priority (seed 002's "Request New
    Equipment" is category 3, Acquisition): categorised and routed by the routing rules on
    entry, whoever submits it, so nobody has to categorise it by hand."""
    request = submit_request(
        actor=actor,
        requester=requester,
        channel=channel,
        summary=summary,
        description=description,
        impact=impact,
        urgency=urgency,
        requirements=requirements,
        campus=campus,
        room=room,
        now=now,
    )
    apply_categorisation(
        request, actor=actor, category=priority.category, priority=priority, now=now
    )
    return request


@transaction.atomic
def acknowledge(request: ServiceRequest, *, actor: Person, now: datetime) -> ServiceRequest:
    """Meet the acknowledge target, unless someone already has."""
    request = lock(request)
    if request.status == Status.OPEN:
        apply_acknowledgement(request, actor=actor, now=now)
    return request


@transaction.atomic
def hold(
    request: ServiceRequest, *, actor: Person, waiting_on: str, reason: str, now: datetime
) -> ServiceRequest:
    """Stop the resolve clock while the work waits on someone outside the team; a request
    already waiting on something else ends that wait first, so each wait is shown apart."""
    request = lock(request)
    if request.status == Status.WAITING:
        if request.waiting_on == waiting_on:
            return request
        apply_resume(request, actor=actor, now=now)
    if request.status in (Status.OPEN, Status.IN_PROGRESS):
        apply_wait(request, actor=actor, waiting_on=waiting_on, reason=reason, now=now)
    return request


@transaction.atomic
def release(request: ServiceRequest, *, actor: Person, now: datetime) -> ServiceRequest:
    """Start the resolve clock again: the wait is over."""
    request = lock(request)
    if request.status == Status.WAITING:
        apply_resume(request, actor=actor, now=now)
    return request


@transaction.atomic
def settle(
    request: ServiceRequest, *, actor: Person, resolution: str, now: datetime
) -> ServiceRequest:
    """Resolve the request with the workflow's outcome, unless someone already resolved it."""
    request = lock(request)
    if request.status in (Status.OPEN, Status.IN_PROGRESS, Status.WAITING):
        apply_resolution(request, actor=actor, resolution=resolution, now=now)
    return request
