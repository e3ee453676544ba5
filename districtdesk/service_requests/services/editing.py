"""Correcting a request's descriptive details: what is wrong, where, and what it concerns.
Workflow fields (status, category, team, dates) change only through their own steps."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.service_requests import policies, workflow
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services.working import lock

EDITABLE_FIELDS = (
    "summary",
    "description",
    "impact",
    "urgency",
    "requirements",
    "room",
    "system",
    "asset_tag",
)
# What the requester may still correct: before anyone has started on it.
REQUESTER_MAY_EDIT_WHILE = (ServiceRequest.Status.NEW, ServiceRequest.Status.OPEN)


def _shown(value: Any) -> Any:
    """A field's value as history keeps it: a related row by id and name."""
    if hasattr(value, "pk"):
        return {"id": value.pk, "name": str(value)}
    return value


@transaction.atomic
def edit_request(
    request: ServiceRequest, *, actor: Person, now: datetime | None = None, **changes: Any
) -> ServiceRequest:
    """Apply the changed fields and record each one's before and after in one event."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable through edit_request: {sorted(unknown)}")
    request = lock(request)
    requester_editing = (
        actor.pk == request.requester_id and request.status in REQUESTER_MAY_EDIT_WHILE
    )
    if not (requester_editing or policies.can_work(actor, request)):
        raise DomainError(_("You may not edit this request."), code="not_allowed")
    workflow.check(request, "edit")
    room = changes.get("room", request.room)
    if room is not None and room.campus_id != request.campus_id:
        raise DomainError(
            _("Room %(room)s is not at %(campus)s.")
            % {"room": room.number, "campus": request.campus.name},
            code="room_not_at_campus",
            field="room",
        )
    diff = {}
    for field, value in changes.items():
        before = getattr(request, field)
        if before != value:
            diff[field] = {"before": _shown(before), "after": _shown(value)}
            setattr(request, field, value)
    if not diff:
        return request
    request.full_clean(exclude=[f.name for f in ServiceRequest._meta.fields if f.name not in diff])
    request.save(update_fields=list(diff))
    record_event(
        request,
        actor=actor,
        code="request.edited",
        occurred_at=now,
        changed=", ".join(diff),
        diff=diff,
    )
    return request
