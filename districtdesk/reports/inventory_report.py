"""The inventory dashboard: its filters (campus, asset type, funding) and its tables."""

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.core.forms import QuickSelect
from districtdesk.core.models import Campus, Person
from districtdesk.inventory.models import Asset, AssetType
from districtdesk.reports.figures import assets
from districtdesk.reports.tables import (
    BLUE,
    BROWN,
    GREEN,
    GREY,
    PURPLE,
    RED,
    Column,
    Table,
    percent_cell,
)

Status = Asset.Status
Funding = Asset.Funding
MAGENTA, TEAL, OLIVE = "#9c1f6e", "#0b6a6e", "#5c5a12"
STATUS_COLOURS = {
    Status.IN_USE: GREEN,
    Status.IN_STORAGE: BLUE,
    Status.IN_REPAIR: BROWN,
    Status.LOANER: TEAL,
    Status.STOLEN: RED,
    Status.LOST: MAGENTA,
    Status.PENDING_PICKUP: PURPLE,
    Status.DISPOSED: GREY,
}
NOT_RECORDED = gettext_lazy("Not recorded")


class InventoryFilterForm(forms.Form):
    campus = forms.ModelChoiceField(
        widget=QuickSelect,
        label=gettext_lazy("Campus"),
        queryset=Campus.objects.order_by("code"),
        required=False,
        empty_label=gettext_lazy("All campuses"),
    )
    asset_type = forms.ModelChoiceField(
        label=gettext_lazy("Type"),
        queryset=AssetType.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("All types"),
    )
    funding = forms.ChoiceField(
        label=gettext_lazy("Funding"),
        choices=[("", gettext_lazy("Any funding")), *Funding.choices],
        required=False,
    )

    def __init__(self, data=None, *, viewer: Person | None = None, **kwargs) -> None:
        super().__init__(data, **kwargs)

    def filters(self) -> "InventoryFilters":
        data = self.cleaned_data
        return InventoryFilters(
            campus=data.get("campus"),
            asset_type=data.get("asset_type"),
            funding=data.get("funding") or None,
        )


@dataclass(frozen=True)
class InventoryFilters:
    campus: Campus | None = None
    asset_type: AssetType | None = None
    funding: str | None = None

    @property
    def scope(self) -> assets.AssetScope:
        return assets.AssetScope(
            campus_id=self.campus.pk if self.campus else None,
            asset_type_id=self.asset_type.pk if self.asset_type else None,
            funding=self.funding,
        )

    def as_query(self) -> str:
        values = {
            "campus": self.campus.pk if self.campus else "",
            "asset_type": self.asset_type.pk if self.asset_type else "",
            "funding": self.funding or "",
        }
        return urlencode({name: value for name, value in values.items() if value})

    def describe(self) -> list[tuple[str, str]]:
        shown = []
        for label, value in ((_("Campus"), self.campus), (_("Type"), self.asset_type)):
            if value is not None:
                shown.append((str(label), str(value)))
        if self.funding:
            shown.append((str(_("Funding")), str(Funding(self.funding).label)))
        return shown


def _status_columns() -> list[Column]:
    return [
        *(
            Column(str(Status(status).label), colour=STATUS_COLOURS[status])
            for status in assets.STATUSES
        ),
        Column(_("Total")),
    ]


