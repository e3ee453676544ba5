"""The Business Office dashboard: its filters (a school year, funded between two dates, a
campus, a funding source) and its tables: technology-request spend by budget code and
funding source, the requests waiting in each step and for how long, the money waiting for
funding, and the days from approval to the order per month."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.core.forms import QuickSelect
from districtdesk.core.models import Campus, Person
from districtdesk.inventory.models import Asset
from districtdesk.reports.figures import purchasing
from districtdesk.reports.filters import (
    DateRangeForm,
    school_year_bounds,
    school_year_choices,
    school_year_label,
    school_year_of,
    start_of_day,
)
from districtdesk.reports.tables import (
    BLUE,
    BROWN,
    GREEN,
    NOT_APPLICABLE,
    PURPLE,
    RED,
    Column,
    Table,
)

Funding = Asset.Funding
Status = TechnologyRequest.Status
FUNDING_COLOURS = {Funding.BOND: BLUE, Funding.NON_BOND: BROWN}
BAND_COLOURS = (GREEN, BLUE, PURPLE, BROWN, RED)
NOT_RECORDED = gettext_lazy("Not recorded")


def band_label(first: int, last: int | None) -> str:
    if first == 0:
        return _("Under %(last)s days") % {"last": last}
    if last is None:
        return _("%(first)s days or more") % {"first": first}
    return _("%(first)s to %(last)s days") % {"first": first, "last": last}


def money(amount: float) -> str:
    """An amount in dollars, as the technology pages show it: $1,234.50."""
    return f"${amount:,.2f}"


class BusinessOfficeFilterForm(DateRangeForm):
    date_range = ("funded_from", "funded_to")

    school_year = forms.TypedChoiceField(
        label=gettext_lazy("School year"),
        coerce=int,
        required=False,
        help_text=gettext_lazy("1 July to 30 June."),
    )
    funded_from = forms.DateField(
        label=gettext_lazy("Funded from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    funded_to = forms.DateField(
        label=gettext_lazy("Funded to"),
        required=False,
        help_text=gettext_lazy("Both dates included."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    campus = forms.ModelChoiceField(
        widget=QuickSelect,
        label=gettext_lazy("Campus"),
        queryset=Campus.objects.order_by("code"),
        required=False,
        empty_label=gettext_lazy("All campuses"),
    )
    funding = forms.ChoiceField(
        label=gettext_lazy("Funding"),
        choices=[("", gettext_lazy("Any funding")), *Funding.choices],
        required=False,
    )

    def __init__(
        self, data=None, *, viewer: Person | None = None, today: date | None = None, **kwargs
    ) -> None:
        today = today or timezone.localdate()
        # The select shows the current school year unless the URL picks another; a bookmark
        # without one follows the year.
        self.school_year_given = data is not None and bool(data.get("school_year"))
        if data is not None and not self.school_year_given:
            data = data.copy()
            data["school_year"] = str(school_year_of(today))
        super().__init__(data, **kwargs)
        self.fields["school_year"].choices = school_year_choices(today)

    def filters(self) -> "BusinessOfficeFilters":
        data = self.cleaned_data
        return BusinessOfficeFilters(
            school_year=data.get("school_year") if self.school_year_given else None,
            funded_from=data.get("funded_from"),
            funded_to=data.get("funded_to"),
            campus=data.get("campus"),
            funding=data.get("funding") or None,
        )


@dataclass(frozen=True)
class BusinessOfficeFilters:
    school_year: int | None = None  # None: the one `now` falls in
    funded_from: date | None = None
    funded_to: date | None = None
    campus: Campus | None = None
    funding: str | None = None

    def school_year_at(self, now: datetime) -> int:
        if self.school_year is not None:
            return self.school_year
        return school_year_of(timezone.localdate(now))

    def scope_at(self, now: datetime) -> purchasing.PurchaseScope:
        """Funded within the school year and between the dates (both included)."""
        start, end = school_year_bounds(self.school_year_at(now))
        if self.funded_from:
            start = max(start, start_of_day(self.funded_from))
        if self.funded_to:
            end = min(end, start_of_day(self.funded_to + timedelta(days=1)))
        return purchasing.PurchaseScope(
            funded_from=start,
            funded_until=end,
            campus_id=self.campus.pk if self.campus else None,
            funding=self.funding,
        )

    def months_at(self, now: datetime) -> list[date]:
        """Every month of the school year up to now's."""
        start, end = school_year_bounds(self.school_year_at(now))
        last = min(end.date() - timedelta(days=1), timezone.localdate(now))
        months, day = [], start.date()
        while day <= last:
            months.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
        return months

    def as_query(self) -> str:
        values = {
            "school_year": self.school_year or "",
            "funded_from": self.funded_from.isoformat() if self.funded_from else "",
            "funded_to": self.funded_to.isoformat() if self.funded_to else "",
            "campus": self.campus.pk if self.campus else "",
            "funding": self.funding or "",
        }
        return urlencode({name: value for name, value in values.items() if value})

    def describe(self) -> list[tuple[str, str]]:
        shown = []
        if self.school_year is not None:
            shown.append((str(_("School year")), school_year_label(self.school_year)))
        if self.funded_from or self.funded_to:
            first = self.funded_from.isoformat() if self.funded_from else "…"
            last = self.funded_to.isoformat() if self.funded_to else "…"
            shown.append((str(_("Funded")), f"{first} – {last}"))
        if self.campus is not None:
            shown.append((str(_("Campus")), str(self.campus)))
        if self.funding:
            shown.append((str(_("Funding")), str(Funding(self.funding).label)))
        return shown


