"""The dashboards' figures over the REST API, for a district's own BI tools: the same
functions, the same viewer scope, the same filters (a bad one is a 400 with field errors)."""

from datetime import datetime

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from districtdesk.reports.api.serializers import (
    BusinessOfficeReportSerializer,
    ChangeReportSerializer,
    IntakeReportSerializer,
    InventoryReportSerializer,
    SlaReportWithTrendSerializer,
    TeamReportSerializer,
)
from districtdesk.reports.dashboards import DASHBOARDS
from districtdesk.reports.figures import (
    assets,
    backlog,
    breaches,
    changes,
    compliance,
    intake,
    purchasing,
    reviews,
    team_work,
    time_spent,
)
from districtdesk.reports.filters import Filters, ReportFilterForm
from districtdesk.reports.policies import can_view_reports

FILTER_PARAMETERS = [
    OpenApiParameter("submitted_from", OpenApiTypes.DATE, description="Submitted on or after."),
    OpenApiParameter("submitted_to", OpenApiTypes.DATE, description="Submitted on or before."),
    OpenApiParameter("campus", OpenApiTypes.INT, description="A campus id."),
    OpenApiParameter("team", OpenApiTypes.INT, description="A team id (the current team)."),
    OpenApiParameter("category", OpenApiTypes.INT, description="A category id (current)."),
]
SCHOOL_YEAR_PARAMETER = OpenApiParameter(
    "school_year",
    OpenApiTypes.INT,
    description="The school year (1 July to 30 June) by the year it starts in; the current "
    "one by default.",
)


def _filters(request: Request) -> Filters:
    if not can_view_reports(request.user):
        raise NotFound
    form = ReportFilterForm(request.query_params)
    if not form.is_valid():
        raise ValidationError(_messages(form))
    return form.filters()


def _messages(form: ReportFilterForm) -> dict[str, list[str]]:
    return {name: [str(message) for message in errors] for name, errors in form.errors.items()}


def _outcomes(kind: str, outcomes: compliance.Outcomes) -> dict:
    return {"kind": kind, **outcomes.as_dict()}


def _breakdown(request: Request, filters: Filters, dimension: str, now: datetime, keys) -> list:
    rows = compliance.compliance_by(request.user, filters, dimension=dimension, now=now)
    return [
        {**dict(zip(keys, row.key, strict=True)), **_outcomes(row.kind, row.outcomes)}
        for row in rows
    ]


@extend_schema(
    summary="SLA compliance, backlog ageing, time waiting, the breach trend and the queue "
    "reviews, from the caller's scope",
    parameters=[*FILTER_PARAMETERS, SCHOOL_YEAR_PARAMETER],
    responses={200: SlaReportWithTrendSerializer},
)
@api_view(["GET"])
def sla_report(request: Request) -> Response:
    filters, now = _filters(request), timezone.now()
    viewer = request.user
    overview = compliance.compliance_overview(viewer, filters, now=now)
    work = backlog.backlog(viewer, filters, now=now)
    body = {
        "counted_at": now,
        "targets": [_outcomes(kind, outcomes) for kind, outcomes in overview.items()],
        "by_category_priority": _breakdown(
            request,
            filters,
            "category",
            now,
            ("category", "category_name", "priority", "priority_name"),
        ),
        "by_team": _breakdown(request, filters, "team", now, ("team",)),
        "by_campus": _breakdown(request, filters, "campus", now, ("campus_code", "campus_name")),
        "by_month": [
            {**row, "month": row["month"][:7]}
            for row in _breakdown(request, filters, "month", now, ("month",))
        ],
        "backlog": {
            "by_age": [_band(band) for band in work.by_age],
            "by_days_overdue": [_band(band) for band in work.by_days_overdue],
        },
        "time_spent": [
            {
                "category": row.category_number,
                "category_name": row.category_name or None,
                "requests": row.requests,
                "working_hours": time_spent.hours(row.working),
                "vendor_hours": time_spent.hours(row.vendor),
                "district_hours": time_spent.hours(row.district),
                "elapsed_hours": time_spent.hours(row.elapsed),
            }
            for row in time_spent.time_spent_by_category(viewer, filters, now=now)
        ],
        "school_year": _school_year(viewer, filters, now),
    }
    return Response(SlaReportWithTrendSerializer(body).data)


def _school_year(viewer, filters: Filters, now: datetime) -> dict:
    def trend(period: str, label: str) -> list[dict]:
        return [
            {"period": row.first_day.strftime(label), **row.by_kind, "total": row.total}
            for row in breaches.breach_trend(viewer, filters, period=period, now=now)
        ]

    year = filters.school_year_at(now)
    return {
        "school_year": year,
        "breaches_by_month": trend("month", "%Y-%m"),
        "breaches_by_week": trend("week", "%Y-%m-%d"),
        "queue_reviews": [
            {
                "week_of": week.monday,
                "due": week.due,
                "done": week.done,
                "missed": week.missed,
                "done_percent": week.done_percent,
            }
            for week in reviews.review_cadence(year, now=now)
        ],
    }


