"""Receiving an order: one item at a time from a handheld scanner (a keyboard wedge types
the serial number, then the bar tag, each followed by Enter), or licences and services by
count."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from districtdesk.acquisitions.models import QuoteLine
from districtdesk.inventory.tags import normalise_tag
from districtdesk.service_requests.forms import ShowsDomainErrors

SCANNED = {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}


def _line_label(line: QuoteLine) -> str:
    left = line.quantity - line.received_count
    return f"{line.description} ({left}/{line.quantity})"


class _LineForm(ShowsDomainErrors, forms.Form):
    line = forms.ModelChoiceField(
        label=gettext_lazy("Order line"), queryset=QuoteLine.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, lines: list[QuoteLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["line"]
        field.queryset = QuoteLine.objects.filter(pk__in=[line.pk for line in lines])
        # The choices are drawn from the lines already read, with their progress.
        field.choices = [(line.pk, _line_label(line)) for line in lines]
        if not self.is_bound and "line" not in self.initial:
            waiting = [line for line in lines if line.received_count < line.quantity]
            if waiting:
                self.initial["line"] = waiting[0].pk


class ReceiveItemForm(_LineForm):
    serial_number = forms.CharField(
        label=gettext_lazy("Serial number"),
        max_length=80,
        widget=forms.TextInput(attrs={**SCANNED, "autofocus": True, "data-scan": "serial"}),
    )
    bar_tag = forms.CharField(
        label=gettext_lazy("New bar tag"),
        max_length=40,
        widget=forms.TextInput(attrs={**SCANNED, "data-scan": "tag"}),
        help_text=gettext_lazy("The district bar-tag sticker put on the item."),
    )

    def clean_bar_tag(self) -> str:
        return normalise_tag(self.cleaned_data["bar_tag"])

    def clean_serial_number(self) -> str:
        return self.cleaned_data["serial_number"].strip()


class ReceiveCountForm(_LineForm):
    quantity = forms.IntegerField(
        label=gettext_lazy("How many arrived"), min_value=1, max_value=10_000, initial=1
    )
