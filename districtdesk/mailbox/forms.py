"""The analyst's forms for a held email: whom it is from, and why it is discarded."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Campus, Person
from districtdesk.service_requests.forms import ShowsDomainErrors

SUMMARY_LENGTH = 200


class HeldRequestForm(ShowsDomainErrors, forms.Form):
    """Who the email is from (found with the phone page's caller search), where, and the
    request's one-line summary."""

    caller_query = forms.CharField(
        label=_("Find the person"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Part of a name, an email address or an employee ID."),
    )
    requester = forms.ModelChoiceField(
        label=_("Requester"),
        queryset=Person.objects.filter(is_active=True),
        error_messages={"required": _("Find the person who sent it and choose them.")},
    )
    campus = forms.ModelChoiceField(
        label=_("Campus"),
        queryset=Campus.objects.order_by("name"),
        required=False,
        empty_label=_("The requester's home campus"),
        help_text=_("Leave it for the requester's home campus."),
    )
    summary = forms.CharField(label=_("Summary"), max_length=SUMMARY_LENGTH)

    def chosen_requester(self) -> Person | None:
        """The person picked so far, offered again when the page comes back."""
        value = self.data.get("requester") if self.is_bound else self.initial.get("requester")
        try:
            return self.fields["requester"].clean(value)
        except forms.ValidationError:
            return None

    def submission(self) -> dict[str, Any]:
        return {
            "requester": self.cleaned_data["requester"],
            "campus": self.cleaned_data["campus"],
            "summary": self.cleaned_data["summary"],
        }


class DiscardForm(ShowsDomainErrors, forms.Form):
    reason = forms.CharField(
        label=_("Why discard it"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: spam, or sent to the wrong department."),
    )
