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

from districtdesk.reports.api.serializers import IntakeReportSerializer, SlaReportSerializer
from districtdesk.reports.figures import backlog, compliance, intake, time_spent
from districtdesk.reports.filters import Filters, ReportFilterForm
from districtdesk.reports.policies import can_view_reports

FILTER_PARAMETERS = [
    OpenApiParameter("submitted_from", OpenApiTypes.DATE, description="Submitted on or after."),
    OpenApiParameter("submitted_to", OpenApiTypes.DATE, description="Submitted on or before."),
    OpenApiParameter("campus", OpenApiTypes.INT, description="A campus id."),
    OpenApiParameter("team", OpenApiTypes.INT, description="A team id (the current team)."),
    OpenApiParameter("category", OpenApiTypes.INT, description="A category id (current)."),
]


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
    summary="SLA compliance, backlog ageing and time waiting, from the caller's scope",
    parameters=FILTER_PARAMETERS,
    responses={200: SlaReportSerializer},
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
    }
    return Response(SlaReportSerializer(body).data)


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
