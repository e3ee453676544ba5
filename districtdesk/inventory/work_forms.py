"""The forms of the inventory work pages. They parse and check the shape of input; the rules
live in the services (`services/work_items.py`), whose refusals the forms show beside the
field they concern."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Campus, Room
from districtdesk.inventory.forms import DATETIME, LocationField, StaffField
from districtdesk.inventory.models import Asset, InventoryWorkItem
from districtdesk.inventory.tags import BAR_TAG_MAX_LENGTH
from districtdesk.service_requests.forms import ShowsDomainErrors

Kind = InventoryWorkItem.Kind
# Where a service's field names land on these forms.
PLACE_ERRORS = {"to_campus": "location", "to_room": "location"}

# The asset page's four links, each a kind of work (a move may also be a PUD).
ASSET_WORK = {
    "move": (_("Request a move"), (Kind.EXISTING_MOVE, Kind.OBSOLETE_PICKUP, Kind.NEW_MOVE)),
    "damage": (_("Report damage or loss"), (Kind.DAMAGE_LOSS,)),
    "location": (_("Correct its location"), (Kind.LOCATION_CORRECTION,)),
    "tag": (_("Request a bar tag"), (Kind.TAG_REQUEST,)),
}
MOVE_KINDS = (Kind.EXISTING_MOVE, Kind.OBSOLETE_PICKUP, Kind.NEW_MOVE)
REPORTED_CHOICES = [
    (Asset.Status.IN_REPAIR, _("Damaged: needs repair")),
    (Asset.Status.LOST, _("Lost")),
    (Asset.Status.STOLEN, _("Stolen")),
]


def _reason() -> forms.CharField:
    return forms.CharField(
        label=_("What is needed and why"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WorkFields(ShowsDomainErrors, forms.Form):
    """What every request for inventory work may carry; each page keeps the fields its
    kinds use."""

    kind = forms.ChoiceField(label=_("What is needed"), widget=forms.RadioSelect)
    tags = forms.CharField(
        label=_("Bar tags"),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("One a line, typed or scanned (commas and spaces also separate them)."),
    )
    location = LocationField(
        label=_("Where it goes"),
        required=False,
        help_text=_("For a pickup of obsolete devices, leave empty if the team decides."),
    )
    reported_status = forms.ChoiceField(
        label=_("What happened"), choices=REPORTED_CHOICES, widget=forms.RadioSelect
    )
    report_reference = forms.CharField(
        label=_("Report reference"),
        max_length=80,
        required=False,
        help_text=_("The police or loss report's number: needed for lost and stolen."),
    )
    reason = _reason()
    ERROR_FIELDS = {**PLACE_ERRORS, "report": "report_reference", "status": "reported_status"}

    def __init__(self, *args: Any, kinds: tuple[str, ...], keep: tuple[str, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in [name for name in self.fields if name not in keep]:
            del self.fields[name]
        if "kind" in self.fields:
            self.fields["kind"].choices = [(kind, Kind(kind).label) for kind in kinds]
            self.fields["kind"].initial = kinds[0]
        if "location" in self.fields and kinds == (Kind.LOCATION_CORRECTION,):
            self.fields["location"].required = True
            self.fields["location"].label = _("Where it really is")
            self.fields["location"].help_text = ""

    def work(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("tags", None)
        to_campus, to_room = data.pop("location", None) or (None, None)
        return {**data, "to_campus": to_campus, "to_room": to_room}


def move_kinds(*, manages: bool) -> tuple[str, ...]:
    """New equipment is moved at the inventory team's request only."""
    return MOVE_KINDS if manages else MOVE_KINDS[:2]


class PickUpForm(ShowsDomainErrors, forms.Form):
    picked_up_by = StaffField(
        label=_("Picked up by"), help_text=_("Email or username; you if empty.")
    )
    picked_up_at = forms.DateTimeField(
        label=_("Picked up at"), required=False, widget=DATETIME, help_text=_("Now if empty.")
    )


class DropOffForm(ShowsDomainErrors, forms.Form):
    dropped_off_by = StaffField(
        label=_("Dropped off by"), help_text=_("Email or username; you if empty.")
    )
    dropped_off_at = forms.DateTimeField(
        label=_("Dropped off at"), required=False, widget=DATETIME, help_text=_("Now if empty.")
    )
    location = LocationField(
        label=_("Dropped off where"),
        required=False,
        help_text=_("Where it was asked to go, if empty."),
    )
    ERROR_FIELDS = PLACE_ERRORS

    def drop_off(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        place: tuple[Campus, Room | None] | None = data.pop("location", None)
        data["to_campus"], data["to_room"] = place or (None, None)
        return data


class CompleteForm(ShowsDomainErrors, forms.Form):
    new_tag = forms.CharField(
        label=_("New bar tag"),
        max_length=BAR_TAG_MAX_LENGTH,
        required=False,
        help_text=_("The tag put on the device."),
    )
    report_reference = forms.CharField(
        label=_("Report reference"),
        max_length=80,
        required=False,
        help_text=_("If it was not given with the report."),
    )
    ERROR_FIELDS = {"bar_tag": "new_tag", "report": "report_reference"}
    note = forms.CharField(
        label=_("Note for the requester"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, item: InventoryWorkItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if item.kind != Kind.TAG_REQUEST:
            del self.fields["new_tag"]
        else:
            self.fields["new_tag"].required = True
        if item.kind != Kind.DAMAGE_LOSS:
            del self.fields["report_reference"]


class CancelForm(ShowsDomainErrors, forms.Form):
    reason = forms.CharField(
        label=_("Why it is cancelled"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
