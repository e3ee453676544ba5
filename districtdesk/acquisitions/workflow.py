"""The technology request's state machine (seed 002): which step may start from which status,
in one table, checked in one place."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.core.errors import DomainError

Status = TechnologyRequest.Status

# step -> (statuses it may start from, status it leaves the request in; None = unchanged,
# or decided by the step itself, as receiving the last item of an order is).
STEPS: dict[str, tuple[frozenset[str], str | None]] = {
    "forward": (frozenset({Status.IN_REVIEW}), Status.AWAITING_APPROVAL),
    "deny_in_review": (frozenset({Status.IN_REVIEW}), Status.DENIED),
    "approve": (frozenset({Status.AWAITING_APPROVAL}), Status.QUOTING),
    "deny_approval": (frozenset({Status.AWAITING_APPROVAL}), Status.DENIED),
    "add_quote": (frozenset({Status.QUOTING, Status.AWAITING_FUNDING}), None),
    "request_funding": (frozenset({Status.QUOTING}), Status.AWAITING_FUNDING),
    "send_back": (frozenset({Status.AWAITING_FUNDING}), Status.QUOTING),
    "fund": (frozenset({Status.AWAITING_FUNDING}), Status.ORDERED),
    "receive": (frozenset({Status.ORDERED}), None),
    "assign_deployer": (frozenset({Status.RECEIVED, Status.DEPLOYING}), Status.DEPLOYING),
    "deploy": (frozenset({Status.DEPLOYING}), Status.DEPLOYED),
    "withdraw": (
        frozenset(
            {Status.IN_REVIEW, Status.AWAITING_APPROVAL, Status.QUOTING, Status.AWAITING_FUNDING}
        ),
        Status.WITHDRAWN,
    ),
}

DONE = {
    "forward": gettext_lazy("forwarded for approval"),
    "deny_in_review": gettext_lazy("denied in review"),
    "approve": gettext_lazy("approved"),
    "deny_approval": gettext_lazy("denied"),
    "add_quote": gettext_lazy("quoted"),
    "request_funding": gettext_lazy("sent for funding"),
    "send_back": gettext_lazy("sent back for another quote"),
    "fund": gettext_lazy("funded"),
    "receive": gettext_lazy("received"),
    "assign_deployer": gettext_lazy("assigned for deployment"),
    "deploy": gettext_lazy("deployed"),
    "withdraw": gettext_lazy("withdrawn"),
}

# Who holds a request in each open status, as the request's page says it.
HOLDER = {
    Status.IN_REVIEW: gettext_lazy("the technology team"),
    Status.AWAITING_APPROVAL: gettext_lazy("the requester's supervisor"),
    Status.QUOTING: gettext_lazy("the technology team"),
    Status.AWAITING_FUNDING: gettext_lazy("the Business Office"),
    Status.ORDERED: gettext_lazy("the vendor"),
    Status.RECEIVED: gettext_lazy("the technology team"),
    Status.DEPLOYING: gettext_lazy("the deploying technician"),
}

# The steps of the way, in order, as the page's progress shows them.
PATH = (
    Status.IN_REVIEW,
    Status.AWAITING_APPROVAL,
    Status.QUOTING,
    Status.AWAITING_FUNDING,
    Status.ORDERED,
    Status.RECEIVED,
    Status.DEPLOYING,
    Status.DEPLOYED,
)


def can(request: TechnologyRequest, step: str) -> bool:
    return request.status in STEPS[step][0]


def check(request: TechnologyRequest, step: str) -> str:
    """The status the step leaves the request in; DomainError if it may not start here."""
    allowed, after = STEPS[step]
    if request.status not in allowed:
        message = _("A technology request that is “%(status)s” cannot be %(done)s.") % {
            "status": request.get_status_display(),
            "done": DONE[step],
        }
        raise DomainError(message, code=f"cannot_{step}")
    return after or request.status
