from django import forms
from django.utils.translation import gettext_lazy as _

from districtdesk.notifications.models import Preference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("How should DistrictDesk tell you about your requests and work?"),
        choices=Preference.Delivery.choices,
        widget=forms.RadioSelect,
    )
