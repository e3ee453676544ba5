"""One form per step on one change. Each sends the status the page showed: a step taken
from a page that is out of date is refused before it reaches the service."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from districtdesk.changes.models import AgendaItem, ChangeRequest, Meeting
from districtdesk.service_requests.forms import ShowsDomainErrors


def _textarea(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ActionForm(ShowsDomainErrors, forms.Form):
    def __init__(self, *args: Any, change: ChangeRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.change = change

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.data.get("status") != self.change.status:
            raise forms.ValidationError(
                _(
                    "This change moved on while you were looking at it: it is now "
                    "“%(status)s”. Check the page and try again."
                ),
                code="stale",
                params={"status": self.change.get_status_display()},
            )
        return cleaned

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments for the step's service, besides the change and actor."""
        return dict(self.cleaned_data)


class StepForm(ActionForm):
    """A step that takes nothing but the press of a button: submit, schedule, start, close."""


class NotesForm(ActionForm):
    notes = forms.CharField(label=_("Notes"), required=False, widget=_textarea(), max_length=2000)


class DenyForm(ActionForm):
    denial_reason = forms.ChoiceField(
        label=_("Reason for the denial"),
        choices=[c for c in ChangeRequest.DenialReason.choices if c[0]],
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=_textarea(),
        max_length=2000,
        help_text=_("Required when the reason is “Other”."),
    )


class OverrideLeadTimeForm(ActionForm):
    reason = forms.CharField(
        label=_("Why the short notice is acceptable"), widget=_textarea(), max_length=2000
    )


class PlaceOnAgendaForm(ActionForm):
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.exclude(status=Meeting.Status.CLOSED).order_by("scheduled_for"),
        empty_label=None,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].label_from_instance = _meeting_label

    def has_choices(self) -> bool:
        return self.fields["meeting"].queryset.exists()


def _meeting_label(meeting: Meeting) -> str:
    return date_format(timezone.localtime(meeting.scheduled_for), "D j M Y, H:i")


class CompleteForm(ActionForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in ChangeRequest.Outcome.choices if c[0]],
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=_textarea(), max_length=2000)


class ReviewForm(ActionForm):
    what_happened = forms.CharField(label=_("What happened"), widget=_textarea(3))
    impact = forms.CharField(label=_("Impact on users"), widget=_textarea())
    lessons = forms.CharField(label=_("Lessons learned"), required=False, widget=_textarea())
    follow_up_actions = forms.CharField(
        label=_("Follow-up actions"), required=False, widget=_textarea()
    )


class DecisionForm(ShowsDomainErrors, forms.Form):
    """The committee's decision on one agenda item, recorded from the meeting page."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in AgendaItem.Decision.choices if c[0]],
        widget=forms.RadioSelect,
    )
    denial_reason = forms.ChoiceField(
        label=_("Reason, if denied"),
        choices=ChangeRequest.DenialReason.choices,
        required=False,
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=_textarea(), max_length=2000)

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments for the decision's service."""
        if self.cleaned_data["decision"] == AgendaItem.Decision.DENY:
            return {
                "denial_reason": self.cleaned_data["denial_reason"],
                "notes": self.cleaned_data["notes"],
            }
        return {"notes": self.cleaned_data["notes"]}
