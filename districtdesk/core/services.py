"""Writes to people, places and calendars, each a whole step in one transaction."""

from datetime import date

from django.db import transaction

from districtdesk.core.models import BusinessCalendar, Closure, Person
from districtdesk.core.signals import calendar_changed


@transaction.atomic
def add_closure(
    calendar: BusinessCalendar,
    *,
    actor: Person,
    name: str,
    kind: str,
    first_day: date,
    last_day: date,
) -> Closure:
    """Close the district for a day or a span; open requests' due times move with it."""
    closure = Closure(
        calendar=calendar, name=name, kind=kind, first_day=first_day, last_day=last_day
    )
    closure.full_clean()
    closure.save()
    calendar_changed.send(
        sender=BusinessCalendar,
        calendar=calendar,
        actor=actor,
        change="closure_added",
        closure=closure,
    )
    return closure


@transaction.atomic
def remove_closure(closure: Closure, *, actor: Person) -> None:
    """Reopen the district on those days; receivers see the calendar without the closure."""
    calendar = closure.calendar
    closure.delete()
    calendar_changed.send(
        sender=BusinessCalendar,
        calendar=calendar,
        actor=actor,
        change="closure_removed",
        closure=closure,
    )
