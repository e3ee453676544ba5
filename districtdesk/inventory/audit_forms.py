"""The forms of the audit's later phases: documenting and settling discrepancies, the
follow-up report, and the principal's acknowledgement."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Campus, Room
from districtdesk.inventory.models import Asset
from districtdesk.service_requests.attachment_fields import AttachmentsField
from districtdesk.service_requests.forms import ShowsDomainErrors


class DocumentForm(ShowsDomainErrors, forms.Form):
    notes = forms.CharField(
        label=_("Documentation"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where it was looked for, who was asked, what is known."),
    )


class AttachForm(ShowsDomainErrors, forms.Form):
    """Photos, emails or reports that document a discrepancy, checked as a service
    request's files are."""

    files = AttachmentsField(label=_("Files"), required=True)


class InvestigateForm(ShowsDomainErrors, forms.Form):
    reason = forms.CharField(
        label=_("What should be looked into"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    stolen = forms.BooleanField(
        label=_("Theft is suspected (files a Stolen Equipment request, 3.1)"), required=False
    )


class LocateForm(ShowsDomainErrors, forms.Form):
    room = forms.ModelChoiceField(queryset=Room.objects.none(), label=_("Found in room"))
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)

    def __init__(self, *args: Any, campus: Campus, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(campus=campus, is_active=True)


class WriteOffForm(ShowsDomainErrors, forms.Form):
    status = forms.ChoiceField(
        label=_("Write it off as"),
        choices=[
            (Asset.Status.LOST, Asset.Status.LOST.label),
            (Asset.Status.STOLEN, Asset.Status.STOLEN.label),
        ],
    )
    report = forms.CharField(
        label=_("Police or loss report reference"), max_length=80, required=False
    )
    reason = forms.CharField(
        label=_("What happened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FindingsForm(ShowsDomainErrors, forms.Form):
    findings = forms.CharField(
        label=_("Follow-up report: the findings"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
