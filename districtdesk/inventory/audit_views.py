"""The audit pages: the overview with every campus's progress, an audit's page with the
step its phase is at, a discrepancy's page with the actions that settle it, and the final
tag export. Views parse, call one service or selector, and render; each step is a small
POST-only view that answers with the audit's page (post/redirect/get)."""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from districtdesk.core.downloads import attachment_response
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory import audit_forms, audit_workflow, exports, forms, policies, selectors
from districtdesk.inventory.audit_progress import progress_bars
from districtdesk.inventory.models import Audit, AuditDiscrepancy
from districtdesk.inventory.services import audit_phases, auditing, discrepancies

Kind = AuditDiscrepancy.Kind


def _visible_audit(person: Person, pk: int) -> Audit:
    return get_object_or_404(selectors.audit_overview(person), pk=pk)


def _require_auditor(person: Person) -> None:
    if not policies.can_audit(person):
        raise Http404


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    if not policies.uses_inventory(request.user):
        raise Http404
    return _audit_list_page(request, forms.AuditStartForm())


def _audit_list_page(request: HttpRequest, form: forms.AuditStartForm) -> HttpResponse:
    audits = list(selectors.audit_overview(request.user).order_by("-id")[:100])
    under_way = [audit for audit in audits if audit.phase != Audit.Phase.COMPLETED]
    return render(
        request,
        "inventory/audit_list.html",
        {
            "audits": audits,
            "chart": progress_bars(under_way, district_wide=True),
            "form": form,
            "can_audit": policies.can_audit(request.user),
            "active_nav": "inventory",
        },
    )


@login_required
@require_http_methods(["POST"])
def audit_start(request: HttpRequest) -> HttpResponse:
    _require_auditor(request.user)
    form = forms.AuditStartForm(request.POST)
    if form.is_valid():
        try:
            audit = auditing.start_audit(form.cleaned_data["campus"], actor=request.user)
        except DomainError as error:
            form.add_error("campus", error.message)
        else:
            messages.success(
                request,
                _("Audit of %(campus)s started: %(count)s tags expected.")
                % {"campus": audit.campus.name, "count": f"{audit.expected_count:,}"},
            )
            return redirect("audit_detail", pk=audit.pk)
    return _audit_list_page(request, form)


def _audit_page(request: HttpRequest, audit: Audit, form, scan=None) -> HttpResponse:
    person = request.user
    runs = policies.can_audit(person)
    context = {
        "audit": audit,
        "form": form,
        "scan": scan,
        "chart": progress_bars([audit], district_wide=False),
        "can_scan": runs and audit_workflow.can(audit, "scan"),
        "can_step": runs and audit.phase != Audit.Phase.COMPLETED,
        "can_acknowledge": audit.phase == Audit.Phase.COMPLETION
        and audit.acknowledged_at is None
        and policies.can_acknowledge(person, audit),
        "findings_form": audit_forms.FindingsForm(),
        "phases": audit.phases.select_related("request", "opened_by", "ended_by"),
        "discrepancies": selectors.discrepancies_of(audit)[:200],
        "recent": audit.scans.select_related("room").order_by("-id")[:15],
        "missing": audit.items.filter(state="missing")
        .select_related("asset", "expected_room")
        .order_by("expected_room__number", "asset__bar_tag")[:50],
        "active_nav": "inventory",
    }
    if request.htmx:
        return render(request, "inventory/_scan_panel.html", context)
    return render(request, "inventory/audit_detail.html", context)


@login_required
@require_GET
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _visible_audit(request.user, pk)
    return _audit_page(request, audit, _scan_form(audit))


def _scan_form(audit: Audit, room_id: int | None = None) -> forms.ScanForm:
    """An empty scan form. Its scan id is new on every form, so a form sent twice (a double
    press, a resubmission after a timeout) is one scan; the page's script gives each scan
    its own id instead."""
    return forms.ScanForm(initial={"room": room_id, "client_id": uuid.uuid4()}, campus=audit.campus)