class InventoryReport:
    def __init__(self, viewer: Person, filters: InventoryFilters, *, now: datetime) -> None:
        self.viewer, self.filters, self.now = viewer, filters, now

    def table(self, slug: str) -> Table:
        return TABLES[slug](self)

    @property
    def scope(self) -> assets.AssetScope:
        return self.filters.scope

    @cached_property
    def counts(self) -> assets.AssetCounts:
        return assets.AssetCounts(self.viewer, self.scope)

    def _by_status(self, slug, title, headings, rows) -> Table:
        table = Table(
            slug=slug,
            title=title,
            summary="",
            columns=[*(Column(h, numeric=False) for h in headings), *_status_columns()],
            horizontal=True,
            unit=_("assets"),
        )
        for row in rows:
            table.rows.append(
                [*row.labels, *(row.by_status[status] for status in assets.STATUSES), row.total]
            )
        if not rows:
            table.summary = _("No assets match these filters.")
            return table
        total = sum(row.total for row in rows)
        in_use = sum(row.by_status[Status.IN_USE] for row in rows)
        largest = max(rows, key=lambda row: row.total)
        table.summary = _(
            "%(total)s assets, %(in_use)s in use. The most: %(name)s (%(count)s)."
        ) % {
            "total": f"{total:,}",
            "in_use": f"{in_use:,}",
            "name": " · ".join(largest.labels),
            "count": f"{largest.total:,}",
        }
        return table

    def by_campus(self) -> Table:
        return self._by_status(
            "assets-campus",
            _("Assets by campus and status"),
            [_("Campus")],
            self.counts.by_campus(),
        )

    def by_type(self) -> Table:
        return self._by_status(
            "assets-type",
            _("Assets by type and status"),
            [_("Type")],
            self.counts.by_type(),
        )

    def by_model(self) -> Table:
        return self._by_status(
            "assets-model",
            _("Assets by model and status"),
            [_("Type"), _("Model")],
            self.counts.by_model(),
        )

    def by_funding(self) -> Table:
        rows = self.counts.by_funding()
        table = Table(
            slug="assets-funding",
            title=_("Assets by funding and budget code"),
            summary="",
            columns=[
                Column(_("Funding"), numeric=False),
                Column(_("Budget code"), numeric=False),
                Column(_("Still held"), colour=GREEN),
                Column(_("Lost, stolen or disposed"), colour=GREY),
                Column(_("Assets")),
                Column(_("Recorded cost")),
            ],
            horizontal=True,
            unit=_("assets"),
        )
        for row in rows:
            table.rows.append(
                [
                    str(Funding(row.funding).label) if row.funding else str(NOT_RECORDED),
                    row.budget_code or str(NOT_RECORDED),
                    row.held,
                    row.assets - row.held,
                    row.assets,
                    row.cost,
                ]
            )
        if not rows:
            table.summary = _("No assets match these filters.")
            return table
        by_source = {
            source: sum(row.assets for row in rows if row.funding == source)
            for source in (Funding.BOND, Funding.NON_BOND, "")
        }
        table.summary = _(
            "%(bond)s bond-funded assets, %(non_bond)s non-bond, %(unknown)s with no funding "
            "recorded, across %(codes)s budget codes."
        ) % {
            "bond": f"{by_source[Funding.BOND]:,}",
            "non_bond": f"{by_source[Funding.NON_BOND]:,}",
            "unknown": f"{by_source['']:,}",
            "codes": len({row.budget_code for row in rows if row.budget_code}),
        }
        return table

    def warranties(self) -> Table:
        rows = assets.warranties_ending(self.viewer, self.scope, now=self.now)
        table = Table(
            slug="assets-warranty",
            title=_("Warranties ending in the next 90 days, by campus"),
            summary="",
            columns=[
                Column(_("Campus"), numeric=False),
                Column(_("In 0–30 days"), colour=RED),
                Column(_("In 31–60 days"), colour=BROWN),
                Column(_("In 61–90 days"), colour=BLUE),
                Column(_("Total")),
            ],
            horizontal=True,
            unit=_("assets"),
        )
        for row in rows:
            table.rows.append([row.campus, *row.by_band, row.total])
        total = sum(row.total for row in rows)
        table.summary = _(
            "%(total)s assets the district still holds have a warranty ending within 90 days; "
            "%(soon)s within 30."
        ) % {"total": f"{total:,}", "soon": f"{sum(row.by_band[0] for row in rows):,}"}
        return table

    def audits(self) -> Table:
        rows = assets.audits_under_way(self.viewer, self.scope)
        table = Table(
            slug="assets-audits",
            title=_("Campus audits under way"),
            summary="",
            columns=[
                Column(_("Campus"), numeric=False),
                Column(_("Phase"), numeric=False),
                Column(_("Scanned"), colour=GREEN),
                Column(_("Not yet scanned"), colour=GREY),
                Column(_("Tags expected")),
                Column(_("Scanned, % of expected")),
                Column(_("Open discrepancies")),
            ],
            horizontal=True,
            unit=_("tags"),
        )
        for row in rows:
            table.rows.append(
                [
                    row.campus,
                    row.phase,
                    row.scanned,
                    row.to_scan,
                    row.expected,
                    percent_cell(row.scanned_percent),
                    row.open_discrepancies,
                ]
            )
        if not rows:
            table.summary = _("No audit is under way.")
            return table
        scanned = sum(row.scanned for row in rows)
        expected = sum(row.expected for row in rows)
        table.summary = _(
            "%(audits)s audits under way: %(scanned)s of %(expected)s expected tags scanned; "
            "%(open)s discrepancies open."
        ) % {
            "audits": len(rows),
            "scanned": f"{scanned:,}",
            "expected": f"{expected:,}",
            "open": sum(row.open_discrepancies for row in rows),
        }
        return table


TABLES = {
    "assets-campus": InventoryReport.by_campus,
    "assets-type": InventoryReport.by_type,
    "assets-model": InventoryReport.by_model,
    "assets-funding": InventoryReport.by_funding,
    "assets-warranty": InventoryReport.warranties,
    "assets-audits": InventoryReport.audits,
}
