"""The receiving screen: an order's lines with what has come, and a form built for a
handheld scanner. Each item is answered at once (htmx) with what was received, the asset
it became and how many are left, the serial box empty and focused for the next one."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from districtdesk.acquisitions import forms, policies, selectors
from districtdesk.acquisitions.models import QuoteLine, ReceivedItem, TechnologyRequest
from districtdesk.acquisitions.services import receiving
from districtdesk.acquisitions.views.common import request_for_page, require
from districtdesk.core.errors import DomainError

Status = TechnologyRequest.Status


def _receivable(request: HttpRequest, pk: int) -> TechnologyRequest:
    require(policies.can_receive(request.user))
    return request_for_page(request.user, pk)


def _lines(item: TechnologyRequest) -> list[QuoteLine]:
    return list(selectors.lines_with_progress(item)) if item.chosen_quote_id else []


def _screen(
    request: HttpRequest,
    item: TechnologyRequest,
    *,
    item_form: forms.ReceiveItemForm | None = None,
    count_form: forms.ReceiveCountForm | None = None,
    answer: dict[str, Any] | None = None,
    refused: str = "",
) -> HttpResponse:
    lines = _lines(item)
    scanned = [line for line in lines if line.is_inventoried]
    counted = [line for line in lines if not line.is_inventoried]
    open_order = item.status == Status.ORDERED
    context = {
        "item": item,
        "lines": lines,
        "left": sum(line.quantity - line.received_count for line in lines),
        "item_form": (item_form or forms.ReceiveItemForm(lines=scanned))
        if open_order and any(line.received_count < line.quantity for line in scanned)
        else None,
        "count_form": (count_form or forms.ReceiveCountForm(lines=counted, prefix="count"))
        if open_order and any(line.received_count < line.quantity for line in counted)
        else None,
        "answer": answer,
        "refused": refused,
        "open_order": open_order,
        "recent": ReceivedItem.objects.filter(line__quote_id=item.chosen_quote_id)
        .select_related("asset", "line")
        .order_by("-pk")[:10]
        if item.chosen_quote_id
        else [],
        "active_nav": "technology",
    }
    if request.htmx:
        return render(request, "acquisitions/_receive_panel.html", context)
    return render(request, "acquisitions/receive.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def technology_receive(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the screen. POST: one scanned item, its serial number and new bar tag."""
    item = _receivable(request, pk)
    if request.method == "GET":
        return _screen(request, item)
    scanned = [line for line in _lines(item) if line.is_inventoried]
    form = forms.ReceiveItemForm(request.POST, lines=scanned)
    if form.is_valid():
        try:
            received = receiving.receive_item(
                item,
                actor=request.user,
                line=form.cleaned_data["line"],
                bar_tag=form.cleaned_data["bar_tag"],
                serial_number=form.cleaned_data["serial_number"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return _received(request, pk, received)
    return _screen(request, item, item_form=form, refused=_refusal(form))


def _refusal(form) -> str:
    return _("Not received. %(errors)s") % {"errors": form.error_summary()}


def _received(request: HttpRequest, pk: int, received: ReceivedItem) -> HttpResponse:
    item = request_for_page(request.user, pk)
    line = next((line for line in _lines(item) if line.pk == received.line_id), None)
    left = line.quantity - line.received_count if line else 0
    answer = {"received": received, "asset": received.asset, "line": line, "left": left}
    if not request.htmx:
        if received.asset:
            text = _("%(item)s received as %(tag)s; %(left)s left on this line.") % {
                "item": received.line.description,
                "tag": received.asset.bar_tag,
                "left": left,
            }
        else:
            text = _("%(item)s received; %(left)s left on this line.") % {
                "item": received.line.description,
                "left": left,
            }
        messages.success(request, text)
        return redirect("technology_receive", pk=pk)
    scanned = [each for each in _lines(item) if each.is_inventoried]
    # The same line stays chosen while it has items left, ready for the next scan.
    initial = {"line": received.line_id} if left > 0 else {}
    return _screen(
        request,
        item,
        item_form=forms.ReceiveItemForm(lines=scanned, initial=initial),
        answer=answer,
    )


@login_required
@require_POST
def technology_receive_count(request: HttpRequest, pk: int) -> HttpResponse:
    """Licences and services, which carry no bar tag, received by count."""
    item = _receivable(request, pk)
    counted = [line for line in _lines(item) if not line.is_inventoried]
    form = forms.ReceiveCountForm(request.POST, lines=counted, prefix="count")
    if form.is_valid():
        try:
            receiving.receive_by_count(
                item,
                actor=request.user,
                line=form.cleaned_data["line"],
                quantity=form.cleaned_data["quantity"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            done = _("%(count)s × %(item)s received.") % {
                "count": form.cleaned_data["quantity"],
                "item": form.cleaned_data["line"].description,
            }
            if request.htmx:
                fresh = request_for_page(request.user, pk)
                return _screen(request, fresh, answer={"text": done})
            messages.success(request, done)
            return redirect("technology_receive", pk=pk)
    return _screen(request, item, count_form=form, refused=_refusal(form))
