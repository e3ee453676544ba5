"""A team lead's week: the team's open work by when it is due, the targets missed this
week, each technician's load, and scheduled maintenance whose weekly status note is late.

Every figure counts the requests whose **current** team is one of the chosen teams (a
team lead's own teams, or the one picked), within the viewer's scope. "Today" and "this
week" are the district's calendar days; a week starts on Monday.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from districtdesk.core.models import Person, Team, TeamMembership
from districtdesk.reports.figures.breaches import missed_between
from districtdesk.reports.figures.compliance import HAS_SLA
from districtdesk.reports.filters import start_of_day
from districtdesk.service_requests.models import ServiceRequest, Target
from districtdesk.service_requests.policies import requests_visible_to

Status = ServiceRequest.Status
OPEN = ServiceRequest.OPEN_STATUSES
# A status note falls due once the request is worked (categorised), until it is resolved.
NOTE_STATUSES = (Status.OPEN, Status.IN_PROGRESS, Status.WAITING)
DUE_BANDS = ("overdue", "today", "this_week", "later", "no_due_time")


@dataclass(frozen=True)
class TeamScope:
    """The teams a figure counts, and the URL's narrowing."""

    teams: tuple[Team, ...]
    campus_id: int | None = None
    category_id: int | None = None


def team_requests(viewer: Person, scope: TeamScope) -> QuerySet[ServiceRequest]:
    requests = requests_visible_to(viewer).filter(team__in=[team.pk for team in scope.teams])
    if scope.campus_id is not None:
        requests = requests.filter(campus_id=scope.campus_id)
    if scope.category_id is not None:
        requests = requests.filter(category_id=scope.category_id)
    return requests


def week_start(now: datetime) -> date:
    today = timezone.localdate(now)
    return today - timedelta(days=today.weekday())


def due_conditions(now: datetime) -> dict[str, Q]:
    """Each band as a filter on an open request's next deadline; together they split them."""
    tomorrow = start_of_day(timezone.localdate(now) + timedelta(days=1))
    next_monday = start_of_day(week_start(now) + timedelta(days=7))
    return {
        "overdue": Q(due_at__lt=now),
        "today": Q(due_at__gte=now, due_at__lt=tomorrow),
        "this_week": Q(due_at__gte=max(now, tomorrow), due_at__lt=next_monday),
        "later": Q(due_at__gte=max(now, next_monday)),
        "no_due_time": Q(due_at__isnull=True),
    }


@dataclass(frozen=True)
class TeamRow:
    team: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _by_team(scope: TeamScope, rows, key: str, names: tuple[str, ...]) -> list[TeamRow]:
    """Every chosen team (zeros included), by name."""
    counts = {(row[key], name): row[name] for row in rows for name in names}
    return [
        TeamRow(team.name, {name: counts.get((team.pk, name), 0) for name in names})
        for team in sorted(scope.teams, key=lambda team: team.name)
    ]


def open_by_due_time(viewer: Person, scope: TeamScope, *, now: datetime) -> list[TeamRow]:
    """Open requests per team by their next deadline, in one query."""
    rows = (
        team_requests(viewer, scope)
        .filter(status__in=OPEN)
        .values("team_id")
        .annotate(
            **{
                band: Count("pk", filter=condition)
                for band, condition in due_conditions(now).items()
            }
        )
        .order_by()
    )
    return _by_team(scope, rows, "team_id", DUE_BANDS)


def breaches_this_week(viewer: Person, scope: TeamScope, *, now: datetime) -> list[TeamRow]:
    """Targets missed (docs: the breach trend) with their due time since Monday, per team
    and target, in one query."""
    monday, next_monday = (
        start_of_day(week_start(now)),
        start_of_day(week_start(now) + timedelta(days=7)),
    )
    targets = Target.objects.filter(HAS_SLA, request__in=team_requests(viewer, scope).values("pk"))
    kinds = tuple(Target.Kind.values)
    rows = (
        missed_between(targets, monday, next_monday, now)
        .values("request__team_id")
        .annotate(**{kind: Count("pk", filter=Q(kind=kind)) for kind in kinds})
        .order_by()
    )
    return _by_team(scope, rows, "request__team_id", kinds)


@dataclass(frozen=True)
class Load:
    name: str
    open: int
    overdue: int

    @property
    def on_time(self) -> int:
        return self.open - self.overdue


def technician_load(viewer: Person, scope: TeamScope, *, now: datetime) -> list[Load]:
    """Each member of the chosen teams (those with nothing assigned included), then anyone
    else holding the teams' requests, then the unassigned: open requests and the overdue
    among them. Two queries."""
    rows = (
        team_requests(viewer, scope)
        .filter(status__in=OPEN)
        .values("assignee_id", "assignee__first_name", "assignee__last_name", "assignee__username")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now)))
        .order_by()
    )
    found = {row["assignee_id"]: row for row in rows}
    members = (
        TeamMembership.objects.filter(team__in=[team.pk for team in scope.teams])
        .values("person_id", "person__first_name", "person__last_name", "person__username")
        .distinct()
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    loads = []
    seen = set()
    for member in members:
        if member["person_id"] in seen:
            continue
        seen.add(member["person_id"])
        row = found.get(member["person_id"], {})
        loads.append(Load(_name(member, "person__"), row.get("open", 0), row.get("overdue", 0)))
    others = [row for key, row in found.items() if key is not None and key not in seen]
    for row in sorted(others, key=lambda row: _name(row, "assignee__")):
        loads.append(Load(_name(row, "assignee__"), row["open"], row["overdue"]))
    if None in found:
        loads.append(Load("", found[None]["open"], found[None]["overdue"]))
    return loads


def _name(row: dict, prefix: str) -> str:
    full = f"{row[prefix + 'first_name']} {row[prefix + 'last_name']}".strip()
    return full or row[prefix + "username"]


def late_status_notes(viewer: Person, scope: TeamScope, *, now: datetime):
    """Open scheduled maintenance (the chart's scheduled-work categories) whose weekly
    status note is overdue, the longest late first; one query."""
    return (
        team_requests(viewer, scope)
        .filter(
            status__in=NOTE_STATUSES,
            category__needs_planned_completion=True,
            status_note_due_at__lt=now,
        )
        .select_related("assignee", "team")
        .order_by("status_note_due_at", "pk")
    )