def _band(band: backlog.BandCount) -> dict:
    return {"first_day": band.first, "last_day": band.last, "count": band.count}


@extend_schema(
    summary="The uncategorised queue and intake by channel per hour, from the caller's scope",
    parameters=FILTER_PARAMETERS,
    responses={200: IntakeReportSerializer},
)
@api_view(["GET"])
def intake_report(request: Request) -> Response:
    filters, now = _filters(request), timezone.now()
    queue = backlog.uncategorised_queue(request.user, filters, now=now)
    body = {
        "counted_at": now,
        "uncategorised": {
            "size": queue.size,
            "oldest_submitted_at": queue.oldest_submitted_at,
            "oldest_age_minutes": queue.oldest_age_minutes,
        },
        "by_hour": [
            {"hour": hour.hour, **hour.by_channel, "total": hour.total}
            for hour in intake.intake_by_hour(request.user, filters)
        ],
    }
    return Response(IntakeReportSerializer(body).data)


def _dashboard_filters(request: Request, name: str):
    """The dashboard's own rule and filter form: a 404 for whom it is not for, a 400 with
    field errors for a bad filter (a team outside the caller's teams included)."""
    dashboard = DASHBOARDS[name]
    if not dashboard.may_view(request.user):
        raise NotFound
    form = dashboard.form(request.query_params, viewer=request.user)
    if not form.is_valid():
        raise ValidationError(_messages(form))
    return form.filters()


@extend_schema(
    summary="A team lead's teams: open work by due time, targets missed this week, load per "
    "technician, late status notes on scheduled maintenance",
    parameters=[
        OpenApiParameter(
            "team",
            OpenApiTypes.INT,
            description="A team id among the caller's: a team lead's own teams, or any team "
            "for directors. All of them when left out.",
        ),
        OpenApiParameter("campus", OpenApiTypes.INT, description="A campus id."),
        OpenApiParameter("category", OpenApiTypes.INT, description="A category id (current)."),
    ],
    responses={200: TeamReportSerializer},
)
@api_view(["GET"])
def team_report(request: Request) -> Response:
    filters, now = _dashboard_filters(request, "team"), timezone.now()
    viewer, scope = request.user, filters.scope
    today = timezone.localdate(now)
    body = {
        "counted_at": now,
        "teams": [team.name for team in filters.teams],
        "week_of": team_work.week_start(now),
        "open_by_due_time": [
            {"team": row.team, **row.counts, "total": row.total}
            for row in team_work.open_by_due_time(viewer, scope, now=now)
        ],
        "breaches_this_week": [
            {"team": row.team, **row.counts, "total": row.total}
            for row in team_work.breaches_this_week(viewer, scope, now=now)
        ],
        "load": [
            {"assignee": load.name or None, "open": load.open, "overdue": load.overdue}
            for load in team_work.technician_load(viewer, scope, now=now)
        ],
        "late_status_notes": [
            {
                "number": request.number,
                "team": request.team.name if request.team else None,
                "assignee": str(request.assignee) if request.assignee else None,
                "status_note_due_at": request.status_note_due_at,
                "days_late": (today - timezone.localdate(request.status_note_due_at)).days,
            }
            for request in team_work.late_status_notes(viewer, scope, now=now)
        ],
    }
    return Response(TeamReportSerializer(body).data)


@extend_schema(
    summary="Change control: changes by type and outcome per month, outcome rates, notice "
    "given, reviews outstanding",
    parameters=[
        OpenApiParameter(
            "planned_from", OpenApiTypes.DATE, description="Planned to start on or after."
        ),
        OpenApiParameter(
            "planned_to", OpenApiTypes.DATE, description="Planned to start on or before."
        ),
        OpenApiParameter(
            "change_type",
            OpenApiTypes.STR,
            enum=list(changes.TYPES),
            description="scheduled, emergency or informational.",
        ),
    ],
    responses={200: ChangeReportSerializer},
)
@api_view(["GET"])
def change_report(request: Request) -> Response:
    filters, now = _dashboard_filters(request, "changes"), timezone.now()
    viewer, scope = request.user, filters.scope
    counts = changes.change_counts(viewer, scope)
    outcome_names = {
        changes.Outcome.SUCCESSFUL: "successful",
        changes.Outcome.POSTPONED: "postponed",
        changes.Outcome.BACKED_OUT: "backed_out",
        changes.Outcome.NONE: "not_completed",
    }
    body = {
        "counted_at": now,
        "by_month": [
            {
                "month": month.month.strftime("%Y-%m"),
                **month.by_type,
                **{outcome_names[key]: count for key, count in month.by_outcome.items()},
                "total": month.total,
                "emergency_percent": month.emergency_percent,
            }
            for month in counts.by_month
        ],
        "by_type": [
            {
                "change_type": row.change_type,
                "completed": row.completed,
                **{outcome_names[key]: count for key, count in row.by_outcome.items() if key},
                **{
                    f"{outcome_names[key]}_percent": row.percent(key)
                    for key in row.by_outcome
                    if key
                },
            }
            for row in counts.by_type
        ],
        "lead_time": [
            {"band": band.key, "changes": band.changes, "overridden": band.overridden}
            for band in changes.lead_time_bands(viewer, scope)
        ],
        "reviews_outstanding": [
            {
                "change_type": row.change_type,
                "count": row.count,
                "oldest_completed_at": row.oldest_completed_at,
            }
            for row in changes.reviews_outstanding(viewer, scope)
        ],
    }
    return Response(ChangeReportSerializer(body).data)


