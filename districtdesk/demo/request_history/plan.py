"""The plan of a history load: what every worker needs to draw requests, read once from
the database, and when each request was submitted."""

import random
from array import array
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Max

from districtdesk import sla
from districtdesk.core.calendars import to_sla_calendar
from districtdesk.core.models import BusinessCalendar, Person, Team, TeamMembership
from districtdesk.service_requests.clock import priority_duration
from districtdesk.service_requests.demo_requests import PROBLEMS
from districtdesk.service_requests.models import (
    Priority,
    RoutingRule,
    ServiceRequest,
)


@dataclass(frozen=True)
class PriorityShape:
    pk: int
    category_id: int
    team_id: int | None  # from a routing rule on the category alone, else the campus's team
    calendar_id: int
    duration: sla.BusinessDuration | None
    weight: int
    summaries: tuple[str, ...]


@dataclass
class HistoryPlan:
    """Everything a worker needs to draw requests, picklable, read once from the database."""

    now: datetime
    first_id: int
    seed: int
    start: datetime
    default_calendar_id: int
    calendars: dict[int, sla.BusinessCalendar]
    priorities: list[PriorityShape]
    requesters: list[tuple[int, int]]  # (person, home campus)
    campus_team: dict[int, int]
    members: dict[int, list[int]]
    analysts: list[int]
    # When each request was submitted (POSIX seconds), in order: numbers rise with time,
    # as they do in a live system, so the newest requests have the highest numbers.
    submitted: array = field(default_factory=lambda: array("d"))


def _day_weight(day: date, calendar: sla.BusinessCalendar) -> float:
    """School days carry the work; summer and closures a trickle; weekends almost none."""
    if day.weekday() >= 5:
        return 0.03
    if day in calendar.closures:
        return 0.1
    if (day.month, day.day) >= (6, 10) and (day.month, day.day) < (8, 10):
        return 0.35
    return 1.0


def build_plan(*, now: datetime, seed: int, count: int, years: int = 3) -> HistoryPlan:
    # Each worker draws many requests on the same few calendars: remember their days.
    calendars = {
        calendar.pk: sla.RememberingCalendar(to_sla_calendar(calendar))
        for calendar in BusinessCalendar.objects.prefetch_related("working_periods", "closures")
    }
    default_id = BusinessCalendar.objects.get(is_default=True).pk
    category_teams = dict(
        RoutingRule.objects.filter(
            is_active=True,
            category__isnull=False,
            campus__isnull=True,
            system__isnull=True,
            asset_type__isnull=True,
        )
        .order_by("-position")
        .values_list("category_id", "team_id")
    )
    by_code = {
        f"{p.category.number}.{p.number}": p for p in Priority.objects.select_related("category")
    }
    priorities = [
        PriorityShape(
            pk=by_code[code].pk,
            category_id=by_code[code].category_id,
            team_id=category_teams.get(by_code[code].category_id),
            calendar_id=by_code[code].calendar_id or default_id,
            duration=priority_duration(by_code[code]),
            weight=weight,
            summaries=tuple(summaries),
        )
        for code, weight, summaries in PROBLEMS
        if code in by_code
    ]
    members: dict[int, list[int]] = {}
    for team_id, person_id in TeamMembership.objects.order_by("pk").values_list(
        "team_id", "person_id"
    ):
        members.setdefault(team_id, []).append(person_id)
    campus_team = dict(
        Team.campuses.through.objects.order_by("campus_id").values_list("campus_id", "team_id")
    )
    service_center = Team.objects.filter(kind=Team.Kind.SERVICE_CENTER).first()
    start = now - timedelta(days=365 * years)
    plan = HistoryPlan(
        now=now,
        first_id=(ServiceRequest.objects.aggregate(top=Max("pk"))["top"] or 0) + 1,
        seed=seed,
        start=start,
        default_calendar_id=default_id,
        calendars=calendars,
        priorities=priorities,
        requesters=list(
            Person.objects.filter(home_campus__isnull=False)
            .order_by("pk")
            .values_list("pk", "home_campus_id")
        ),
        campus_team=campus_team,
        members=members,
        analysts=members.get(service_center.pk, []) if service_center else [],
    )
    default = calendars[default_id]
    days, weights = [], []
    day = start.astimezone(default.timezone).date()
    last = now.astimezone(default.timezone).date()
    while day <= last:
        days.append(day)
        weights.append(_day_weight(day, default))
        day += timedelta(days=1)
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    moments = [
        _submitted(rng, day, default.timezone, now) for day in rng.choices(days, weights, k=count)
    ]
    plan.submitted = array("d", sorted(moments))
    return plan


def _submitted(rng: random.Random, day: date, zone: ZoneInfo, now: datetime) -> float:
    """A moment of the day: mostly working hours, busiest mid-morning."""
    if rng.random() < 0.88:
        minutes = int(min(max(rng.gauss(10.5 * 60, 2.2 * 60), 7 * 60), 17 * 60 - 1))
    else:
        minutes = rng.randrange(0, 24 * 60)
    local = datetime.combine(day, time()) + timedelta(minutes=minutes, seconds=rng.randrange(60))
    moment = local.replace(tzinfo=zone).timestamp()
    return min(moment, (now - timedelta(minutes=1)).timestamp())
