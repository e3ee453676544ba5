"""Service requests on other apps' pages without those apps importing this one
(`{% load service_requests %}{% my_open_requests user %}` on the home page), and the
words for a request's clocks."""

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.db.models import Count, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Person
from districtdesk.service_requests import policies, selectors
from districtdesk.service_requests.models import ServiceRequest, Target

register = template.Library()

HOME_PANEL_ROWS = 5


@register.inclusion_tag("service_requests/_my_open_requests.html")
def my_open_requests(person: Person) -> dict:
    """The home page's "My open requests" panel: the newest few, one query."""
    requests = list(
        selectors.my_requests(person).filter(status__in=ServiceRequest.OPEN_STATUSES)[
            : HOME_PANEL_ROWS + 1
        ]
    )
    return {
        "requests": requests[:HOME_PANEL_ROWS],
        "more": len(requests) > HOME_PANEL_ROWS,
        "now": timezone.now(),
    }


@register.inclusion_tag("service_requests/_queue_counts.html")
def queue_counts(person: Person) -> dict:
    """The home page's queue panel for the people who work requests: how many requests
    each queue holds, counted from the queues themselves, in one query."""
    if not person.has_role(*policies.WORKERS):
        return {"show": False}
    now = timezone.now()
    queues = {
        "uncategorised": selectors.uncategorised_queue(person, now=now),
        "team": selectors.team_queue(person, now=now),
        "mine": selectors.my_queue(person, now=now),
        "overdue": selectors.overdue_queue(person, now=now),
    }
    totals = (
        Person.objects.filter(pk=person.pk)
        .annotate(**{name: _row_count(requests) for name, requests in queues.items()})
        .values(*queues)
        .get()
    )
    return {
        "show": True,
        "can_enter_for_others": policies.can_enter_for_others(person),
        "counts": [
            ("uncategorised", _("Uncategorised"), totals["uncategorised"]),
            ("team", _("My teams"), totals["team"]),
            ("mine", _("Assigned to me"), totals["mine"]),
            ("overdue", _("Overdue"), totals["overdue"]),
        ],
    }


def _row_count(requests: QuerySet) -> Coalesce:
    """A queue's number of rows as a scalar subquery, so several queues count in one query."""
    counted = (
        requests.order_by()
        .annotate(whole_queue=Value(1))
        .values("whole_queue")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted), 0)


@register.simple_tag
def clock_of(target: Target, now: datetime) -> Target.State:
    """Met, breached, overdue, running, paused, or no SLA (its value styles, its label reads)."""
    return target.state_at(now)


@register.filter
def clocks_for(service_request: ServiceRequest, staff: bool) -> list[Target]:
    """The request's targets (prefetched) in the order they fall due. Staff see every
    clock; the requester sees the one that answers "when will it be done": categorising
    while the request is new, resolving after that."""
    order = list(Target.Kind.values)
    targets = sorted(service_request.targets.all(), key=lambda target: order.index(target.kind))
    if staff:
        return targets
    wanted = (
        Target.Kind.CATEGORISE
        if service_request.status == ServiceRequest.Status.NEW
        else Target.Kind.RESOLVE
    )
    return [target for target in targets if target.kind == wanted]


@dataclass(frozen=True)
class Schedule:
    """Where scheduled work stands at a moment: its planned date and its weekly note."""

    past_planned_date: bool
    status_note_late: bool


@register.simple_tag
def schedule_of(service_request: ServiceRequest, now: datetime) -> Schedule:
    still_open = service_request.is_open
    planned = service_request.planned_completion
    note_due = service_request.status_note_due_at
    return Schedule(
        past_planned_date=still_open and planned is not None and planned < timezone.localdate(now),
        status_note_late=still_open and note_due is not None and note_due < now,
    )
