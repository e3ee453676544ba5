"""The inventory work pages: ask for work (several assets by tag, or one from its page),
the work list with its filters, and each item's page with its steps. Views parse, call one
service or selector, and render; each step is a small POST-only view."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory import policies, selectors, work_forms, work_selectors
from districtdesk.inventory.models import Asset, InventoryWorkItem
from districtdesk.inventory.services import work_items
from districtdesk.inventory.work_filters import WorkItemFilter

PAGE_SIZE = 50
MAX_PAGES = 40
Kind = InventoryWorkItem.Kind
Status = InventoryWorkItem.Status

# The fields each page keeps.
MULTI_FIELDS = ("kind", "tags", "location", "reason")
ASSET_FIELDS = {
    "move": ("kind", "location", "reason"),
    "damage": ("reported_status", "report_reference", "reason"),
    "location": ("location", "reason"),
    "tag": ("reason",),
}

# step -> (service, form class, what the page says when it is done)
STEPS = {
    "pick_up": (work_items.pick_up, work_forms.PickUpForm, gettext_lazy("Pick-up recorded.")),
    "drop_off": (work_items.drop_off, work_forms.DropOffForm, gettext_lazy("Drop-off recorded.")),
    "complete": (work_items.complete, work_forms.CompleteForm, gettext_lazy("Work done.")),
    "cancel": (work_items.cancel, work_forms.CancelForm, gettext_lazy("Work cancelled.")),
}
STEP_POLICY = {
    "pick_up": policies.can_pick_up_work,
    "drop_off": policies.can_drop_off_work,
    "complete": policies.can_complete_work,
    "cancel": policies.can_cancel_work,
}


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"inventory/work/{template}", {"active_nav": "inventory", **context})


def _file(request: HttpRequest, form: work_forms.WorkFields, assets: list[Asset]) -> Any:
    """File the work; the item, or None with the refusal shown on the form."""
    try:
        with transaction.atomic():
            item = work_items.file_work_item(
                work_items.WorkRequest(assets=assets, **form.work()), actor=request.user
            )
    except DomainError as error:
        form.add_domain_error(error)
        return None
    messages.success(
        request,
        _("Asked for: %(kind)s. Service request %(number)s is open.")
        % {"kind": item.get_kind_display(), "number": item.request.number},
    )
    return item


@login_required
@require_http_methods(["GET", "POST"])
def work_new(request: HttpRequest) -> HttpResponse:
    """A move or PUD of several assets, named by their tags."""
    if not policies.may_file_work(request.user):
        raise Http404
    kinds = work_forms.move_kinds(manages=policies.can_manage(request.user))
    form = work_forms.WorkFields(request.POST or None, kinds=kinds, keep=MULTI_FIELDS)
    if request.method == "POST" and form.is_valid():
        tags = work_selectors.split_tags(form.cleaned_data["tags"])
        try:
            assets = work_selectors.assets_by_tags(request.user, tags)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            item = _file(request, form, assets)
            if item is not None:
                return redirect("work_detail", pk=item.pk)
    return _page(request, "work_new.html", form=form)


@login_required
@require_http_methods(["GET", "POST"])
def work_for_asset(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """One of the asset page's four requests: a move (or PUD), a damage or loss report, a
    location correction, a bar tag."""
    asset = get_object_or_404(selectors.assets_for(request.user), pk=pk)
    title, kinds = work_forms.ASSET_WORK[what]
    if what == "move":
        kinds = work_forms.move_kinds(manages=policies.can_manage(request.user))
    if not any(policies.can_file_work(request.user, asset.campus, kind) for kind in kinds):
        raise Http404
    form = work_forms.WorkFields(request.POST or None, kinds=kinds, keep=ASSET_FIELDS[what])
    if request.method == "POST" and form.is_valid():
        if "kind" not in form.cleaned_data:
            form.cleaned_data["kind"] = kinds[0]
        item = _file(request, form, [asset])
        if item is not None:
            return redirect("work_detail", pk=item.pk)
    return _page(request, "work_for_asset.html", form=form, asset=asset, title=title, what=what)


@login_required
@require_GET
def work_list(request: HttpRequest) -> HttpResponse:
    if not policies.uses_inventory(request.user):
        raise Http404
    items = work_selectors.work_items_for(request.user)
    filtered = WorkItemFilter(request.GET, queryset=items, request=request)
    shown_items = filtered.qs if filtered.is_valid() else items.none()
    try:
        wanted = min(max(int(request.GET.get("page") or 1), 1), MAX_PAGES)
    except ValueError:
        wanted = 1
    page = Paginator(shown_items.order_by("-requested_at", "-id"), PAGE_SIZE).get_page(wanted)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filtered,
        "page": page,
        "query_string": query.urlencode(),
        "may_file": policies.may_file_work(request.user),
    }
    if request.htmx:
        return render(request, "inventory/work/_work_results.html", context)
    return _page(request, "work_list.html", **context)


def _visible(person: Person, pk: int) -> InventoryWorkItem:
    items = work_selectors.with_assets(work_selectors.work_items_for(person))
    return get_object_or_404(items, pk=pk)


def _steps(item: InventoryWorkItem) -> list[dict[str, str]]:
    """The stepper: each state the item passes, and where it is now."""
    if item.is_move:
        path = [Status.REQUESTED, Status.PICKED_UP, Status.DELIVERED]
    else:
        path = [Status.REQUESTED, Status.DONE]
    if item.status == Status.CANCELLED:
        reached = Status.PICKED_UP if item.picked_up_at else Status.REQUESTED
        index = path.index(reached)
        return [
            {
                "label": status.label,
                "state": "done" if n < index else "stopped" if n == index else "skipped",
            }
            for n, status in enumerate(path)
        ]
    index = path.index(item.status)
    last = len(path) - 1
    return [
        {
            "label": status.label,
            "state": "done"
            if n < index or (n == index == last)
            else "current"
            if n == index
            else "todo",
        }
        for n, status in enumerate(path)
    ]


def _detail(request: HttpRequest, item: InventoryWorkItem, **forms: Any) -> HttpResponse:
    person = request.user
    may = {step: item.can(step) and STEP_POLICY[step](person, item) for step in STEPS}
    context = {
        "item": item,
        "lines": list(item.lines.all()),
        "steps": _steps(item),
        "may": may,
        "sees_assets": policies.uses_inventory(person),
        "pick_up_form": forms.get("pick_up") or work_forms.PickUpForm(),
        "drop_off_form": forms.get("drop_off") or work_forms.DropOffForm(),
        "complete_form": forms.get("complete") or work_forms.CompleteForm(item=item),
        "cancel_form": forms.get("cancel") or work_forms.CancelForm(),
    }
    return _page(request, "work_detail.html", **context)


@login_required
@require_GET
def work_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _visible(request.user, pk))


@login_required
@require_POST
def work_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    item = _visible(request.user, pk)
    if not STEP_POLICY[step](request.user, item):
        raise Http404
    service, form_class, done = STEPS[step]
    extra = {"item": item} if form_class is work_forms.CompleteForm else {}
    form = form_class(request.POST, **extra)
    if not form.is_valid():
        return _detail(request, item, **{step: form})
    fields = form.drop_off() if step == "drop_off" else form.cleaned_data
    try:
        service(item, actor=request.user, **fields)
    except DomainError as error:
        form.add_domain_error(error)
        return _detail(request, item, **{step: form})
    messages.success(request, str(done))
    return redirect("work_detail", pk=item.pk)