@extend_schema(
    summary="The inventory: assets by campus, type, model, status and funding; warranties "
    "ending in 90 days; audits under way",
    parameters=[
        OpenApiParameter("campus", OpenApiTypes.INT, description="A campus id."),
        OpenApiParameter("asset_type", OpenApiTypes.INT, description="An asset type id."),
        OpenApiParameter(
            "funding", OpenApiTypes.STR, enum=["bond", "non_bond"], description="Funding source."
        ),
    ],
    responses={200: InventoryReportSerializer},
)
@api_view(["GET"])
def inventory_report(request: Request) -> Response:
    filters, now = _dashboard_filters(request, "inventory"), timezone.now()
    viewer, scope = request.user, filters.scope
    counts = assets.AssetCounts(viewer, scope)

    def statuses(row: assets.StatusRow) -> dict:
        return {**row.by_status, "total": row.total}

    body = {
        "counted_at": now,
        "by_campus": [{"campus": row.labels[0], **statuses(row)} for row in counts.by_campus()],
        "by_type": [{"asset_type": row.labels[0], **statuses(row)} for row in counts.by_type()],
        "by_model": [
            {"asset_type": row.labels[0], "model": row.labels[1], **statuses(row)}
            for row in counts.by_model()
        ],
        "by_funding": [
            {
                "funding": row.funding,
                "budget_code": row.budget_code,
                "assets": row.assets,
                "held": row.held,
                "cost": row.cost,
            }
            for row in counts.by_funding()
        ],
        "warranty_ending": [
            {
                "campus": row.campus,
                "days_0_30": row.by_band[0],
                "days_31_60": row.by_band[1],
                "days_61_90": row.by_band[2],
                "total": row.total,
            }
            for row in assets.warranties_ending(viewer, scope, now=now)
        ],
        "audits": [
            {
                "campus": row.campus,
                "phase": row.phase,
                "expected": row.expected,
                "scanned": row.scanned,
                "open_discrepancies": row.open_discrepancies,
            }
            for row in assets.audits_under_way(viewer, scope)
        ],
    }
    return Response(InventoryReportSerializer(body).data)


BAND_KEYS = ("under_2_days", "days_2_to_5", "days_5_to_10", "days_10_to_30", "days_30_or_more")


@extend_schema(
    summary="The Business Office: technology-request spend by budget code and funding source, "
    "requests waiting in each step and for how long, money waiting for funding, days from "
    "approval to funding per month",
    parameters=[
        SCHOOL_YEAR_PARAMETER,
        OpenApiParameter(
            "funded_from", OpenApiTypes.DATE, description="Funded on or after (spend)."
        ),
        OpenApiParameter("funded_to", OpenApiTypes.DATE, description="Funded on or before."),
        OpenApiParameter(
            "campus", OpenApiTypes.INT, description="A campus id (the service request's)."
        ),
        OpenApiParameter(
            "funding", OpenApiTypes.STR, enum=["bond", "non_bond"], description="Funding source."
        ),
    ],
    responses={200: BusinessOfficeReportSerializer},
)
@api_view(["GET"])
def business_office_report(request: Request) -> Response:
    filters, now = _dashboard_filters(request, "business_office"), timezone.now()
    viewer, scope = request.user, filters.scope_at(now)
    funding = purchasing.awaiting_funding(viewer, scope, now=now)
    body = {
        "counted_at": now,
        "school_year": filters.school_year_at(now),
        "spend": [
            {
                "funding": row.funding,
                "budget_code": row.budget_code,
                "requests": row.requests,
                "amount": row.amount,
            }
            for row in purchasing.spend_by_budget_code(viewer, scope, now=now)
        ],
        "waiting_by_step": [
            {
                "status": row.status,
                **dict(zip(BAND_KEYS, row.by_band, strict=True)),
                "total": row.total,
                "oldest_since": row.oldest_since,
                "oldest_days": purchasing.age_in_days(row.oldest_since, now),
            }
            for row in purchasing.waiting_by_step(viewer, scope, now=now)
        ],
        "awaiting_funding": {
            "requests": sum(band.requests for band in funding),
            "amount": round(sum(band.amount for band in funding), 2),
            "by_age": [
                {"band": key, "requests": band.requests, "amount": band.amount}
                for key, band in zip(BAND_KEYS, funding, strict=True)
            ],
        },
        "approval_to_order": [
            {
                "month": month.month.strftime("%Y-%m"),
                "funded": month.funded,
                "median_days": month.median_days,
            }
            for month in purchasing.approval_to_order(
                viewer, scope, now=now, months=filters.months_at(now)
            )
        ],
    }
    return Response(BusinessOfficeReportSerializer(body).data)
