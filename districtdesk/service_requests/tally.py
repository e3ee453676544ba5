"""Keeping the stored tallies of closed requests (models/tallies.py).

`count_closed` adds one request as it closes, inside the closing transaction, so a request
is in the tallies exactly when its status is "closed". `rebuild_tallies` counts every
closed request again in a few INSERT … SELECT statements: for a database filled in bulk
(the large demo district) and for the migration that introduced the tallies.
"""

from datetime import date, datetime, timedelta

from django.apps import apps as installed_apps
from django.db import connection, transaction
from django.db.models import Case, Count, DateField, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractHour, TruncDate, TruncMonth
from django.utils import timezone

from districtdesk.service_requests.models import (
    CampusTargetTally,
    IntakeTally,
    ServiceRequest,
    TargetMonthTally,
    TargetTally,
    TimeTally,
)

HAS_SLA = Q(sla_hours__isnull=False) | Q(sla_days__isnull=False)
BREACHED = Q(due_at__isnull=False, completed_at__gt=F("due_at"))
NO_TIME = timedelta()


def _day(moment: datetime) -> date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def _add(model, key: dict, amounts: dict) -> None:
    """Add `amounts` to the row with `key`, or start that row."""
    if not model.objects.filter(**key).update(
        **{name: F(name) + value for name, value in amounts.items()}
    ):
        model.objects.create(**key, **amounts)


def count_closed(request: ServiceRequest) -> None:
    """Count a request that is closing; call in the transaction that closes it."""
    submitted = timezone.localtime(request.submitted_at, timezone.get_default_timezone())
    submitted_on = submitted.date()
    _add(
        IntakeTally,
        {"submitted_on": submitted_on, "hour": submitted.hour, "channel": request.channel},
        {"requests": 1},
    )
    dimensions = {"category_id": request.category_id, "team_id": request.team_id}
    # Rows are updated in one order (target by target, tally by tally), so two closes
    # that share rows take their locks in the same order and never deadlock.
    for target in request.targets.filter(HAS_SLA, completed_at__isnull=False).order_by("kind"):
        breached = target.due_at is not None and target.completed_at > target.due_at
        outcome = {"breached": 1} if breached else {"met": 1}
        _add(
            TargetTally,
            {
                "submitted_on": submitted_on,
                "due_on": _day(target.due_at) if breached else None,
                "kind": target.kind,
                "priority_id": request.priority_id,
                **dimensions,
            },
            outcome,
        )
        _add(
            TargetMonthTally,
            {
                "submitted_month": submitted_on.replace(day=1),
                "kind": target.kind,
                "priority_id": request.priority_id,
                **dimensions,
            },
            outcome,
        )
        _add(
            CampusTargetTally,
            {
                "submitted_month": submitted_on.replace(day=1),
                "kind": target.kind,
                "campus_id": request.campus_id,
                **dimensions,
            },
            outcome,
        )
    waited = {ServiceRequest.WaitingOn.VENDOR: NO_TIME, ServiceRequest.WaitingOn.DISTRICT: NO_TIME}
    for wait in request.waits.all():
        ended = wait.ended_at or request.resolved_at or request.closed_at
        waited[wait.waiting_on] = waited.get(wait.waiting_on, NO_TIME) + (ended - wait.started_at)
    resolved = request.resolved_at or request.closed_at
    _add(
        TimeTally,
        {"submitted_on": submitted_on, **dimensions},
        {
            "requests": 1,
            "elapsed": resolved - request.submitted_at,
            "vendor": waited[ServiceRequest.WaitingOn.VENDOR],
            "district": waited[ServiceRequest.WaitingOn.DISTRICT],
        },
    )


def _insert_from(model, rows: QuerySet, columns: list[str]) -> None:
    """INSERT INTO the model's table the rows of a values() query, whose SELECT lists
    exactly `columns` in order (each is an annotation, so Django keeps the order)."""
    sql, params = rows.query.sql_with_params()
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {model._meta.db_table} ({names}) {sql}", params)


def _grouped(rows: QuerySet, keys: dict, sums: dict) -> QuerySet:
    """`rows` grouped by `keys` (alias: expression) with `sums`, selecting keys then sums."""
    aliased = {f"tally_{name}": expression for name, expression in keys.items()}
    return rows.annotate(**aliased).values(*aliased).annotate(**sums).order_by()


