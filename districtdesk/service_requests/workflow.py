"""The request's state machine: which step may start from which status, in one table."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.core.errors import DomainError
from districtdesk.service_requests.models import ServiceRequest

Status = ServiceRequest.Status

# step -> (statuses it may start from, status it leaves the request in; None = unchanged)
STEPS: dict[str, tuple[frozenset[str], str | None]] = {
    "categorise": (frozenset({Status.NEW}), Status.OPEN),
    "recategorise": (frozenset({Status.OPEN, Status.IN_PROGRESS, Status.WAITING}), None),
    "acknowledge": (frozenset({Status.OPEN}), Status.IN_PROGRESS),
    "assign": (frozenset({Status.NEW, Status.OPEN, Status.IN_PROGRESS, Status.WAITING}), None),
    "wait": (frozenset({Status.OPEN, Status.IN_PROGRESS}), Status.WAITING),
    "resume": (frozenset({Status.WAITING}), Status.IN_PROGRESS),
    "resolve": (frozenset({Status.OPEN, Status.IN_PROGRESS, Status.WAITING}), Status.RESOLVED),
    "reopen": (frozenset({Status.RESOLVED}), Status.IN_PROGRESS),
    "close": (frozenset({Status.RESOLVED}), Status.CLOSED),
    "note": (frozenset(Status.values), None),
    # Scheduled maintenance only (category 5): move the planned date, work it ahead.
    "plan": (frozenset({Status.OPEN, Status.IN_PROGRESS, Status.WAITING}), None),
    "work_ahead": (frozenset({Status.OPEN, Status.IN_PROGRESS, Status.WAITING}), None),
    "edit": (frozenset(ServiceRequest.OPEN_STATUSES), None),
}


DONE = {
    "categorise": gettext_lazy("categorised"),
    "recategorise": gettext_lazy("recategorised"),
    "acknowledge": gettext_lazy("acknowledged"),
    "assign": gettext_lazy("assigned"),
    "wait": gettext_lazy("put on hold"),
    "resume": gettext_lazy("resumed"),
    "resolve": gettext_lazy("resolved"),
    "reopen": gettext_lazy("reopened"),
    "close": gettext_lazy("closed"),
    "note": gettext_lazy("noted"),
    "plan": gettext_lazy("rescheduled"),
    "work_ahead": gettext_lazy("moved ahead of overdue work"),
    "edit": gettext_lazy("edited"),
}


def can(request: ServiceRequest, step: str) -> bool:
    return request.status in STEPS[step][0]


def check(request: ServiceRequest, step: str) -> str:
    """The status the step leaves the request in; DomainError if it may not start here."""
    allowed, after = STEPS[step]
    if request.status not in allowed:
        message = _("A request that is “%(status)s” cannot be %(done)s.") % {
            "status": request.get_status_display(),
            "done": DONE[step],
        }
        raise DomainError(message, code=f"cannot_{step}")
    return after or request.status
