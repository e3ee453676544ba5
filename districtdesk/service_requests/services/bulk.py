"""Steps on several requests at once, from a queue: all of them are done, or none is and
the error names the request that stopped it (nothing is skipped in silence)."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person, Team
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services.working import assign_request


@transaction.atomic
def assign_requests(
    requests: Iterable[ServiceRequest],
    *,
    actor: Person,
    team: Team,
    assignee: Person | None = None,
    now: datetime | None = None,
) -> list[ServiceRequest]:
    """Assign each request to the team (and technician), each with its own event."""
    # Locked in id order, as every step locks, so two bulk assignments cannot deadlock.
    chosen = sorted(requests, key=lambda request: request.pk)
    if not chosen:
        raise DomainError(
            _("Choose at least one request to assign."), code="nothing_chosen", field="requests"
        )
    assigned = []
    for request in chosen:
        try:
            assigned.append(
                assign_request(request, actor=actor, team=team, assignee=assignee, now=now)
            )
        except DomainError as refused:
            raise DomainError(
                _("%(number)s: %(reason)s") % {"number": request.number, "reason": refused},
                code=refused.code,
                field=refused.field,
            ) from refused
    return assigned
