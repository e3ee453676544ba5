"""Turns news from lower floors into events."""

from typing import Any

from districtdesk.activity.events import record_event
from districtdesk.core.models import BusinessCalendar, Closure, Person


def record_calendar_change(
    *, calendar: BusinessCalendar, actor: Person, change: str, closure: Closure, **_: Any
) -> None:
    record_event(
        calendar,
        actor=actor,
        code=f"calendar.{change}",
        name=closure.name,
        kind=closure.kind,
        first_day=closure.first_day.isoformat(),
        last_day=closure.last_day.isoformat(),
    )
