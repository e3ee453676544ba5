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
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districtdesk.core.forms import QuickSelect
from districtdesk.core.models import Campus, Team
from districtdesk.service_requests.models import Category, Target

# Dates outside these years are surely typing mistakes, and keep date arithmetic in range.
FIRST_YEAR, LAST_YEAR = 1990, 2999
# A school year runs from 1 July to 30 June (the district's fiscal and school year); it is
# named for the year it starts in: 2026 is 2026–27.
SCHOOL_YEAR_STARTS_IN = 7
# How many school years back the school-year filter offers.
SCHOOL_YEARS_OFFERED = 10


def district_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` on the district's wall clock."""
    return datetime.combine(day, time.min, tzinfo=district_zone())


def school_year_of(day: date) -> int:
    return day.year if day.month >= SCHOOL_YEAR_STARTS_IN else day.year - 1


def school_year_label(year: int) -> str:
    return f"{year}–{(year + 1) % 100:02d}"


def school_year_bounds(year: int) -> tuple[datetime, datetime]:
    """Midnight on 1 July starting the school year, and midnight on the next 1 July."""
    return (
        start_of_day(date(year, SCHOOL_YEAR_STARTS_IN, 1)),
        start_of_day(date(year + 1, SCHOOL_YEAR_STARTS_IN, 1)),
    )


def school_year_choices(today: date) -> list[tuple[int, str]]:
    current = school_year_of(today)
    return [
        (year, school_year_label(year))
        for year in range(current, current - SCHOOL_YEARS_OFFERED, -1)
    ]


class DateRangeForm(forms.Form):
    """A filter form with one date range, named by `date_range`: each end within the years
    reports cover, and the end not before the start."""

    date_range: tuple[str, str]

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in self.date_range:
            value = cleaned.get(name)
            if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Give a date between %(first)s and %(last)s.")
                        % {"first": FIRST_YEAR, "last": LAST_YEAR},
                        code="date_out_of_range",
                    ),
                )
        start, end = self.date_range
        first, last = self.cleaned_data.get(start), self.cleaned_data.get(end)
        if first and last and first > last:
            self.add_error(
                end,
                forms.ValidationError(
                    _("The end date comes before the start date."), code="dates_reversed"
                ),
            )
        return self.cleaned_data


class ReportFilterForm(DateRangeForm):
    date_range = ("submitted_from", "submitted_to")

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
        widget=QuickSelect,
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
    school_year = forms.TypedChoiceField(
        label=_("School year"),
        coerce=int,
        required=False,
        help_text=_("1 July to 30 June."),
    )

    def __init__(self, data=None, *, today: date | None = None, **kwargs) -> None:
        # The breakdowns show the resolve target unless the URL picks another; the select
        # must show that choice, not its first option. The same for the school year, which
        # is the current one unless the URL picks another.
        today = today or timezone.localdate()
        self.school_year_given = data is not None and bool(data.get("school_year"))
        if data is not None and (not data.get("target") or not data.get("school_year")):
            data = data.copy()
            data["target"] = data.get("target") or Target.Kind.RESOLVE
            data["school_year"] = data.get("school_year") or str(school_year_of(today))
        super().__init__(data, **kwargs)
        self.today = today
        self.fields["school_year"].choices = school_year_choices(today)

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
            # The current school year unless the URL chose one: a bookmark follows the year.
            school_year=data.get("school_year") if self.school_year_given else None,
        )


@dataclass(frozen=True)
class Filters:
    submitted_from: date | None = None
    submitted_to: date | None = None
    campus: Campus | None = None
    team: Team | None = None
    category: Category | None = None
    target: str = Target.Kind.RESOLVE
    school_year: int | None = None  # None: the one `now` falls in

    def school_year_at(self, now: datetime) -> int:
        if self.school_year is not None:
            return self.school_year
        return school_year_of(timezone.localdate(now))

    def apply(self, rows: QuerySet, *, through: str = "") -> QuerySet:
        """Team and category are the request's current ones (after any move). `through`
        names the path from the rows to their request ("request" for targets and waits),
        so the filters join to it instead of testing membership in a subquery."""
        field = f"{through}__" if through else ""
        if self.submitted_from:
            rows = rows.filter(**{f"{field}submitted_at__gte": start_of_day(self.submitted_from)})
        if self.submitted_to:
            next_day = self.submitted_to + timedelta(days=1)
            rows = rows.filter(**{f"{field}submitted_at__lt": start_of_day(next_day)})
        if self.campus:
            rows = rows.filter(**{f"{field}campus": self.campus})
        if self.team:
            rows = rows.filter(**{f"{field}team": self.team})
        if self.category:
            rows = rows.filter(**{f"{field}category": self.category})
        return rows

    def as_query(self) -> str:
        """The filters as a URL query, for download links and the API."""
        values = {
            "submitted_from": self.submitted_from.isoformat() if self.submitted_from else "",
            "submitted_to": self.submitted_to.isoformat() if self.submitted_to else "",
            "campus": self.campus.pk if self.campus else "",
            "team": self.team.pk if self.team else "",
            "category": self.category.pk if self.category else "",
            "target": self.target if self.target != Target.Kind.RESOLVE else "",
            "school_year": self.school_year or "",
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
        if self.school_year is not None:
            shown.append((str(_("School year")), school_year_label(self.school_year)))
        return shown