def _band_columns() -> list[Column]:
    return [
        Column(band_label(first, last), colour=colour)
        for (first, last), colour in zip(purchasing.AGE_BANDS, BAND_COLOURS, strict=True)
    ]


class BusinessOfficeReport:
    def __init__(self, viewer: Person, filters: BusinessOfficeFilters, *, now: datetime) -> None:
        self.viewer, self.filters, self.now = viewer, filters, now
        self.scope = filters.scope_at(now)

    def table(self, slug: str) -> Table:
        return TABLES[slug](self)

    def _year(self) -> str:
        return school_year_label(self.filters.school_year_at(self.now))

    def spend(self) -> Table:
        rows = purchasing.spend_by_budget_code(self.viewer, self.scope, now=self.now)
        sources = [Funding.BOND, Funding.NON_BOND]
        table = Table(
            slug="bo-spend",
            title=_("Ordered amount by budget code and funding source"),
            summary="",
            columns=[
                Column(_("Budget code"), numeric=False),
                *(
                    Column(_("%(source)s ($)") % {"source": Funding(source).label}, colour=c)
                    for source, c in FUNDING_COLOURS.items()
                ),
                Column(_("Ordered ($)")),
                *(
                    Column(_("%(source)s, requests") % {"source": Funding(source).label})
                    for source in sources
                ),
                Column(_("Requests")),
            ],
            horizontal=True,
            unit=_("dollars ordered"),
        )
        # One row per budget code, its funding sources side by side (a handful of rows).
        codes: dict[str, dict[str, purchasing.SpendRow]] = {}
        for row in rows:
            codes.setdefault(row.budget_code, {})[row.funding] = row
        for code, by_source in codes.items():
            amounts = [by_source[s].amount if s in by_source else 0.0 for s in sources]
            counts = [by_source[s].requests if s in by_source else 0 for s in sources]
            table.rows.append(
                [code or str(NOT_RECORDED), *amounts, round(sum(amounts), 2), *counts, sum(counts)]
            )
        if not rows:
            table.summary = _("No request was funded in %(year)s with these filters.") % {
                "year": self._year()
            }
            return table
        total = sum(row.amount for row in rows)
        by_source = {s: sum(row.amount for row in rows if row.funding == s) for s in sources}
        table.summary = _(
            "%(requests)s requests funded in %(year)s, %(total)s ordered (the sum of each "
            "one's ordered quote): bond %(bond)s, non-bond %(non_bond)s, across %(codes)s "
            "budget codes. The largest: %(largest)s (%(largest_amount)s)."
        ) % {
            "requests": sum(row.requests for row in rows),
            "year": self._year(),
            "total": money(total),
            "bond": money(by_source[Funding.BOND]),
            "non_bond": money(by_source[Funding.NON_BOND]),
            "codes": len(codes),
            "largest": max(table.rows, key=lambda r: r[3])[0],
            "largest_amount": money(max(r[3] for r in table.rows)),
        }
        return table

    def waiting(self) -> Table:
        rows = purchasing.waiting_by_step(self.viewer, self.scope, now=self.now)
        table = Table(
            slug="bo-waiting",
            title=_("Requests waiting in each step, by time in the step"),
            summary="",
            columns=[
                Column(_("Step"), numeric=False),
                *_band_columns(),
                Column(_("Requests")),
                Column(_("Oldest, days in the step")),
            ],
            horizontal=True,
            unit=_("requests"),
        )
        for row in rows:
            oldest = purchasing.age_in_days(row.oldest_since, self.now)
            table.rows.append(
                [
                    str(Status(row.status).label),
                    *row.by_band,
                    row.total,
                    NOT_APPLICABLE if oldest is None else oldest,
                ]
            )
        total = sum(row.total for row in rows)
        if not total:
            table.summary = _("No technology request is open.")
            return table
        oldest = min((row for row in rows if row.oldest_since), key=lambda r: r.oldest_since)
        long_waits = sum(row.by_band[-1] for row in rows)
        table.summary = _("%(total)s open requests: %(by_step)s.") % {
            "total": total,
            "by_step": ", ".join(
                f"{Status(row.status).label} {row.total}" for row in rows if row.total
            ),
        }
        table.summary += " " + (
            ngettext(
                "%(long)s has been in its step for 30 days or more.",
                "%(long)s have been in their step for 30 days or more.",
                long_waits,
            )
            % {"long": long_waits}
            if long_waits
            else _("None has been in its step for 30 days or more.")
        )
        table.summary += " " + _("The longest wait: %(days)s days in “%(step)s”.") % {
            "days": purchasing.age_in_days(oldest.oldest_since, self.now),
            "step": Status(oldest.status).label,
        }
        return table

    def awaiting_funding(self) -> Table:
        bands = purchasing.awaiting_funding(self.viewer, self.scope, now=self.now)
        table = Table(
            slug="bo-awaiting-funding",
            title=_("Money waiting for funding, by time waiting"),
            summary="",
            columns=[
                Column(_("Waiting for funding"), numeric=False),
                Column(_("Quoted, at the lowest quote ($)"), colour=BROWN),
                Column(_("Requests")),
            ],
            stacked=False,
            horizontal=True,
            unit=_("dollars quoted"),
        )
        for band in bands:
            table.rows.append([band_label(band.first, band.last), band.amount, band.requests])
        requests = sum(band.requests for band in bands)
        amount = sum(band.amount for band in bands)
        table.summary = ngettext(
            "%(requests)s request waits for funding, quoted at %(amount)s",
            "%(requests)s requests wait for funding, quoted at %(amount)s in all",
            requests,
        ) % {"requests": requests, "amount": money(amount)}
        table.summary += _(
            " (each request at its lowest quote; the Business Office may fund another)."
        )
        return table

    def approval_to_order(self) -> Table:
        months = purchasing.approval_to_order(
            self.viewer, self.scope, now=self.now, months=self.filters.months_at(self.now)
        )
        table = Table(
            slug="bo-approval-to-order",
            title=_("Days from approval to funding, median per month"),
            summary="",
            columns=[
                Column(_("Month funded"), numeric=False),
                Column(_("Median days, approval to funding"), colour=BLUE),
                Column(_("Requests funded")),
            ],
            stacked=False,
            unit=_("days"),
        )
        for month in months:
            table.rows.append(
                [
                    month.month.strftime("%Y-%m"),
                    NOT_APPLICABLE if month.median_days is None else month.median_days,
                    month.funded,
                ]
            )
        funded = [month for month in months if month.funded]
        if not funded:
            table.summary = _("No approved request was funded in %(year)s with these filters.") % {
                "year": self._year()
            }
            return table
        latest = funded[-1]
        table.summary = _(
            "%(funded)s requests funded in %(year)s. In %(month)s, the median request was "
            "funded %(days)s days after its supervisor approved it (%(count)s funded)."
        ) % {
            "funded": sum(month.funded for month in funded),
            "year": self._year(),
            "month": latest.month.strftime("%Y-%m"),
            "days": latest.median_days,
            "count": latest.funded,
        }
        return table


TABLES = {
    "bo-spend": BusinessOfficeReport.spend,
    "bo-waiting": BusinessOfficeReport.waiting,
    "bo-awaiting-funding": BusinessOfficeReport.awaiting_funding,
    "bo-approval-to-order": BusinessOfficeReport.approval_to_order,
}
