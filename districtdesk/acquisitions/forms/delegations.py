"""A supervisor names someone to approve in their place while away."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from districtdesk.acquisitions.forms.requesting import PersonByNameField
from districtdesk.service_requests.forms import ShowsDomainErrors

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DelegationForm(ShowsDomainErrors, forms.Form):
    delegate = PersonByNameField(
        label=gettext_lazy("Who approves in your place"),
        help_text=gettext_lazy("Their district email address or username."),
    )
    starts_on = forms.DateField(label=gettext_lazy("From"), widget=DAY)
    ends_on = forms.DateField(label=gettext_lazy("Until"), widget=DAY)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegate"].required = True
