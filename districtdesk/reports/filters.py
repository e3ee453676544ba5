"""The filters every report takes from its URL: requests submitted between two dates (the
district's calendar days), a campus, a team and a category; the SLA dashboard also picks
which target it breaks down. One form checks them for the pages, the downloads and the
API alike, so a bad value is a form error (or a 400), never a 500."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Campus, Team
from districtdesk.service_requests.models import Category, ServiceRequest, Target

# Dates outside these years are surely typing mistakes, and keep date arithmetic in range.
FIRST_YEAR, LAST_YEAR = 1990, 2999


def district_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` on the district's wall clock."""
    return datetime.combine(day, time.min, tzinfo=district_zone())


class ReportFilterForm(forms.Form):
    submitted_from = forms.DateField(
        label=_("Submitted from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    submitted_to = forms.DateField(
        label=_("Submitted to"),
        required=False,
        help_text=_("Both dates included."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    campus = forms.ModelChoiceField(
        label=_("Campus"),
        queryset=Campus.objects.order_by("code"),
        required=False,
        empty_label=_("All campuses"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("All teams"),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.order_by("number"),
        required=False,
        empty_label=_("All categories"),
    )
    target = forms.ChoiceField(
        label=_("Target broken down"),
        choices=Target.Kind.choices,
        required=False,
        help_text=_("Which of the three SLA targets the breakdowns below show."),
    )

    def __init__(self, data=None, **kwargs) -> None:
        # The breakdowns show the resolve target unless the URL picks another; the select
        # must show that choice, not its first option.
        if data is not None and not data.get("target"):
            data = data.copy()
            data["target"] = Target.Kind.RESOLVE
        super().__init__(data, **kwargs)

    def _in_range(self, name: str) -> date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Give a date between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                code="date_out_of_range",
            )
        return value

    def clean_submitted_from(self) -> date | None:
        return self._in_range("submitted_from")

    def clean_submitted_to(self) -> date | None:
        return self._in_range("submitted_to")

    def clean(self) -> dict:
        cleaned = super().clean()
        first, last = cleaned.get("submitted_from"), cleaned.get("submitted_to")
        if first and last and first > last:
            self.add_error(
                "submitted_to",
                forms.ValidationError(
                    _("The end date comes before the start date."), code="dates_reversed"
                ),
            )
        return cleaned

    def filters(self) -> "Filters":
        """The checked filters; call after is_valid() returned True."""
        data = self.cleaned_data
        return Filters(
            submitted_from=data.get("submitted_from"),
            submitted_to=data.get("submitted_to"),
            campus=data.get("campus"),
            team=data.get("team"),
            category=data.get("category"),
            target=data.get("target") or Target.Kind.RESOLVE,
        )


@dataclass(frozen=True)
class Filters:
    submitted_from: date | None = None
    submitted_to: date | None = None
    campus: Campus | None = None
    team: Team | None = None
    category: Category | None = None
    target: str = Target.Kind.RESOLVE

    def apply(self, requests: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
        """Team and category are the request's current ones (after any move)."""
        if self.submitted_from:
            requests = requests.filter(submitted_at__gte=start_of_day(self.submitted_from))
        if self.submitted_to:
            next_day = self.submitted_to + timedelta(days=1)
            requests = requests.filter(submitted_at__lt=start_of_day(next_day))
        if self.campus:
            requests = requests.filter(campus=self.campus)
        if self.team:
            requests = requests.filter(team=self.team)
        if self.category:
            requests = requests.filter(category=self.category)
        return requests

    def as_query(self) -> str:
        """The filters as a URL query, for download links and the API."""
        values = {
            "submitted_from": self.submitted_from.isoformat() if self.submitted_from else "",
            "submitted_to": self.submitted_to.isoformat() if self.submitted_to else "",
            "campus": self.campus.pk if self.campus else "",
            "team": self.team.pk if self.team else "",
            "category": self.category.pk if self.category else "",
            "target": self.target if self.target != Target.Kind.RESOLVE else "",
        }
        return urlencode({name: value for name, value in values.items() if value != ""})

    def describe(self) -> list[tuple[str, str]]:
        """(label, value) pairs of the filters in force, for the page and the printout."""
        shown = []
        if self.submitted_from or self.submitted_to:
            first = self.submitted_from.isoformat() if self.submitted_from else "…"
            last = self.submitted_to.isoformat() if self.submitted_to else "…"
            shown.append((str(_("Submitted")), f"{first} – {last}"))
        for label, value in (
            (_("Campus"), self.campus),
            (_("Team"), self.team),
            (_("Category"), self.category),
        ):
            if value is not None:
                shown.append((str(label), str(value)))
        return shown