@transaction.atomic
def rebuild_tallies(apps=installed_apps) -> None:
    """Count every closed request again. Closes that run meanwhile wait for the rebuild on
    PostgreSQL (the tallies are locked), then count themselves once."""
    get = apps.get_model
    target_tally = get("service_requests", "TargetTally")
    month_tally = get("service_requests", "TargetMonthTally")
    campus_tally = get("service_requests", "CampusTargetTally")
    time_tally = get("service_requests", "TimeTally")
    intake_tally = get("service_requests", "IntakeTally")
    tallies = (target_tally, month_tally, campus_tally, time_tally, intake_tally)
    tables = [model._meta.db_table for model in tallies]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")
    for model in tallies:
        model.objects.all().delete()
    zone = timezone.get_default_timezone()
    closed = {"request__status": ServiceRequest.Status.CLOSED}
    targets = get("service_requests", "Target").objects.filter(
        HAS_SLA, completed_at__isnull=False, **closed
    )
    outcomes = {
        "met": Count("pk", filter=~BREACHED),
        "breached": Count("pk", filter=BREACHED),
    }
    on_day = TruncDate("request__submitted_at", tzinfo=zone)
    keys = {
        "submitted_on": on_day,
        "due_on": Case(
            When(BREACHED, then=TruncDate("due_at", tzinfo=zone)),
            default=Value(None, output_field=DateField()),
        ),
        "kind": F("kind"),
        "category": F("request__category"),
        "priority": F("request__priority"),
        "team": F("request__team"),
    }
    _insert_from(target_tally, _grouped(targets, keys, outcomes), [*keys, *outcomes])
    in_month = TruncMonth("request__submitted_at", tzinfo=zone, output_field=DateField())
    keys = {
        "submitted_month": in_month,
        "kind": F("kind"),
        "category": F("request__category"),
        "priority": F("request__priority"),
        "team": F("request__team"),
    }
    _insert_from(month_tally, _grouped(targets, keys, outcomes), [*keys, *outcomes])
    keys = {
        "submitted_month": in_month,
        "kind": F("kind"),
        "campus": F("request__campus"),
        "category": F("request__category"),
        "team": F("request__team"),
    }
    _insert_from(campus_tally, _grouped(targets, keys, outcomes), [*keys, *outcomes])
    requests = get("service_requests", "ServiceRequest").objects.filter(
        status=ServiceRequest.Status.CLOSED
    )
    resolved = Coalesce("resolved_at", "closed_at")
    keys = {
        "submitted_on": TruncDate("submitted_at", tzinfo=zone),
        "category": F("category"),
        "team": F("team"),
    }
    # Requests are counted without their waits (a join would repeat a request once per
    # wait); the waits go in rows of their own with no requests, which sum the same.
    sums = {
        "requests": Count("pk"),
        "elapsed": Sum(resolved - F("submitted_at")),
        "vendor": Value(NO_TIME),
        "district": Value(NO_TIME),
    }
    _insert_from(time_tally, _grouped(requests, keys, sums), [*keys, *sums])
    waits = get("service_requests", "WaitPeriod").objects.filter(**closed)
    spent = Coalesce("ended_at", "request__resolved_at", "request__closed_at") - F("started_at")
    keys = {
        "submitted_on": TruncDate("request__submitted_at", tzinfo=zone),
        "category": F("request__category"),
        "team": F("request__team"),
    }
    sums = {
        "requests": Value(0),
        "elapsed": Value(NO_TIME),
        "vendor": Coalesce(
            Sum(spent, filter=Q(waiting_on=ServiceRequest.WaitingOn.VENDOR)), Value(NO_TIME)
        ),
        "district": Coalesce(
            Sum(spent, filter=Q(waiting_on=ServiceRequest.WaitingOn.DISTRICT)), Value(NO_TIME)
        ),
    }
    _insert_from(time_tally, _grouped(waits, keys, sums), [*keys, *sums])
    keys = {
        "submitted_on": TruncDate("submitted_at", tzinfo=zone),
        "hour": ExtractHour("submitted_at", tzinfo=zone),
        "channel": F("channel"),
    }
    sums = {"requests": Count("pk")}
    _insert_from(intake_tally, _grouped(requests, keys, sums), [*keys, *sums])
