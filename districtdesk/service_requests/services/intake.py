"""Taking a request in: from the portal, from a phone call at the Customer Care Center,
by email or through the API. The request is stored, with its clocks started and its
event written, in one transaction before anyone is told it was received."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, EnterpriseSystem, Person, Room
from districtdesk.service_requests import clock, policies
from districtdesk.service_requests.models import Category, Priority, ServiceRequest, Target
from districtdesk.service_requests.services.working import apply_categorisation

# Foreign keys the caller hands over as rows it has read.
GIVEN_ROWS = ("requester", "entered_by", "campus", "room", "system")


def submit_request(
    *,
    actor: Person,
    requester: Person,
    channel: str,
    summary: str,
    description: str,
    impact: str,
    campus: Campus,
    urgency: str = ServiceRequest.Urgency.MEDIUM,
    requirements: str = "",
    room: Room | None = None,
    system: EnterpriseSystem | None = None,
    asset_tag: str = "",
    category: Category | None = None,
    priority: Priority | None = None,
    planned_completion: date | None = None,
    now: datetime | None = None,
) -> ServiceRequest:
    """Store a new request and start its clocks.

    Phone requests are categorised on entry (seed 003, step 1): they need a category and a
    priority, and their categorise target is met at once. Portal, email and API requests
    wait in the uncategorised queue, to be categorised within 2 business hours.
    """
    now = now or timezone.now()
    if requester != actor and not policies.can_enter_for_others(actor):
        raise DomainError(
            _("Only Customer Care Center and Technology Services staff enter requests for others."),
            code="not_allowed_for_others",
            field="requester",
        )
    if not requester.is_active:
        raise DomainError(
            _("%(name)s's account is inactive.") % {"name": requester},
            code="inactive_requester",
            field="requester",
        )
    if (category is not None or priority is not None) and not actor.has_role(
        *policies.CATEGORISERS
    ):
        raise DomainError(
            _("Requests are categorised by the Customer Care Center and technicians."),
            code="not_allowed_to_categorise",
            field="category",
        )
    if (category is None) != (priority is None):
        raise DomainError(
            _("Choose both a category and a priority, or neither."),
            code="category_and_priority",
            field="priority" if category else "category",
        )
    if room is not None and room.campus_id != campus.pk:
        raise DomainError(
            _("Room %(room)s is not at %(campus)s.") % {"room": room.number, "campus": campus.name},
            code="room_not_at_campus",
            field="room",
        )
    categorised_on_entry = channel == ServiceRequest.Channel.PHONE
    if categorised_on_entry and (category is None or priority is None):
        raise DomainError(
            _("A phone request is categorised on entry: choose its category and priority."),
            code="phone_needs_category",
            field="priority" if category else "category",
        )
    request = ServiceRequest(
        channel=channel,
        requester=requester,
        entered_by=actor if actor != requester else None,
        summary=summary,
        description=description,
        impact=impact,
        urgency=urgency,
        requirements=requirements,
        campus=campus,
        room=room,
        system=system,
        asset_tag=asset_tag,
        submitted_at=now,
    )
    # The people and places given are rows the caller has just read: asking the database
    # again whether each exists would cost a query apiece.
    given = [name for name in GIVEN_ROWS if getattr(request, f"{name}_id") is not None]
    request.full_clean(exclude=["category", "priority", "team", "assignee", *given])
    categorise_target = Target(
        request=request,
        kind=Target.Kind.CATEGORISE,
        calendar=clock.default_calendar(),
        started_at=now,
        sla_hours=clock.CATEGORISE_WITHIN.amount,
    )
    clock.compute(categorise_target, categorise_target.calendar, waits=[])
    categorise_target.recomputed_because = "submitted"
    # Due to be categorised from the start (categorising on entry moves it on), so the
    # request is written once.
    request.due_at = categorise_target.due_at
    # Every refusal above comes before any write, so inside a caller's transaction the
    # writes need no savepoint (two round trips) to leave it usable after one. Categorising
    # on entry may still refuse (a retired priority): that keeps its savepoint.
    with transaction.atomic(savepoint=category is not None):
        request.save()
        categorise_target.save()
        record_event(
            request,
            actor=actor,
            code="request.submitted",
            occurred_at=now,
            number=request.number,
            channel=channel,
            on_behalf_of=str(requester) if actor != requester else "",
        )
        if category is not None and priority is not None:
            apply_categorisation(
                request,
                actor=actor,
                category=category,
                priority=priority,
                planned_completion=planned_completion,
                now=now,
            )
    return request
