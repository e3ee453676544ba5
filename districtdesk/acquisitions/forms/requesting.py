"""Asking for technology: the requester's form, with the district's standards to choose
from and the flag an off-standard request raises."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.acquisitions.models import StandardItem, TechnologyRequest
from districtdesk.acquisitions.services.requesting import MAX_QUANTITY
from districtdesk.core.models import Campus, Person
from districtdesk.inventory.models import Asset, AssetType
from districtdesk.inventory.tags import normalise_tag
from districtdesk.service_requests.forms import GroupedChoices, RoomField, ShowsDomainErrors
from districtdesk.service_requests.models import ServiceRequest

Kind = TechnologyRequest.Kind


def active_standards() -> QuerySet[StandardItem]:
    return StandardItem.objects.filter(is_active=True).select_related("asset_type")


def price_range(item: StandardItem) -> str:
    if item.price_low == item.price_high:
        return f"${item.price_low:,.2f}"
    return f"${item.price_low:,.2f}–${item.price_high:,.2f}"


def standard_label(item: StandardItem) -> str:
    """The item as a choice: its name, price range and how long it is supported."""
    label = f"{item.name} · {price_range(item)}"
    if item.supported_until:
        label += " · " + _("supported until %(day)s") % {
            "day": date_format(item.supported_until, "M Y")
        }
    return label


class StandardItemField(forms.ModelChoiceField):
    """The standards catalogue, grouped by type of equipment; its empty choice is
    "something not in the catalogue"."""

    iterator = GroupedChoices

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=active_standards().order_by("asset_type__name", "name"),
            required=False,
            empty_label=gettext_lazy("Something not in the catalogue"),
            **kwargs,
        )

    def label_from_instance(self, item: StandardItem) -> str:
        return standard_label(item)

    def grouped_rows(self):
        other = _("Software and services")
        return (
            (item.asset_type.name if item.asset_type else other, item) for item in self.queryset
        )


class PersonByNameField(forms.CharField):
    """A person by their email address, username or employee ID."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=150, required=False, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value.email if isinstance(value, Person) else value

    def clean(self, value: Any) -> Person | None:
        text = super().clean(value).strip()
        if not text:
            return None
        person = (
            Person.objects.filter(is_active=True)
            .filter(Q(email__iexact=text) | Q(username__iexact=text) | Q(employee_id__iexact=text))
            .first()
        )
        if person is None:
            raise forms.ValidationError(
                _("Nobody active in the district has the email, username or ID “%(text)s”."),
                code="unknown_person",
                params={"text": text},
            )
        return person


