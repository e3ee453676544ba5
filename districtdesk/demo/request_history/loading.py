"""Writing the history: COPY from two worker processes (batched inserts elsewhere), the
events by the database itself, indexes and foreign keys built once at the end."""

import csv
import io
import multiprocessing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from districtdesk.activity.models import Event
from districtdesk.core.models import Team
from districtdesk.demo.request_history.drawing import (
    REQUEST_COLUMNS,
    TARGET_COLUMNS,
    WAIT_COLUMNS,
    Drawn,
    draw_chunk,
)
from districtdesk.demo.request_history.plan import HistoryPlan, build_plan
from districtdesk.service_requests.models import (
    Priority,
    ServiceRequest,
    Target,
    WaitPeriod,
)
from districtdesk.service_requests.tally import rebuild_tallies

Progress = Callable[[int, int], None]

CHUNK = 20_000
# How COPY is told a cell is empty (NULL) rather than an empty string.
NULL = "\\N"

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
    # ServiceRequest.number: at least six digits, more past 999,999 (lpad alone would cut
    # them). The doubled % is one % once Django has put in the parameters.
    number = (
        "'SR-' || lpad(r.id::text, greatest(6, length(r.id::text)), '0')"
        if postgres
        else "printf('SR-%%06d', r.id)"
    )
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
        stage("Tallying the closed requests for reports")
        rebuild_tallies()
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
