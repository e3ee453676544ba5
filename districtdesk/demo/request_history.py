"""Three school years of service-request history for the large district, in bulk.

A million requests cannot be played through the services in minutes, so each request's
life is drawn here — submitted on a school day in working hours, categorised, acknowledged,
perhaps waiting on a vendor or the district, resolved and closed — and its rows are written
as the services would leave them: the request, its three SLA targets with due times from
the pure ``sla`` module on the district's calendars, its waits, and one activity event per
step. Whether a target is met is decided first and the step placed before or after its
due time accordingly, so breaches are as frequent as the shape says and always genuine.

PostgreSQL takes the rows through COPY from two worker processes that draw the requests;
other databases through batched inserts (slower, for tests). The events are written by the
database itself from the rows, one INSERT … SELECT per kind of step.
"""

import csv
import io
import json
import multiprocessing
import random
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Max

from districtdesk import sla
from districtdesk.activity.models import Event
from districtdesk.core.calendars import to_sla_calendar
from districtdesk.core.models import BusinessCalendar, Person, Team, TeamMembership
from districtdesk.service_requests.clock import (
    ACKNOWLEDGE_WITHIN,
    CATEGORISE_WITHIN,
    priority_duration,
    serialise,
)
from districtdesk.service_requests.demo_requests import PROBLEMS
from districtdesk.service_requests.models import (
    Priority,
    RoutingRule,
    ServiceRequest,
    Target,
    WaitPeriod,
)
from districtdesk.sla.arithmetic import due_in_utc

Progress = Callable[[int, int], None]

CHUNK = 20_000
# How COPY is told a cell is empty (NULL) rather than an empty string.
NULL = "\\N"
CHANNELS = [("portal", 55), ("email", 20), ("phone", 20), ("api", 5)]
# How often each promise is kept: the shape of a department that mostly meets its chart.
MET_SHARE = {"categorise": 0.93, "acknowledge": 0.95, "resolve": 0.87}
WAIT_SHARE = 0.12
VENDOR_SHARE_OF_WAITS = 0.6
# Resolved requests close (by the requester or after a quiet week) a few days later.
CLOSE_AFTER = (timedelta(hours=4), timedelta(days=7))
RESOLUTIONS = [
    "Replaced the cable and tested with the teacher.",
    "Reset the account and confirmed the sign-in.",
    "Reimaged the device and returned it to the classroom.",
    "Vendor replaced the part under warranty.",
    "Adjusted the configuration; working as expected.",
]
WAIT_REASONS = {
    "vendor": ["Part ordered from the vendor", "Vendor repair under warranty"],
    "district": ["Waiting on the principal's approval", "Waiting for the teacher to be available"],
}


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


@dataclass
class Drawn:
    """One chunk's rows, column by column as the *_COLUMNS name them, and what became of
    its requests."""

    requests: list[tuple] = field(default_factory=list)
    targets: list[tuple] = field(default_factory=list)
    waits: list[tuple] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)


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


REQUEST_COLUMNS = (
    "id",
    "channel",
    "requester_id",
    "entered_by_id",
    "summary",
    "description",
    "impact",
    "urgency",
    "requirements",
    "campus_id",
    "asset_tag",
    "category_id",
    "priority_id",
    "team_id",
    "assignee_id",
    "status",
    "waiting_on",
    "resolution",
    "submitted_at",
    "categorised_at",
    "acknowledged_at",
    "resolved_at",
    "closed_at",
    "due_at",
    "worked_ahead_reason",
    "queue_rank",
)
TARGET_COLUMNS = (
    "request_id",
    "kind",
    "calendar_id",
    "started_at",
    "sla_hours",
    "sla_days",
    "due_at",
    "completed_at",
    "explanation",
    "recomputed_because",
)
WAIT_COLUMNS = (
    "request_id",
    "waiting_on",
    "reason",
    "started_at",
    "ended_at",
    "started_by_id",
    "ended_by_id",
)


def _submitted(rng: random.Random, day: date, zone: ZoneInfo, now: datetime) -> float:
    """A moment of the day: mostly working hours, busiest mid-morning."""
    if rng.random() < 0.88:
        minutes = int(min(max(rng.gauss(10.5 * 60, 2.2 * 60), 7 * 60), 17 * 60 - 1))
    else:
        minutes = rng.randrange(0, 24 * 60)
    local = datetime.combine(day, time()) + timedelta(minutes=minutes, seconds=rng.randrange(60))
    moment = local.replace(tzinfo=zone).timestamp()
    return min(moment, (now - timedelta(minutes=1)).timestamp())


def _when(
    rng: random.Random, start: datetime, due: datetime | None, met: bool, ceiling: timedelta
) -> datetime:
    """When a step happened: before the due time if the promise was met, after it if not."""
    if due is None:
        return start + ceiling * rng.random() ** 2
    if met:
        return start + (due - start) * (0.05 + 0.9 * rng.random())
    return due + (ceiling * 0.5) * (0.02 + rng.random())


