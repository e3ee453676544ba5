"""The Change Control Reports: one page per report (printable) and its CSV; the SOPs' own."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from districtdesk.changes import reports, selectors
from districtdesk.changes.views.common import require_staff


def _report(kind: str) -> reports.Report:
    try:
        return reports.REPORTS[kind]
    except KeyError:
        raise Http404 from None


def _procedures_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "changes/report_sops.html",
        {
            "report": reports.SOPS,
            "reports": reports.TABS,
            "procedures": reports.procedures(),
            "printed_at": timezone.now(),
            "active_nav": "changes",
        },
    )


def _procedures_csv() -> HttpResponse:
    response = HttpResponse(
        "".join(reports.procedure_csv_lines(reports.procedures())),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="sops-{stamp}.csv"'
    return response


@login_required
@require_GET
def report(request: HttpRequest, kind: str) -> HttpResponse:
    require_staff(request.user)
    if kind == reports.SOPS.slug:
        return _procedures_page(request)
    chosen = _report(kind)
    changes = reports.rows_of(chosen, selectors.changes_for(request.user))
    return render(
        request,
        "changes/report.html",
        {
            "report": chosen,
            "reports": reports.TABS,
            "changes": changes,
            "printed_at": timezone.now(),
            "active_nav": "changes",
        },
    )


@login_required
@require_GET
def report_csv(request: HttpRequest, kind: str) -> HttpResponse:
    require_staff(request.user)
    if kind == reports.SOPS.slug:
        return _procedures_csv()
    chosen = _report(kind)
    changes = reports.rows_of(chosen, selectors.changes_for(request.user))
    response = HttpResponse(
        "".join(reports.csv_lines(changes)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{chosen.slug}-changes-{stamp}.csv"'
    return response