@login_required
@require_http_methods(["POST"])
def audit_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """One scan; the answer comes back at once with the tag box empty and focused, the room
    kept, ready for the next tag."""
    _require_auditor(request.user)
    audit = _visible_audit(request.user, pk)
    form = forms.ScanForm(request.POST, campus=audit.campus)
    scan = None
    if form.is_valid():
        try:
            scan = auditing.record_scan(
                audit,
                actor=request.user,
                tag=form.cleaned_data["tag"],
                room=form.cleaned_data["room"],
                client_id=form.cleaned_data["client_id"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            form = _scan_form(audit, scan.room_id)
            audit = _visible_audit(request.user, pk)  # its progress, with this scan
    return _audit_page(request, audit, form, scan)


def _run(request: HttpRequest, done: str, service: Callable[[], object]) -> None:
    try:
        service()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)


# step -> (the service, what the page says when it is done)
AUDIT_STEPS = {
    "end_scanning": (
        audit_phases.end_scanning,
        gettext_lazy("Scanning ended: document each discrepancy."),
    ),
    "submit_discrepancies": (
        audit_phases.submit_discrepancies,
        gettext_lazy("Discrepancies submitted: reconciliation has begun."),
    ),
    "end_reconciliation": (
        audit_phases.end_reconciliation,
        gettext_lazy("Reconciliation ended: the principal's acknowledgement is next."),
    ),
    "acknowledge": (audit_phases.acknowledge_audit, gettext_lazy("You acknowledged the audit.")),
    "complete": (audit_phases.complete_audit, gettext_lazy("The audit is complete.")),
}


@login_required
@require_http_methods(["POST"])
def audit_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    audit = _visible_audit(request.user, pk)
    if step == "acknowledge":
        if not policies.can_acknowledge(request.user, audit):
            raise Http404
    else:
        _require_auditor(request.user)
    service, done = AUDIT_STEPS[step]
    fields: dict[str, Any] = {}
    if step == "end_reconciliation":
        fields["findings"] = request.POST.get("findings", "")[:8000]
    _run(request, str(done), lambda: service(audit, actor=request.user, **fields))
    return redirect("audit_detail", pk=audit.pk)


@login_required
@require_GET
def audit_tags_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The final tag export, once the principal has acknowledged the audit."""
    audit = _visible_audit(request.user, pk)
    if audit.acknowledged_at is None:
        raise Http404
    lines = exports.final_tag_lines(
        audit, selectors.final_tags(audit), list(selectors.discrepancies_of(audit))
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    name = f"audit-{audit.campus.code}-{audit.started_at:%Y%m%d}-tags.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Discrepancies ---------------------------------------------------------------------


def _visible_discrepancy(person: Person, pk: int, discrepancy_pk: int) -> AuditDiscrepancy:
    audit = _visible_audit(person, pk)
    discrepancy = get_object_or_404(selectors.discrepancies_of(audit), pk=discrepancy_pk)
    discrepancy.audit = audit
    return discrepancy


def _discrepancy_page(
    request: HttpRequest, discrepancy: AuditDiscrepancy, **forms_given: Any
) -> HttpResponse:
    audit = discrepancy.audit
    runs = policies.can_audit(request.user)
    open_ = discrepancy.is_open and discrepancy.documented_at is not None
    context = {
        "audit": audit,
        "discrepancy": discrepancy,
        "can_document": runs and audit_workflow.can(audit, "document"),
        "attachments": discrepancy.attachments.select_related("uploaded_by"),
        "attach_form": audit_forms.AttachForm(),
        "can_move": runs
        and open_
        and discrepancy.kind == Kind.MISPLACED
        and audit_workflow.can(audit, "settle"),
        "can_investigate": runs and open_ and audit_workflow.can(audit, "settle"),
        "can_search": runs
        and open_
        and discrepancy.kind == Kind.MISSING
        and audit_workflow.can(audit, "search"),
        "document_form": audit_forms.DocumentForm(initial={"notes": discrepancy.notes}),
        "investigate_form": audit_forms.InvestigateForm(),
        "locate_form": audit_forms.LocateForm(campus=audit.campus),
        "write_off_form": audit_forms.WriteOffForm(),
        "active_nav": "inventory",
        **forms_given,
    }
    return render(request, "inventory/audit_discrepancy.html", context)


@login_required
@require_GET
def discrepancy_detail(request: HttpRequest, pk: int, discrepancy_pk: int) -> HttpResponse:
    return _discrepancy_page(request, _visible_discrepancy(request.user, pk, discrepancy_pk))


# action -> (form class or None, service, form's name on the page, what is said when done)
DISCREPANCY_ACTIONS: dict[str, tuple[Any, Callable[..., object], str, str]] = {
    "document": (
        audit_forms.DocumentForm,
        discrepancies.document_discrepancy,
        "document_form",
        gettext_lazy("Documented."),
    ),
    "attach": (
        audit_forms.AttachForm,
        discrepancies.attach_to_discrepancy,
        "attach_form",
        gettext_lazy("Attached."),
    ),
    "move": (
        None,
        discrepancies.move_to_where_found,
        "",
        gettext_lazy("Moved to where it was scanned."),
    ),
    "investigate": (
        audit_forms.InvestigateForm,
        discrepancies.investigate_discrepancy,
        "investigate_form",
        gettext_lazy("Investigation requested."),
    ),
    "locate": (
        audit_forms.LocateForm,
        discrepancies.locate_missing,
        "locate_form",
        gettext_lazy("Marked found."),
    ),
    "write_off": (
        audit_forms.WriteOffForm,
        discrepancies.write_off_missing,
        "write_off_form",
        gettext_lazy("Written off."),
    ),
}


@login_required
@require_http_methods(["POST"])
def discrepancy_action(
    request: HttpRequest, pk: int, discrepancy_pk: int, action: str
) -> HttpResponse:
    _require_auditor(request.user)
    discrepancy = _visible_discrepancy(request.user, pk, discrepancy_pk)
    form_class, service, form_name, done = DISCREPANCY_ACTIONS[action]
    fields: dict[str, Any] = {}
    if form_class is not None:
        extra = {"campus": discrepancy.audit.campus} if form_class is audit_forms.LocateForm else {}
        form = form_class(request.POST, request.FILES, **extra)
        if not form.is_valid():
            return _discrepancy_page(request, discrepancy, **{form_name: form})
        fields = form.cleaned_data
    try:
        service(discrepancy, actor=request.user, **fields)
    except DomainError as error:
        if form_class is None:
            messages.error(request, error.message)
            return redirect("discrepancy_detail", pk=pk, discrepancy_pk=discrepancy_pk)
        form.add_domain_error(error)
        return _discrepancy_page(request, discrepancy, **{form_name: form})
    messages.success(request, str(done))
    if action == "attach":
        return redirect("discrepancy_detail", pk=pk, discrepancy_pk=discrepancy_pk)
    return redirect("audit_detail", pk=pk)


@login_required
@require_GET
def discrepancy_file(
    request: HttpRequest, pk: int, discrepancy_pk: int, attachment_pk: int
) -> FileResponse:
    """A discrepancy's file, for whoever sees the discrepancy, always as a download with
    a policy that lets nothing in it run (as a request's files are sent)."""
    discrepancy = _visible_discrepancy(request.user, pk, discrepancy_pk)
    attachment = get_object_or_404(discrepancy.attachments.all(), pk=attachment_pk)
    return attachment_response(
        attachment.file, name=attachment.original_name, content_type=attachment.content_type
    )
