"""Bar-tag label sheets, and where a label's QR code leads.

A sheet is printed for the assets ticked on the list, or else for the list's current
filter, up to MAX_LABELS in bar-tag order. A label's QR code opens the tag's page
(`asset_by_tag`): whoever may see the asset lands on its page, whose "Report a problem" is
one tap away; anyone else signed in lands straight on the service-request portal with the
tag filled in; someone not signed in signs in first and comes back to the same address.
"""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from districtdesk.core.api.filters import BIGGEST_ID
from districtdesk.inventory import labels, policies, selectors
from districtdesk.inventory.filters import AssetFilter
from districtdesk.inventory.tags import is_valid_tag, normalise_tag

# Ten pages of 30-up labels: a print run a person checks before feeding the sheets.
MAX_LABELS = 300


class IdsField(forms.Field):
    """Ticked assets' ids from a GET form: whole numbers, at most MAX_LABELS of them."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        values = value or []
        if len(values) > MAX_LABELS:
            raise forms.ValidationError(
                _("Tick at most %(limit)s assets for one sheet.") % {"limit": MAX_LABELS}
            )
        try:
            ids = [int(item) for item in values]
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(_("Tick assets from the list.")) from error
        if any(not 1 <= pk <= BIGGEST_ID for pk in ids):
            raise forms.ValidationError(_("Tick assets from the list."))
        return ids


class LabelSheetForm(forms.Form):
    asset = IdsField(required=False)
    stock = forms.ChoiceField(
        label=_("Label stock"),
        choices=[(stock.code, stock.label) for stock in labels.STOCKS.values()],
        required=False,
    )

    def clean_stock(self) -> labels.Stock:
        return labels.STOCKS[self.cleaned_data["stock"] or labels.DEFAULT_STOCK]


@login_required
@require_GET
def asset_labels(request: HttpRequest) -> HttpResponse:
    """A printable sheet of labels: the ticked assets, or the filtered list's first
    MAX_LABELS."""
    if not policies.can_print_labels(request.user):
        raise Http404
    form = LabelSheetForm(request.GET)
    printable = policies.labels_printable_by(request.user)
    context: dict[str, Any] = {"form": form, "pages": [], "active_nav": "inventory"}
    if not form.is_valid():
        return render(request, "inventory/asset_labels.html", context, status=400)
    stock, ticked = form.cleaned_data["stock"], form.cleaned_data["asset"]
    if ticked:
        assets = printable.filter(pk__in=ticked)
    else:
        filtered = AssetFilter(request.GET, queryset=printable, request=request)
        if not filtered.is_valid():
            context["filter_errors"] = True
            return render(request, "inventory/asset_labels.html", context, status=400)
        assets = filtered.qs
    rows = selectors.label_rows(assets, limit=MAX_LABELS + 1)
    if len(rows) > MAX_LABELS:
        context["matching"] = assets.count()
        rows = rows[:MAX_LABELS]

    def url_for(tag: str) -> str:
        return request.build_absolute_uri(reverse("asset_by_tag", kwargs={"tag": tag}))

    sheet = list(labels.labels_for(rows, url_for=url_for))
    query = request.GET.copy()
    query.pop("stock", None)
    context.update(
        {
            "stock": stock,
            "stocks": labels.STOCKS.values(),
            "pages": labels.pages(sheet, stock.per_page),
            "count": len(sheet),
            "limit": MAX_LABELS,
            "query_string": query.urlencode(),
        }
    )
    return render(request, "inventory/asset_labels.html", context)


@login_required
@require_GET
def asset_by_tag(request: HttpRequest, tag: str) -> HttpResponse:
    """Where a label's QR code leads: the asset's page for those who see it, else the
    portal with the tag filled in (its place is not told to people who may not see it)."""
    tag = normalise_tag(tag)
    if not is_valid_tag(tag):
        raise Http404
    asset = policies.assets_visible_to(request.user).filter(bar_tag=tag).only("pk").first()
    if asset is not None:
        return redirect("asset_detail", pk=asset.pk)
    return redirect(f"{reverse('request_new')}?{urlencode({'asset_tag': tag})}")