def _due(calendar: sla.BusinessCalendar, start: datetime, duration, pauses=()) -> datetime | None:
    return due_in_utc(calendar, start, duration, tuple(pauses))


def draw_chunk(plan: HistoryPlan, offset: int, count: int) -> Drawn:
    rng = random.Random(plan.seed * 1_000_003 + offset)  # noqa: S311 - demo data, not secrets
    default = plan.calendars[plan.default_calendar_id]
    # Cumulative weights once, not on every draw.
    priority_weights = list(accumulate(shape.weight for shape in plan.priorities))
    channels, weights = zip(*CHANNELS, strict=True)
    channel_weights = list(accumulate(weights))
    drawn = Drawn()
    by_status = drawn.by_status
    now = plan.now
    for number in range(count):
        request_id = plan.first_id + offset + number
        requester, campus = rng.choice(plan.requesters)
        shape = rng.choices(plan.priorities, cum_weights=priority_weights)[0]
        channel = rng.choices(channels, cum_weights=channel_weights)[0]
        submitted = datetime.fromtimestamp(plan.submitted[offset + number], UTC)
        entered_by = (
            rng.choice(plan.analysts) if channel == "phone" and plan.analysts else requester
        )
        team = shape.team_id or plan.campus_team.get(campus)
        people = plan.members.get(team, [])
        assignee = rng.choice(people) if people else None
        analyst = rng.choice(plan.analysts) if plan.analysts else assignee

        categorise_due = _due(default, submitted, CATEGORISE_WITHIN)
        categorised = _when(
            rng,
            submitted,
            categorise_due,
            rng.random() < MET_SHARE["categorise"],
            timedelta(hours=6),
        )
        status = "new"
        acknowledge_due = resolve_due = acknowledged = resolved = closed = None
        wait: tuple[str, datetime, datetime | None] | None = None
        if categorised <= now:
            status = "open"
            acknowledge_due = _due(default, categorised, ACKNOWLEDGE_WITHIN)
            acknowledged = _when(
                rng,
                categorised,
                acknowledge_due,
                rng.random() < MET_SHARE["acknowledge"],
                timedelta(days=3),
            )
            resolve_calendar = plan.calendars[shape.calendar_id]
            resolve_met = rng.random() < MET_SHARE["resolve"]
            pauses: list[sla.Pause] = []
            if rng.random() < WAIT_SHARE:
                waiting_on = "vendor" if rng.random() < VENDOR_SHARE_OF_WAITS else "district"
                wait_start = acknowledged + timedelta(hours=rng.uniform(1, 30))
                wait_end = wait_start + timedelta(hours=rng.uniform(4, 24 * 12))
                if wait_start <= now:
                    ended = wait_end if wait_end <= now else None
                    wait = (waiting_on, wait_start, ended)
                    pauses.append(sla.Pause(wait_start, ended))
            if shape.duration is not None:
                resolve_due = _due(resolve_calendar, submitted, shape.duration, pauses)
            base = wait[2] if wait and wait[2] else acknowledged
            if resolve_due is not None and wait and wait[2] and resolve_met:
                # A met request resolves after its wait and before the pushed-back due time.
                resolved = base + max(resolve_due - base, timedelta(minutes=5)) * (
                    0.1 + 0.8 * rng.random()
                )
            else:
                resolved = _when(rng, submitted, resolve_due, resolve_met, timedelta(days=10))
                if wait and wait[2]:
                    resolved = max(resolved, wait[2] + timedelta(minutes=30))
            resolved = max(resolved, acknowledged + timedelta(minutes=10))
            if acknowledged <= now:
                status = "in_progress"
            else:
                acknowledged = None
            if wait and wait[2] is None:
                status, resolved = "waiting", None
            elif resolved is not None and resolved <= now and acknowledged is not None:
                status = "resolved"
                closed = (
                    resolved + CLOSE_AFTER[0] + (CLOSE_AFTER[1] - CLOSE_AFTER[0]) * (rng.random())
                )
                if closed <= now:
                    status = "closed"
                else:
                    closed = None
            else:
                resolved = None
            if wait and acknowledged is None:
                wait = None  # nobody had picked it up to put it on hold
                if status == "waiting":
                    status = "open"
        else:
            categorised = None
        by_status[status] = by_status.get(status, 0) + 1

        open_dues = [
            due
            for due, done in (
                (categorise_due, categorised),
                (acknowledge_due, acknowledged),
                (resolve_due if status != "waiting" else None, resolved),
            )
            if due is not None and done is None
        ]
        summary = rng.choice(shape.summaries)
        drawn.requests.append(
            (
                request_id,
                channel,
                requester,
                entered_by,
                summary,
                summary + ".",
                "Reported through the help desk.",
                "",
                "",
                campus,
                "",
                None if categorised is None else shape.category_id,
                None if categorised is None else shape.pk,
                None if categorised is None else team,
                None if categorised is None else assignee,
                status,
                wait[0] if status == "waiting" and wait else "",
                rng.choice(RESOLUTIONS) if resolved else "",
                submitted,
                categorised,
                acknowledged,
                resolved,
                closed,
                min(open_dues) if open_dues and status not in ("resolved", "closed") else None,
                "",
                int(ServiceRequest.QueueRank.BY_DUE_TIME),
            )
        )
        is_open = status not in ("resolved", "closed")
        _target(
            drawn.targets,
            request_id,
            "categorise",
            plan.default_calendar_id,
            default,
            submitted,
            CATEGORISE_WITHIN,
            categorise_due,
            categorised,
            explain=categorised is None,
        )
        if categorised is not None:
            _target(
                drawn.targets,
                request_id,
                "acknowledge",
                plan.default_calendar_id,
                default,
                categorised,
                ACKNOWLEDGE_WITHIN,
                acknowledge_due,
                acknowledged or resolved,
                explain=is_open and acknowledged is None,
            )
            _target(
                drawn.targets,
                request_id,
                "resolve",
                shape.calendar_id,
                plan.calendars[shape.calendar_id],
                submitted,
                shape.duration,
                None if status == "waiting" else resolve_due,
                resolved,
                explain=is_open,
                pauses=[sla.Pause(wait[1], wait[2])] if wait else [],
            )
        if wait:
            drawn.waits.append(
                (
                    request_id,
                    wait[0],
                    rng.choice(WAIT_REASONS[wait[0]]),
                    wait[1],
                    wait[2],
                    assignee or analyst,
                    (assignee or analyst) if wait[2] else None,
                )
            )
    return drawn


