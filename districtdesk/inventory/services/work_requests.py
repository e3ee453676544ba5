"""Inventory work filed as service requests (seed 003, category 7; stolen equipment is
category 3, priority 1): opened through the service-request intake as the acting person's
own request, categorised at once under the chart priority the work calls for, and resolved
through the request's own step, so the request keeps its SLA clock and history."""

from datetime import datetime

from django.db import transaction

from districtdesk.core.models import Campus, Person, Room
from districtdesk.service_requests.models import Priority, ServiceRequest
from districtdesk.service_requests.services.intake import submit_request
from districtdesk.service_requests.services.working import categorise_request, resolve_request

# Seed 003, category 3 Acquisition, 1 Emergency: "Stolen Equipment".
STOLEN_EQUIPMENT = (3, 1)
# Seed 003, 7.3 Submitted Discrepancy: items that need administrative intervention.
SUBMITTED_DISCREPANCY = (7, 3)


def chart_priority(category: int, number: int) -> Priority:
    return Priority.objects.select_related("category").get(category__number=category, number=number)


@transaction.atomic
def file_request(
    *,
    actor: Person,
    priority: tuple[int, int],
    campus: Campus,
    summary: str,
    description: str,
    impact: str,
    room: Room | None = None,
    asset_tag: str = "",
    now: datetime,
) -> ServiceRequest:
    chosen = chart_priority(*priority)
    request = submit_request(
        actor=actor,
        requester=actor,
        channel=ServiceRequest.Channel.API,
        summary=summary[:200],
        description=description,
        impact=impact,
        campus=campus,
        room=room,
        asset_tag=asset_tag,
        now=now,
    )
    return categorise_request(
        request, actor=actor, category=chosen.category, priority=chosen, now=now
    )


def resolve(
    request: ServiceRequest, *, actor: Person, resolution: str, now: datetime
) -> ServiceRequest:
    return resolve_request(request, actor=actor, resolution=resolution, now=now)
