"""Who may do what with people, places and calendars.

Each rule is written once and used both as an object check and as a
queryset filter, so a list can never show what a detail page would refuse.
"""

from django.db.models import QuerySet

from districtdesk.core.models import BusinessCalendar, Person, Role

CALENDAR_MANAGERS = (Role.SYSTEM_ADMIN,)


def can_manage_calendars(person: Person) -> bool:
    return person.is_active and person.has_role(*CALENDAR_MANAGERS)


def calendars_manageable_by(person: Person) -> QuerySet[BusinessCalendar]:
    if can_manage_calendars(person):
        return BusinessCalendar.objects.all()
    return BusinessCalendar.objects.none()


def can_use_admin_site(person: Person) -> bool:
    return person.is_active and person.is_staff
