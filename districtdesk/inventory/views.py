"""The inventory pages: the asset list with its filters and CSV export, an asset's page with
its history and moves, the forms that register, edit, move and change the status of assets,
and the CSV import with its dry run. Views parse, call one service or selector, and render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory import exports, forms, policies, selectors, workflow
from districtdesk.inventory.filters import AssetFilter
from districtdesk.inventory.imports.reading import read_upload
from districtdesk.inventory.imports.updating import UpdateCheck
from districtdesk.inventory.label_views import MAX_LABELS
from districtdesk.inventory.models import Asset
from districtdesk.inventory.services import importing, movement, registration, student_access

PAGE_SIZE = 50
# Page numbers stop here: past a few thousand rows, filtering beats paging.
MAX_PAGES = 40
# A checked file waits this long for its confirmation.
IMPORT_CONFIRM_SECONDS = 60 * 60
IMPORT_SALT = "inventory.import"


def _visible(person: Person, pk: int) -> Asset:
    return get_object_or_404(selectors.assets_for(person), pk=pk)


def _manageable(person: Person, pk: int) -> Asset:
    """An asset the person may change; a 404 for anyone else, like a missing asset."""
    if not policies.can_manage(person):
        raise Http404
    return _visible(person, pk)


def _require_inventory(person: Person) -> None:
    if not policies.uses_inventory(person):
        raise Http404


def _require_manager(person: Person) -> None:
    if not policies.can_manage(person):
        raise Http404


def _filtered(request: HttpRequest) -> AssetFilter:
    return AssetFilter(request.GET, queryset=selectors.assets_for(request.user), request=request)


@login_required
@require_GET
def asset_list(request: HttpRequest) -> HttpResponse:
    _require_inventory(request.user)
    filtered = _filtered(request)
    assets = filtered.qs if filtered.is_valid() else Asset.objects.none()
    try:
        wanted = min(max(int(request.GET.get("page") or 1), 1), MAX_PAGES)
    except ValueError:
        wanted = 1
    query = request.GET.copy()
    query.pop("page", None)
    shown = Paginator(assets.order_by("bar_tag"), PAGE_SIZE).get_page(wanted)
    student_access.record_asset_reads(
        shown.object_list, actor=request.user, channel=student_access.Channel.LIST
    )
    context = {
        "filter": filtered,
        "page": shown,
        "max_pages": MAX_PAGES,
        "max_rows": MAX_PAGES * PAGE_SIZE,
        "query_string": query.urlencode(),
        "can_manage": policies.can_manage(request.user),
        "can_print_labels": policies.can_print_labels(request.user),
        "label_limit": MAX_LABELS,
        "sees_students": policies.sees_students(request.user),
        "active_nav": "inventory",
    }
    if request.htmx:
        return render(request, "inventory/_asset_results.html", context)
    return render(request, "inventory/asset_list.html", context)


@login_required
@require_GET
def asset_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV, streamed so 150,000 rows never sit in memory at once."""
    _require_inventory(request.user)
    filtered = _filtered(request)
    if not filtered.is_valid():
        return asset_list(request)
    student_access.record_export_reads(
        filtered.qs, actor=request.user, channel=student_access.Channel.CSV
    )
    lines = exports.csv_lines(
        filtered.qs.order_by("bar_tag"), show_students=policies.sees_students(request.user)
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="assets-{stamp}.csv"'
    return response


@login_required
@require_GET
def asset_export_xlsx(request: HttpRequest) -> HttpResponse:
    """The filtered list as an Excel workbook: the CSV's columns, read as plain values in
    chunks and written row by row."""
    _require_inventory(request.user)
    filtered = _filtered(request)
    if not filtered.is_valid():
        return asset_list(request)
    student_access.record_export_reads(
        filtered.qs, actor=request.user, channel=student_access.Channel.XLSX
    )
    rows = exports.xlsx_values(
        filtered.qs.order_by("bar_tag"), show_students=policies.sees_students(request.user)
    )
    response = HttpResponse(
        exports.xlsx_workbook(rows, title=_("Assets")), content_type=exports.XLSX_CONTENT_TYPE
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="assets-{stamp}.xlsx"'
    return response


@login_required
@require_GET
def asset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    asset = _visible(request.user, pk)
    can_manage = policies.can_manage(request.user)
    student_access.record_asset_reads(
        [asset], actor=request.user, channel=student_access.Channel.PAGE
    )
    return render(
        request,
        "inventory/asset_detail.html",
        {
            "asset": asset,
            "moves": selectors.moves_of(asset)[:50],
            "can_manage": can_manage,
            "can_move": can_manage and workflow.can_move(asset),
            "can_change_status": can_manage and bool(workflow.ALLOWED.get(asset.status)),
            "can_print_labels": policies.can_print_labels(request.user),
            "sees_students": policies.sees_students(request.user),
            "active_nav": "inventory",
        },
    )


def _form_page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"inventory/{template}", {"active_nav": "inventory", **context})


@login_required
@require_http_methods(["GET", "POST"])
def asset_new(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    form = forms.RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            asset = registration.register_asset(form.asset_fields(), actor=request.user)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Asset %(tag)s registered.") % {"tag": asset.bar_tag})
            return redirect("asset_detail", pk=asset.pk)
    return _form_page(request, "asset_form.html", form=form, asset=None)


@login_required
@require_http_methods(["GET", "POST"])
def asset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    asset = _manageable(request.user, pk)
    form = forms.EditForm.for_asset(asset, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration.edit_asset(asset, actor=request.user, **form.described())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Asset %(tag)s saved.") % {"tag": asset.bar_tag})
            return redirect("asset_detail", pk=asset.pk)
    if request.method == "GET":  # the blank form shows the student ID on record
        student_access.record_asset_reads(
            [asset], actor=request.user, channel=student_access.Channel.FORM
        )
    return _form_page(request, "asset_form.html", form=form, asset=asset)


@login_required
@require_http_methods(["GET", "POST"])
def asset_move(request: HttpRequest, pk: int) -> HttpResponse:
    asset = _manageable(request.user, pk)
    form = forms.MoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            movement.move_asset(asset, actor=request.user, **form.move())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Asset %(tag)s moved.") % {"tag": asset.bar_tag})
            return redirect("asset_detail", pk=asset.pk)
    return _form_page(request, "asset_move.html", form=form, asset=asset)


@login_required
@require_http_methods(["GET", "POST"])
def asset_status(request: HttpRequest, pk: int) -> HttpResponse:
    asset = _manageable(request.user, pk)
    form = forms.StatusForm(request.POST or None, asset=asset)
    if request.method == "POST" and form.is_valid():
        try:
            movement.change_asset_status(asset, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Status of %(tag)s changed.") % {"tag": asset.bar_tag})
            return redirect("asset_detail", pk=asset.pk)
    return _form_page(request, "asset_status.html", form=form, asset=asset)


# --- Import ----------------------------------------------------------------------------


def _sealed(text: str, profile: str, file_name: str, mode: str) -> str:
    """The checked file, signed and compressed into the confirm form, so the dry run keeps
    nothing on the server and the confirmation imports exactly the file that was checked."""
    return signing.dumps(
        {"text": text, "profile": profile, "name": file_name, "mode": mode},
        salt=IMPORT_SALT,
        compress=True,
    )


def _unsealed(value: str) -> dict[str, str]:
    try:
        return signing.loads(value, salt=IMPORT_SALT, max_age=IMPORT_CONFIRM_SECONDS)
    except signing.BadSignature as error:
        raise DomainError(
            _("The checked file has expired or was altered: upload it again."),
            code="import_expired",
            field="file",
        ) from error


@login_required
@require_http_methods(["GET", "POST"])
def asset_import(request: HttpRequest) -> HttpResponse:
    """Upload → dry-run report (every bad row, by line) → confirm → all or nothing."""
    _require_manager(request.user)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "active_nav": "inventory"}
    try:
        if "sealed" in request.POST:
            sealed = _unsealed(request.POST["sealed"])
            updating = sealed.get("mode") == forms.ImportForm.UPDATE
            apply = importing.update_assets if updating else importing.import_assets
            assets = apply(
                sealed["text"],
                actor=request.user,
                profile=sealed["profile"],
                file_name=sealed["name"],
            )
            done = _("%(count)s assets updated.") if updating else _("%(count)s assets imported.")
            messages.success(request, done % {"count": f"{len(assets):,}"})
            return redirect("asset_list")
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            text = read_upload(upload)
            profile, mode = form.cleaned_data["profile"], form.cleaned_data["mode"]
            context["updating"] = mode == forms.ImportForm.UPDATE
            check = importing.dry_run_updates if context["updating"] else importing.dry_run
            context["check"] = check(text, profile=profile)
            context["file_name"] = upload.name
            if context["check"].is_clean and context["check"].rows:
                context["sealed"] = _sealed(text, profile, upload.name, mode)
    except importing.ImportRefused as refused:
        context["check"] = refused.check
        context["updating"] = isinstance(refused.check, UpdateCheck)
        form.add_error(None, refused.message)
    except DomainError as error:
        form.add_error("file" if error.field == "file" else None, error.message)
    return render(request, "inventory/asset_import.html", context)
