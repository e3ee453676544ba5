"""Deployment (seed 002: "assign the appropriate technician to deploy the new technology
resource"): the technician who sets the equipment up closes the request, and the service
request resolves with what was done."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.acquisitions import policies
from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.acquisitions.services.common import advance, lock, require, required_text
from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.service_requests import policies as request_policies
from districtdesk.service_requests.services import linked
from districtdesk.service_requests.services.working import assign_request


@transaction.atomic
def assign_deployer(
    request: TechnologyRequest,
    *,
    actor: Person,
    technician: Person,
    now: datetime | None = None,
) -> TechnologyRequest:
    now = now or timezone.now()
    request = lock(request)
    require(policies.can_work(actor, request), _("Only the technology team assigns deployment."))
    service_request = request.service_request
    if not (technician.is_active and request_policies.can_work(technician, service_request)):
        raise DomainError(
            _("%(person)s does not work requests for %(campus)s.")
            % {"person": technician, "campus": service_request.campus.name},
            code="technician_cannot_work",
            field="technician",
        )
    request.deployer = technician
    advance(request, "assign_deployer", now=now, fields=["deployer"])
    team = service_request.team
    if team is not None and technician.team_memberships.filter(team=team).exists():
        assign_request(service_request, actor=actor, team=team, assignee=technician, now=now)
    record_event(
        request,
        actor=actor,
        code="technology.deployer_assigned",
        occurred_at=now,
        technician=str(technician),
    )
    return request


@transaction.atomic
def deploy(
    request: TechnologyRequest, *, actor: Person, notes: str, now: datetime | None = None
) -> TechnologyRequest:
    """Set up where it belongs and handed over: the request is done."""
    now = now or timezone.now()
    request = lock(request)
    require(
        policies.can_deploy(actor, request),
        _("Only the technician assigned to deploy, or their team lead, closes the request."),
    )
    notes = required_text(notes, "notes", _("Say what was set up, and where."))
    request.deployed_at = now
    request.deployment_notes = notes
    advance(request, "deploy", now=now, fields=["deployed_at", "deployment_notes"])
    linked.settle(
        request.service_request,
        actor=actor,
        resolution=_("Deployed: %(notes)s") % {"notes": notes},
        now=now,
    )
    record_event(request, actor=actor, code="technology.deployed", occurred_at=now, notes=notes)
    return request