def _target(
    rows: list[tuple],
    request_id: int,
    kind: str,
    calendar_id: int,
    calendar: sla.BusinessCalendar,
    started: datetime,
    duration: sla.BusinessDuration | None,
    due: datetime | None,
    completed: datetime | None,
    *,
    explain: bool,
    pauses: list[sla.Pause] | None = None,
) -> None:
    explanation = "{}"
    if explain and duration is not None:
        # Running clocks are what people open; history keeps its due time without the prose.
        explanation = json.dumps(
            serialise(sla.explain_due(calendar, started, duration, pauses or ()))
        )
    rows.append(
        (
            request_id,
            kind,
            calendar_id,
            started,
            duration.amount if duration and not duration.is_days else None,
            duration.amount if duration and duration.is_days else None,
            due,
            completed,
            explanation,
            "history",
        )
    )


# The plan of the load under way: forked workers inherit it instead of receiving a pickle.
_plan_in_hand: list[HistoryPlan] = []


def _draw(chunk: tuple[int, int]) -> Drawn:
    return draw_chunk(_plan_in_hand[0], *chunk)


def _chunks(count: int) -> Iterator[tuple[int, int]]:
    for offset in range(0, count, CHUNK):
        yield offset, min(CHUNK, count - offset)


def _copy(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 - our names
            return
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerows([[NULL if value is None else value for value in row] for row in rows])
        statement = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')"
        with cursor.cursor.copy(statement) as copy:
            copy.write(text.getvalue())


# One event per step, written by the database from the rows: (code, actor, when, params).
def _event_statements() -> list[tuple[str, str]]:
    request_type = ContentType.objects.get_for_model(ServiceRequest).pk
    table = ServiceRequest._meta.db_table
    events, priorities, teams = (
        Event._meta.db_table,
        Priority._meta.db_table,
        Team._meta.db_table,
    )
    postgres = connection.vendor == "postgresql"
    obj = "jsonb_build_object" if postgres else "json_object"
    number = "'SR-' || lpad(r.id::text, 6, '0')" if postgres else "printf('SR-%06d', r.id)"
    text_id = "r.id::text" if postgres else "CAST(r.id AS TEXT)"
    staff = "COALESCE(r.assignee_id, r.entered_by_id)"
    steps = [
        (
            "request.submitted",
            "r.entered_by_id",
            "r.submitted_at",
            f"{obj}('number', {number}, 'channel', r.channel, 'on_behalf_of', '')",
            "TRUE",
        ),
        (
            "request.categorised",
            staff,
            "r.categorised_at",
            f"{obj}('priority', p.name, 'team', COALESCE(t.name, ''), 'rule', '', 'assignee', '')",
            "r.categorised_at IS NOT NULL",
        ),
        (
            "request.acknowledged",
            staff,
            "r.acknowledged_at",
            f"{obj}()",
            "r.acknowledged_at IS NOT NULL",
        ),
        (
            "request.resolved",
            staff,
            "r.resolved_at",
            f"{obj}('resolution', r.resolution)",
            "r.resolved_at IS NOT NULL",
        ),
        ("request.closed", "r.requester_id", "r.closed_at", f"{obj}()", "r.closed_at IS NOT NULL"),
    ]
    statements = [
        (
            code,
            f"INSERT INTO {events} (occurred_at, actor_id, code, subject_type_id, "  # noqa: S608 - our names
            f"subject_id, params) SELECT {when}, {actor}, '{code}', {request_type}, {text_id}, "
            f"{params} FROM {table} r LEFT JOIN {priorities} p ON p.id = r.priority_id "
            f"LEFT JOIN {teams} t ON t.id = r.team_id "
            f"WHERE r.id BETWEEN %s AND %s AND {condition}",
        )
        for code, actor, when, params, condition in steps
    ]
    wait_table = WaitPeriod._meta.db_table
    for code, when, actor, params, condition in (
        (
            "request.waiting",
            "w.started_at",
            "w.started_by_id",
            f"{obj}('waiting_on', w.waiting_on, 'reason', w.reason)",
            "TRUE",
        ),
        ("request.resumed", "w.ended_at", "w.ended_by_id", f"{obj}()", "w.ended_at IS NOT NULL"),
    ):
        statements.append(
            (
                code,
                f"INSERT INTO {events} (occurred_at, actor_id, code, subject_type_id, "  # noqa: S608
                f"subject_id, params) SELECT {when}, {actor}, '{code}', {request_type}, "
                f"{text_id.replace('r.', 'w.request_')}, {params} FROM {wait_table} w "
                f"WHERE w.request_id BETWEEN %s AND %s AND {condition}",
            )
        )
    return statements


@contextmanager
def _checks_and_indexes_built_after(tables: list[str]) -> Iterator[None]:
    """PostgreSQL: set the tables' foreign keys and plain indexes aside for the load, then
    add them again, each checked or built once over all the rows.

    Row-by-row foreign-key checks and index updates cost several times the load itself at
    a million rows; re-adding a foreign key validates every row in one join, so a bad
    reference still fails the load. Primary keys, unique constraints and partial indexes
    (the open queues', small over history) stay throughout.
    Runs inside the caller's transaction: a failed load leaves everything as it was.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        # Rows written earlier in this transaction have their checks pending; a table with
        # pending checks cannot be altered, so they run now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        foreign_keys = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
            "AND NOT x.indisunique AND NOT x.indisprimary AND x.indpred IS NULL",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')


def load_request_history(
    *,
    count: int,
    seed: int,
    now: datetime,
    progress: Progress | None = None,
    say: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Add ``count`` requests of history ending at ``now``; returns how many in each status.

    ``progress`` hears (requests written, count) after each chunk; ``say`` each later stage.
    """
    plan = build_plan(now=now, seed=seed, count=count)
    report = progress or (lambda done, total: None)
    stage = say or (lambda line: None)
    by_status: dict[str, int] = {}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        tables = [model._meta.db_table for model in (ServiceRequest, Target, WaitPeriod, Event)]
        with _checks_and_indexes_built_after(tables):
            _load_rows(plan, count, by_status, report)
            last_id = plan.first_id + count - 1
            with connection.cursor() as cursor:
                for code, statement in _event_statements():
                    stage(f"Events: {code}")
                    cursor.execute(statement, [plan.first_id, last_id])
            stage("Building the indexes and checking every reference")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                    [ServiceRequest._meta.db_table, max(last_id, 1)],
                )
    if connection.vendor == "postgresql":
        stage("Updating the planner's statistics")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return by_status


def _load_rows(plan: HistoryPlan, count: int, by_status: dict[str, int], report: Progress) -> None:
    done = 0
    _plan_in_hand[:] = [plan]
    try:
        if connection.vendor == "postgresql" and count > CHUNK:
            # Forked workers draw while this process writes; they never touch the database.
            context = multiprocessing.get_context("fork")
            with context.Pool(2) as pool:
                for drawn in pool.imap(_draw, _chunks(count)):
                    done += _write(drawn, by_status)
                    report(done, count)
        else:
            for chunk in _chunks(count):
                done += _write(_draw(chunk), by_status)
                report(done, count)
    finally:
        _plan_in_hand.clear()


def _write(drawn: Drawn, by_status: dict[str, int]) -> int:
    _copy(ServiceRequest._meta.db_table, REQUEST_COLUMNS, drawn.requests)
    _copy(Target._meta.db_table, TARGET_COLUMNS, drawn.targets)
    _copy(WaitPeriod._meta.db_table, WAIT_COLUMNS, drawn.waits)
    for status, number in drawn.by_status.items():
        by_status[status] = by_status.get(status, 0) + number
    return sum(drawn.by_status.values())
