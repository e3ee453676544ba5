"""Read queries for people and places, each shaped for the page that shows it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from districtdesk.core.models import (
    BusinessCalendar,
    Campus,
    Closure,
    Department,
    EnterpriseSystem,
    Person,
    RoleAssignment,
    Team,
    TeamMembership,
)


def default_calendar() -> BusinessCalendar | None:
    return (
        BusinessCalendar.objects.filter(is_default=True)
        .prefetch_related("working_periods", "closures")
        .first()
    )


def calendar_with_periods_and_closures(pk: int) -> QuerySet[BusinessCalendar]:
    return BusinessCalendar.objects.filter(pk=pk).prefetch_related(
        "working_periods", Prefetch("closures", queryset=Closure.objects.order_by("first_day"))
    )


def upcoming_closures(calendar: BusinessCalendar, *, today: date, limit: int = 5) -> list[Closure]:
    """Closures not yet over, from the calendar's prefetched closures."""
    coming = sorted(
        (closure for closure in calendar.closures.all() if closure.last_day >= today),
        key=lambda closure: closure.first_day,
    )
    return coming[:limit]


def roles_of(person: Person) -> list[RoleAssignment]:
    """The person's roles, prefetched onto them so role checks later cost nothing."""
    prefetch_related_objects(
        [person],
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("campus").order_by(
                "role", "campus__name"
            ),
        ),
    )
    return list(person.role_assignments.all())


def direct_reports(person: Person) -> QuerySet[Person]:
    return (
        person.direct_reports.filter(is_active=True)
        .select_related("home_campus", "department")
        .order_by("last_name", "first_name")
    )


def teams_of(person: Person) -> list[Team]:
    """The person's teams, each with its members and campuses, in three queries."""
    return list(
        Team.objects.filter(memberships__person=person)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.select_related("person").order_by(
                    "-is_lead", "person__last_name"
                ),
            ),
            Prefetch("campuses", queryset=Campus.objects.order_by("code")),
        )
        .order_by("name")
    )


def campuses_led_by(person: Person) -> list[Campus]:
    """Campuses where the person is principal, with the people who support them."""
    return list(
        Campus.objects.filter(role_assignments__person=person, role_assignments__role="principal")
        .annotate(
            room_count=Count("rooms", distinct=True),
            staff_count=Count("staff", filter=Q(staff__is_active=True), distinct=True),
        )
        .prefetch_related("teams")
        .order_by("name")
    )


@dataclass(frozen=True)
class DistrictOverview:
    campuses_by_kind: list[tuple[str, int]]
    room_count: int
    staff_count: int
    teams: list[Team]
    systems: list[EnterpriseSystem]


def district_overview() -> DistrictOverview:
    kinds = dict(Campus.Kind.choices)
    by_kind = (
        Campus.objects.filter(is_active=True)
        .values("kind")
        .annotate(total=Count("id"))
        .order_by("kind")
    )
    return DistrictOverview(
        campuses_by_kind=[(kinds[row["kind"]], row["total"]) for row in by_kind],
        room_count=Campus.objects.filter(is_active=True, rooms__is_active=True).count(),
        staff_count=Person.objects.filter(is_active=True).count(),
        teams=list(Team.objects.annotate(member_count=Count("memberships")).order_by("name")),
        systems=list(EnterpriseSystem.objects.select_related("owner_team").filter(is_active=True)),
    )


def departments_with_staff_counts() -> QuerySet[Department]:
    return Department.objects.annotate(
        staff_count=Count("staff", filter=Q(staff__is_active=True))
    ).order_by("name")


def campuses_with_room_counts() -> QuerySet[Campus]:
    return (
        Campus.objects.filter(is_active=True)
        .annotate(room_count=Count("rooms", filter=Q(rooms__is_active=True)))
        .order_by("name")
    )


def next_weekly_occurrence(now: datetime, *, weekday: int, hour: int, minute: int) -> datetime:
    """The next time at weekday/hour:minute in now's timezone, today's if still ahead."""
    candidate = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    candidate += timedelta(days=(weekday - now.weekday()) % 7)
    if candidate < now:
        candidate += timedelta(days=7)
    return candidate
