"""The inventory pages' forms. They parse and check the shape of input; the rules live in
the services, whose refusals the forms show beside the field they concern."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districtdesk.core.forms import QuickSelect
from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory import workflow
from districtdesk.inventory.imports.profiles import PROFILES
from districtdesk.inventory.models import Asset, AssetMove
from districtdesk.inventory.selectors import active_models
from districtdesk.inventory.services.rules import EDITABLE, AssetFields
from districtdesk.inventory.tags import BAR_TAG_MAX_LENGTH
from districtdesk.service_requests.forms import ShowsDomainErrors

Status = Asset.Status
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class LocationField(forms.ChoiceField):
    """A campus and, optionally, one of its rooms, in one select grouped by campus: works
    without JavaScript, and a room can never be paired with another campus."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self.location_choices, **kwargs)

    @staticmethod
    def location_choices() -> list:
        groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
        for campus in Campus.objects.filter(is_active=True).order_by("name"):
            whole = (f"c:{campus.pk}", _("%(code)s, no particular room") % {"code": campus.code})
            groups[campus.pk] = (campus.name, [whole])
        rooms = Room.objects.filter(is_active=True, campus__is_active=True).select_related("campus")
        for room in rooms.order_by("campus_id", "number"):
            label = f"{room.campus.code} {room.number}"
            if room.description:
                label += f" — {room.description}"
            groups[room.campus_id][1].append((f"r:{room.pk}", label))
        return [("", "---------"), *groups.values()]

    def clean(self, value: Any) -> tuple[Campus, Room | None] | None:
        value = super().clean(value)
        if not value:
            return None
        kind, _colon, pk = value.partition(":")
        if kind == "r":
            room = Room.objects.select_related("campus").get(pk=pk)
            return room.campus, room
        return Campus.objects.get(pk=pk), None

    @staticmethod
    def value_for(campus: Campus | None, room: Room | None) -> str:
        if room is not None:
            return f"r:{room.pk}"
        return f"c:{campus.pk}" if campus is not None else ""


