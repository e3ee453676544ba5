"""The dashboards and their downloads. Thin: check who may look, check the filters, build
the dashboard's tables from the viewer's scope, render or send."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from districtdesk.reports import exports
from districtdesk.reports.dashboards import DASHBOARDS, TABLE_OWNERS, Dashboard, dashboards_for


def _require(request: HttpRequest, dashboard: Dashboard) -> None:
    # Like an object outside a person's scope: a 404, never a hint that the page exists.
    if not dashboard.may_view(request.user):
        raise Http404


def _dashboard(request: HttpRequest, name: str, template: str) -> HttpResponse:
    dashboard = DASHBOARDS[name]
    _require(request, dashboard)
    form = dashboard.form(request.GET, viewer=request.user)
    context = {
        "form": form,
        "active_nav": "reports",
        "now": timezone.now(),
        "dashboard": dashboard,
        "dashboards": dashboards_for(request.user),
        "scope_note": dashboard.scope_note,
    }
    if form.is_valid():
        filters = form.filters()
        report = dashboard.report(request.user, filters, now=context["now"])
        context |= {
            "filters": filters,
            "query": filters.as_query(),
            "tables": [report.table(slug) for slug in dashboard.shown],
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


@login_required
@require_GET
def team_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, "team", "reports/dashboard.html")


@login_required
@require_GET
def change_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, "changes", "reports/dashboard.html")


@login_required
@require_GET
def inventory_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, "inventory", "reports/dashboard.html")


@login_required
@require_GET
def business_office_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, "business_office", "reports/dashboard.html")


def _download(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    dashboard = TABLE_OWNERS.get(slug)
    if dashboard is None or not dashboard.may_view(request.user):
        raise Http404
    form = dashboard.form(request.GET, viewer=request.user)
    if not form.is_valid():
        return HttpResponseBadRequest(
            _("The filters are not valid: open the dashboard to correct them."),
            content_type="text/plain; charset=utf-8",
        )
    filters, now = form.filters(), timezone.now()
    table = dashboard.report(request.user, filters, now=now).table(slug)
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
