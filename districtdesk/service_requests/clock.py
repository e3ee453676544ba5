"""The SLA clocks of a request: its three targets, computed by the pure sla module from the
calendar rows, the request's waits, and the chart's SLA.

Definitions (docs/service-requests.md): the categorise target is 2 business hours from
submission on the district's default calendar; the acknowledge target is 1 business day
from categorisation on the same calendar; the resolve target is the priority's SLA from
submission on the priority's calendar. Waits stop the resolve clock only.
"""

from datetime import datetime, timedelta

from districtdesk import sla
from districtdesk.core.calendars import to_sla_calendar
from districtdesk.core.models import BusinessCalendar
from districtdesk.service_requests.models import (
    Priority,
    ServiceRequest,
    SlaKind,
    Target,
    WaitPeriod,
)

CATEGORISE_WITHIN = sla.BusinessDuration.hours(2)
ACKNOWLEDGE_WITHIN = sla.BusinessDuration.days(1)


def _calendars():
    return BusinessCalendar.objects.prefetch_related("working_periods", "closures")


def default_calendar() -> BusinessCalendar:
    return _calendars().get(is_default=True)


def calendar_by_id(pk: int) -> BusinessCalendar:
    return _calendars().get(pk=pk)


def priority_duration(priority: Priority) -> sla.BusinessDuration | None:
    """The chart's SLA as a duration; None for "No defined SLA" and "As needed"."""
    if priority.sla_kind == SlaKind.HOURS:
        return sla.BusinessDuration.hours(priority.sla_amount)
    if priority.sla_kind == SlaKind.BUSINESS_DAYS:
        return sla.BusinessDuration.days(priority.sla_amount)
    return None


def resolve_target(request: ServiceRequest, priority: Priority) -> Target:
    """A resolve target (unsaved) for the priority's SLA, counted from submission."""
    duration = priority_duration(priority)
    calendar_id = priority.calendar_id or default_calendar().pk
    return Target(
        request=request,
        kind=Target.Kind.RESOLVE,
        calendar_id=calendar_id,
        started_at=request.submitted_at,
        sla_hours=duration.amount if duration and not duration.is_days else None,
        sla_days=duration.amount if duration and duration.is_days else None,
    )


def duration_of(target: Target) -> sla.BusinessDuration | None:
    if target.sla_hours is not None:
        return sla.BusinessDuration.hours(target.sla_hours)
    if target.sla_days is not None:
        return sla.BusinessDuration.days(target.sla_days)
    return None


def pauses_of(waits: list[WaitPeriod]) -> list[sla.Pause]:
    return [sla.Pause(start=wait.started_at, end=wait.ended_at) for wait in waits]


def serialise(explanation: sla.DueExplanation) -> dict:
    """Store the explanation's facts (not prose), so a page renders it in any language."""

    def moment(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "calendar": explanation.calendar_name,
        "around_the_clock": explanation.around_the_clock,
        "amount": explanation.duration.amount,
        "unit": str(explanation.duration.unit),
        "start": moment(explanation.start),
        "clock_start": moment(explanation.clock_start),
        "due": moment(explanation.due),
        "paused_since": moment(explanation.paused_since),
        "paused_seconds": int(explanation.paused_time / timedelta(seconds=1)),
        "skipped": [
            {
                "reason": str(span.reason),
                "start": moment(span.start),
                "end": moment(span.end),
                "closure": span.closure_name,
            }
            for span in explanation.skipped
        ],
        "text": explanation.describe(),
    }


def compute(target: Target, calendar: BusinessCalendar, waits: list[WaitPeriod]) -> None:
    """Set the target's due time and explanation from its inputs (does not save)."""
    duration = duration_of(target)
    if duration is None:
        target.due_at = None
        target.explanation = {}
        return
    clock = to_sla_calendar(calendar)
    if clock is None:
        raise ValueError(f"Calendar {calendar.name!r} has no working hours; add some first.")
    pauses = pauses_of(waits) if target.kind == Target.Kind.RESOLVE else []
    explanation = sla.explain_due(clock, target.started_at, duration, pauses)
    target.due_at = explanation.due
    target.explanation = serialise(explanation)


def next_deadline(targets: list[Target]) -> datetime | None:
    """The earliest promise not yet kept: what a queue orders the request by."""
    due = [t.due_at for t in targets if t.completed_at is None and t.due_at is not None]
    return min(due, default=None)
