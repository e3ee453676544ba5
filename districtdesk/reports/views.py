"""The dashboards and their downloads. Thin: check the filters, build the report's tables
from the viewer's scope, render or send."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from districtdesk.reports import exports
from districtdesk.reports.filters import ReportFilterForm
from districtdesk.reports.policies import can_view_reports
from districtdesk.reports.tables import DASHBOARDS, TABLES, Report


def _require_reports(request: HttpRequest) -> None:
    # Like an object outside a person's scope: a 404, never a hint that the page exists.
    if not can_view_reports(request.user):
        raise Http404


def _dashboard(request: HttpRequest, name: str, template: str) -> HttpResponse:
    _require_reports(request)
    form = ReportFilterForm(request.GET)
    context = {"form": form, "active_nav": "reports", "now": timezone.now()}
    if form.is_valid():
        filters = form.filters()
        report = Report(request.user, filters, now=context["now"])
        context |= {
            "filters": filters,
            "query": filters.as_query(),
            "tables": [report.table(slug) for slug in DASHBOARDS[name]],
            "report": report,
        }
    return render(request, template, context)


@login_required
@require_GET
def sla_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, "sla", "reports/sla_dashboard.html")


@login_required
@require_GET
def intake_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, "intake", "reports/intake_dashboard.html")


def _download(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    _require_reports(request)
    if slug not in TABLES:
        raise Http404
    form = ReportFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            _("The filters are not valid: open the dashboard to correct them."),
            content_type="text/plain; charset=utf-8",
        )
    filters, now = form.filters(), timezone.now()
    table = Report(request.user, filters, now=now).table(slug)
    if extension == "csv":
        return exports.csv_response(table, now=now)
    return exports.xlsx_response(table, filters=filters, now=now)


@login_required
@require_GET
def download_csv(request: HttpRequest, table: str) -> HttpResponse:
    return _download(request, table, "csv")


@login_required
@require_GET
def download_xlsx(request: HttpRequest, table: str) -> HttpResponse:
    return _download(request, table, "xlsx")
