"""What every step of a technology request shares: the row lock, the permission check, the
move to the step's status."""

from datetime import datetime

from django.utils.translation import gettext as _

from districtdesk.acquisitions import workflow
from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.core.errors import DomainError


def lock(request: TechnologyRequest) -> TechnologyRequest:
    """The request's row, locked until the transaction ends, with its service request."""
    return (
        TechnologyRequest.objects.select_for_update(of=("self",))
        .select_related("service_request", "requester", "approver")
        .get(pk=request.pk)
    )


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise DomainError(
            message or _("You may not take this step on this technology request."),
            code="not_allowed",
        )


def required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, code=f"{field}_required", field=field)
    return value


def advance(request: TechnologyRequest, step: str, *, now: datetime, fields: list[str]) -> None:
    """Check the step against the state machine, then save its status with the step's fields."""
    after = workflow.check(request, step)
    if after != request.status:
        request.status = after
        request.status_changed_at = now
    request.save(update_fields=["status", "status_changed_at", *fields])