class StaffField(forms.CharField):
    """A staff member by email or username: a text box, not a select of every employee."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Person | None:
        text = super().clean(value).strip()
        if not text:
            return None
        person = Person.objects.filter(
            Q(email__iexact=text) | Q(username__iexact=text), is_active=True
        ).first()
        if person is None:
            raise forms.ValidationError(_("No active staff member has that email or username."))
        return person


class DescriptionFields(ShowsDomainErrors, forms.Form):
    """What describes an asset: registration and edits share these."""

    bar_tag = forms.CharField(
        label=_("Bar tag"),
        max_length=BAR_TAG_MAX_LENGTH,
        help_text=_("4–20 capital letters and digits, with at least one digit."),
    )
    serial_number = forms.CharField(label=_("Serial number"), max_length=60, required=False)
    asset_model = forms.ModelChoiceField(queryset=active_models(), label=_("Model"))
    assigned_to = StaffField(
        label=_("Assigned staff member"), help_text=_("Their email address or username.")
    )
    student_id = forms.CharField(
        label=_("Assigned student ID"),
        max_length=40,
        required=False,
        help_text=_("Instead of a staff member. Seen only by inventory staff and administrators."),
    )
    funding = forms.ChoiceField(
        label=_("Funding source"),
        choices=[("", _("Not recorded")), *Asset.Funding.choices],
        required=False,
    )
    budget_code = forms.CharField(label=_("Budget code"), max_length=40, required=False)
    purchase_order = forms.CharField(label=_("Purchase order"), max_length=40, required=False)
    cost = forms.DecimalField(
        label=_("Cost"), max_digits=10, decimal_places=2, min_value=0, required=False
    )
    purchase_date = forms.DateField(label=_("Purchase date"), required=False, widget=DATE)
    warranty_end = forms.DateField(label=_("Warranty ends"), required=False, widget=DATE)
    is_donated = forms.BooleanField(label=_("Donated"), required=False)
    is_personal_device = forms.BooleanField(label=_("Personal device"), required=False)
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def described(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in EDITABLE}


class RegisterForm(DescriptionFields):
    location = LocationField(label=_("Location"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(status, Status(status).label) for status in workflow.INITIAL],
        initial=Status.IN_USE,
    )
    ERROR_FIELDS = {"room": "location", "campus": "location"}

    def asset_fields(self) -> AssetFields:
        campus, room = self.cleaned_data["location"]
        return AssetFields(
            **self.described(), campus=campus, room=room, status=self.cleaned_data["status"]
        )


class EditForm(DescriptionFields):
    @classmethod
    def for_asset(cls, asset: Asset, data=None) -> "EditForm":
        initial = {name: getattr(asset, name) for name in EDITABLE}
        initial["assigned_to"] = asset.assigned_to.email if asset.assigned_to_id else ""
        initial["asset_model"] = asset.asset_model_id
        return cls(data, initial=initial)


class MoveForm(ShowsDomainErrors, forms.Form):
    location = LocationField(label=_("Move to"))
    kind = forms.ChoiceField(
        label=_("Kind of move"),
        choices=[
            (AssetMove.Kind.EXISTING_MOVE, AssetMove.Kind.EXISTING_MOVE.label),
            (AssetMove.Kind.CORRECTION, AssetMove.Kind.CORRECTION.label),
        ],
        widget=forms.RadioSelect,
        initial=AssetMove.Kind.EXISTING_MOVE,
        help_text=_("A correction fixes a location that was recorded wrongly."),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    picked_up_at = forms.DateTimeField(label=_("Picked up at"), required=False, widget=DATETIME)
    picked_up_by = StaffField(label=_("Picked up by"), help_text=_("Email or username."))
    dropped_off_at = forms.DateTimeField(label=_("Dropped off at"), required=False, widget=DATETIME)
    dropped_off_by = StaffField(label=_("Dropped off by"), help_text=_("Email or username."))
    ERROR_FIELDS = {"to_room": "location", "to_campus": "location"}

    def move(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["to_campus"], data["to_room"] = data.pop("location")
        return data


class StatusForm(ShowsDomainErrors, forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for stolen, lost, in repair (what is damaged) and disposed."),
    )
    report = forms.CharField(
        label=_("Report reference"),
        max_length=80,
        required=False,
        help_text=_("The police or loss report's number: needed for stolen and lost."),
    )

    def __init__(self, *args: Any, asset: Asset, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = workflow.ALLOWED.get(asset.status, set())
        self.fields["status"].choices = [
            (status.value, status.label) for status in Status if status in allowed
        ]


class ImportForm(forms.Form):
    NEW, UPDATE = "new", "update"
    mode = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[
            (NEW, _("New assets: register every row")),
            (UPDATE, _("Updates to assets on record")),
        ],
        widget=forms.RadioSelect,
        initial=NEW,
        required=False,
        help_text=_(
            "Updates match DistrictDesk columns by bar tag (edit an export and upload it), "
            "and Google's Chromebook export by serial number."
        ),
    )
    profile = forms.ChoiceField(
        label=_("File format"),
        choices=[(code, profile.label) for code, profile in PROFILES.items()],
        widget=forms.RadioSelect,
        initial="districtdesk",
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 CSV, at most 4 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_mode(self) -> str:
        return self.cleaned_data["mode"] or self.NEW


class AuditStartForm(forms.Form):
    campus = forms.ModelChoiceField(
        widget=QuickSelect,
        queryset=Campus.objects.filter(is_active=True),
        label=_("Campus to audit"),
    )


class ScanForm(ShowsDomainErrors, forms.Form):
    """Works with a handheld scanner that types the tag and presses Enter (a keyboard
    wedge): the tag box has the focus, and Enter submits."""

    room = forms.ModelChoiceField(queryset=Room.objects.none(), label=_("Room being scanned"))
    tag = forms.CharField(
        label=_("Tag"),
        # Room for a label's QR address (`…/inventory/t/<tag>/`), which a scanner types whole.
        max_length=300,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "characters"}
        ),
    )
    # The page's script gives each scan a UUID, so a scan sent again is recorded once.
    client_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, campus: Campus, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(campus=campus, is_active=True)
