from django import forms
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Closure


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["name", "kind", "first_day", "last_day"]
        widgets = {"first_day": DateInput(), "last_day": DateInput()}
        help_texts = {"last_day": _("The same as the first day for a one-day closure.")}


class DuePreviewForm(forms.Form):
    """Try the clock: when would a request submitted at a given time be due?"""

    UNITS = [("hours", _("business hours")), ("days", _("business days"))]

    submitted_at = forms.DateTimeField(label=_("Submitted at"), widget=DateTimeInput())
    amount = forms.IntegerField(label=_("SLA"), min_value=1, max_value=365, initial=3)
    unit = forms.ChoiceField(label=_("Unit"), choices=UNITS, initial="days")
