"""The coordinator's forms for the Change Control meeting."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from districtdesk.changes import policies
from districtdesk.changes.forms.changes import LocalDateTimeField
from districtdesk.changes.models import Meeting, Vote
from districtdesk.core.models import Person
from districtdesk.service_requests.forms import ShowsDomainErrors


def likely_attendees() -> QuerySet[Person]:
    """Who may sit on the committee: the coordinator, committee members and the people who
    submit changes (directors, managers, supervisors, subject-matter experts)."""
    roles = {*policies.COMMITTEE, *policies.SUBMITTERS}
    return (
        Person.objects.filter(is_active=True, role_assignments__role__in=roles)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


class PlanMeetingForm(ShowsDomainErrors, forms.Form):
    scheduled_for = LocalDateTimeField(
        label=_("When"),
        required=False,
        help_text=_("Leave it empty for the district's next regular meeting."),
    )


class MeetingStepForm(ShowsDomainErrors, forms.Form):
    """A meeting step that takes only a button; the page sends the status it showed."""

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.data.get("status") != self.meeting.status:
            raise forms.ValidationError(
                _(
                    "The meeting moved on while you were looking at it: it is now "
                    "“%(status)s”. Check the page and try again."
                ),
                code="stale",
                params={"status": self.meeting.get_status_display()},
            )
        return cleaned

    def arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class AttendanceForm(MeetingStepForm):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=likely_attendees(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What was discussed; saved with the attendance."),
    )

    def arguments(self) -> dict[str, Any]:
        return {
            "attendees": list(self.cleaned_data["attendees"]),
            "minutes": self.cleaned_data["minutes"],
        }


class CloseMeetingForm(MeetingStepForm):
    minutes = forms.CharField(
        label=_("Final minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Closing makes the changes approved today eligible to go ahead."),
    )

    def arguments(self) -> dict[str, Any]:
        return {"minutes": self.cleaned_data["minutes"]}


class VoteForm(ShowsDomainErrors, forms.Form):
    """A present member's vote on one item. The coordinator chooses whose vote it is; a
    member votes for themselves and sees no such field."""

    voter = forms.ModelChoiceField(label=_("Member"), queryset=Person.objects.none())
    choice = forms.ChoiceField(
        label=_("Vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, present: list[Person], for_others: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if for_others:
            field = self.fields["voter"]
            field.queryset = Person.objects.filter(pk__in=[person.pk for person in present])
            field.choices = [("", "---------")] + [(person.pk, str(person)) for person in present]
        else:
            del self.fields["voter"]

    def arguments(self) -> dict[str, Any]:
        return {"choice": self.cleaned_data["choice"], "voter": self.cleaned_data.get("voter")}
