"""When a calendar changes (a snow day added after the fact), every open request whose
running clock uses that calendar gets its due times recomputed, and its timeline says why."""

from typing import Any

from districtdesk.activity.events import record_event
from districtdesk.core.models import BusinessCalendar, Closure, Person
from districtdesk.service_requests.models import ServiceRequest, Target
from districtdesk.service_requests.services.working import recompute


def recompute_for_calendar_change(
    *, calendar: BusinessCalendar, actor: Person, change: str, closure: Closure, **_: Any
) -> None:
    running = Target.objects.filter(
        calendar=calendar,
        completed_at__isnull=True,
        request__status__in=ServiceRequest.OPEN_STATUSES,
    ).values("request_id")
    for request in ServiceRequest.objects.filter(pk__in=running).select_for_update():
        before = request.due_at
        recompute(request, because=f"calendar.{change}")
        if request.due_at != before:
            record_event(
                request,
                actor=actor,
                code="request.due_moved",
                closure=closure.name,
                change=change,
                before=before.isoformat() if before else None,
                after=request.due_at.isoformat() if request.due_at else None,
            )