class TechnologyRequestForm(ShowsDomainErrors, forms.Form):
    """Seed 002's request details: the need, its impact, how urgent it is, the specific
    requirements, and what is asked for."""

    kind = forms.ChoiceField(
        label=gettext_lazy("What kind of request"),
        choices=Kind.choices,
        initial=Kind.NEW_EQUIPMENT,
        widget=forms.RadioSelect,
    )
    need = forms.CharField(
        label=gettext_lazy("The need"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=gettext_lazy("A detailed explanation of the need or technology issue."),
    )
    impact = forms.CharField(
        label=gettext_lazy("Impact"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=gettext_lazy("How it affects daily operations or student learning."),
    )
    urgency = forms.ChoiceField(
        label=gettext_lazy("Urgency"),
        choices=ServiceRequest.Urgency.choices,
        initial=ServiceRequest.Urgency.MEDIUM,
        widget=forms.RadioSelect,
    )
    requirements = forms.CharField(
        label=gettext_lazy("Specific requirements"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Any hardware, software or technical specifications needed."),
    )
    standard_item = StandardItemField(
        label=gettext_lazy("From the district's standards"),
        help_text=gettext_lazy(
            "Items the district buys and supports, with their price range. Anything else is "
            "reviewed against the standards."
        ),
    )
    asset_type = forms.ModelChoiceField(
        label=gettext_lazy("Type of equipment"),
        queryset=AssetType.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=gettext_lazy("Choose a type"),
        help_text=gettext_lazy("For something not in the catalogue."),
    )
    quantity = forms.IntegerField(
        label=gettext_lazy("Quantity"), min_value=1, max_value=MAX_QUANTITY, initial=1
    )
    replaces_tag = forms.CharField(
        label=gettext_lazy("Bar tag of the stolen device"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        help_text=gettext_lazy("Replacements of stolen equipment only; report the theft first."),
    )
    campus = forms.ModelChoiceField(
        label=gettext_lazy("Campus"), queryset=Campus.objects.filter(is_active=True)
    )
    room = RoomField()
    requested_for = PersonByNameField(
        label=gettext_lazy("For whom"),
        help_text=gettext_lazy(
            "Their district email address or username; leave it empty when it is for you or "
            "for the room."
        ),
    )

    ERROR_FIELDS = {"replaces": "replaces_tag"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        campus = self.data.get("campus") if self.is_bound else self.initial.get("campus")
        campus = getattr(campus, "pk", campus)
        try:
            campus_id = int(campus) if campus not in (None, "") else None
        except (TypeError, ValueError):
            campus_id = None
        self.fields["room"].offer_campus(campus_id)

    @classmethod
    def for_person(cls, person: Person) -> "TechnologyRequestForm":
        return cls(initial={"campus": person.home_campus})

    def clean_replaces_tag(self) -> Asset | None:
        tag = normalise_tag(self.cleaned_data.get("replaces_tag", ""))
        if not tag:
            return None
        asset = Asset.objects.filter(bar_tag=tag).first()
        if asset is None:
            raise forms.ValidationError(
                _("No district device has the bar tag “%(tag)s”."),
                code="unknown_tag",
                params={"tag": tag},
            )
        return asset

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if (
            kind in (Kind.NEW_EQUIPMENT, Kind.STOLEN_REPLACEMENT)
            and not cleaned.get("standard_item")
            and not cleaned.get("asset_type")
            and "asset_type" not in self.errors
        ):
            self.add_error(
                "asset_type",
                _("Choose an item from the standards, or the type of equipment you need."),
            )
        return cleaned

    def typed(self) -> dict[str, Any]:
        """What the standards check reads, from whatever was typed so far."""
        if not self.is_bound:
            return {
                "kind": self.initial.get("kind", Kind.NEW_EQUIPMENT),
                "standard_item": None,
                "asset_type": None,
            }
        result = {"kind": self.data.get("kind") or Kind.NEW_EQUIPMENT}
        for name in ("standard_item", "asset_type"):
            try:
                result[name] = self.fields[name].clean(self.data.get(name))
            except forms.ValidationError:
                result[name] = None
        return result

    def submission(self) -> dict[str, Any]:
        """The keyword arguments for requesting.submit_technology_request."""
        data = dict(self.cleaned_data)
        data["replaces"] = data.pop("replaces_tag")
        return data


def standards_check(typed: dict[str, Any]) -> dict[str, Any]:
    """Whether what is asked for is on the standards, and the standard items of its type."""
    item = typed.get("standard_item")
    kind = typed.get("kind")
    asset_type = typed.get("asset_type") or (item.asset_type if item else None)
    # Off-standard once the requester chose a type but no standard item; before choosing
    # either, the check waits.
    off_standard = item is None and kind != Kind.OTHER and asset_type is not None
    alternatives = []
    if off_standard and asset_type is not None:
        alternatives = list(
            active_standards().filter(asset_type=asset_type).order_by("price_low", "name")
        )
    return {
        "chosen_item": item,
        "chosen_type": asset_type,
        "off_standard": off_standard,
        "undecided": item is None and asset_type is None and kind != Kind.OTHER,
        "standard_alternatives": alternatives,
    }
