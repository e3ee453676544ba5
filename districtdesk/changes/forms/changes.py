"""Writing a change request, and the filters of the change list."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from districtdesk.changes.models import ChangeRequest
from districtdesk.changes.models.changes import NUMBER_PREFIX
from districtdesk.core.models import Campus, EnterpriseSystem
from districtdesk.service_requests.forms import ShowsDomainErrors
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.selectors import parse_number

# The fields the rules read: the form's flags are re-checked whenever one of them changes.
RULE_FIELDS = (
    "change_type",
    "planned_start",
    "planned_end",
    "affects_connectivity",
    "systems",
    "campuses",
)
LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """The browser's date-and-time picker, read on the district's wall clock."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE)
        )
        super().__init__(input_formats=[LOCAL_MINUTE, "%Y-%m-%d %H:%M"], **kwargs)


class ServiceRequestField(forms.CharField):
    """A service request by its number (SR-000123 or 123)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=30, required=False, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value.number if isinstance(value, ServiceRequest) else value

    def clean(self, value: Any) -> ServiceRequest | None:
        text = super().clean(value)
        if not text:
            return None
        number = parse_number(text)
        found = ServiceRequest.objects.filter(pk=number).first() if number else None
        if found is None:
            raise forms.ValidationError(
                _("No service request has the number “%(text)s”."),
                code="unknown_request",
                params={"text": text},
            )
        return found


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ChangeForm(ShowsDomainErrors, forms.Form):
    """Every field of a change request, as the submitter writes it."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("One line, e.g. “Upgrade the north core switch firmware”."),
    )
    change_type = forms.ChoiceField(
        label=_("Type"),
        choices=ChangeRequest.Type.choices,
        initial=ChangeRequest.Type.SCHEDULED,
        widget=forms.RadioSelect,
        help_text=_(
            "Scheduled: approved before it runs. Emergency: it must act before noon on the "
            "Saturday after the next meeting; it is reviewed at that meeting. Informational: "
            "for the record."
        ),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Choose a category")), *ChangeRequest.Category.choices],
        help_text=_("Facility changes (power, HVAC, water, alarms) are coordinated here too."),
    )
    systems = forms.ModelMultipleChoiceField(
        label=_("Systems affected"),
        queryset=EnterpriseSystem.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The district systems the change touches."),
    )
    campuses = forms.ModelMultipleChoiceField(
        label=_("Campuses affected"),
        queryset=Campus.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several. Name a system, a campus, or both."),
    )
    description = forms.CharField(
        label=_("Description"), widget=_textarea(4), help_text=_("What will change, exactly.")
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=_textarea(),
        help_text=_("Why it is needed now."),
    )
    risk_level = forms.ChoiceField(
        label=_("Risk level"),
        choices=ChangeRequest.Risk.choices,
        initial=ChangeRequest.Risk.MEDIUM,
        widget=forms.RadioSelect,
    )
    risk_and_impact = forms.CharField(
        label=_("Risk and impact"),
        widget=_textarea(),
        help_text=_("What could go wrong, and what users notice while it runs."),
    )
    affected_users = forms.CharField(
        label=_("Who is affected and how they were informed"),
        widget=_textarea(),
        help_text=_("Impacted people are informed before the change goes to the meeting."),
    )
    implementation_plan = forms.CharField(
        label=_("Implementation plan"), widget=_textarea(4), help_text=_("The steps, in order.")
    )
    back_out_plan = forms.CharField(
        label=_("Back-out plan"),
        widget=_textarea(),
        help_text=_("How the system is put back as it was if the change fails."),
    )
    test_plan = forms.CharField(
        label=_("Test plan"),
        widget=_textarea(),
        help_text=_("How you will know it worked."),
    )
    planned_start = LocalDateTimeField(label=_("Planned start"))
    planned_end = LocalDateTimeField(label=_("Planned end"))
    affects_connectivity = forms.BooleanField(
        label=_("Affects user connectivity"),
        required=False,
        help_text=_(
            "Users lose access to a system or the network while it runs: it belongs inside "
            "a maintenance window."
        ),
    )
    service_request = ServiceRequestField(
        label=_("Service request"),
        help_text=_(
            "The number of the request this change answers, e.g. SR-000123. Required for "
            "scheduled and emergency changes."
        ),
    )

    @classmethod
    def for_change(cls, change: ChangeRequest, data=None) -> "ChangeForm":
        """The form filled with a saved change, to revise it."""
        initial = {name: getattr(change, name) for name in cls.base_fields}
        initial["systems"] = list(change.systems.all())
        initial["campuses"] = list(change.campuses.all())
        return cls(data, initial=initial)

    def change_fields(self) -> dict[str, Any]:
        """The keyword arguments for draft_change and revise_change."""
        return dict(self.cleaned_data)

    def rule_inputs(self) -> dict[str, Any] | None:
        """What the rules read, from whatever was typed so far; None until both times are
        there. Checks the whole form, so its errors are ready to show too."""
        if self.is_bound:
            self.is_valid()
            typed = {name: self.cleaned_data.get(name) for name in RULE_FIELDS}
        else:
            typed = {name: self.initial.get(name) for name in RULE_FIELDS}
        if not (typed["planned_start"] and typed["planned_end"]):
            return None
        typed["change_type"] = typed["change_type"] or ChangeRequest.Type.SCHEDULED
        typed["systems"] = typed["systems"] or []
        typed["campuses"] = typed["campuses"] or []
        typed["affects_connectivity"] = bool(typed["affects_connectivity"])
        return typed


# --- The change list --------------------------------------------------------------


def search(changes: QuerySet[ChangeRequest], text: str) -> QuerySet[ChangeRequest]:
    """By number (CHG-000123 or 123) or by words of the title."""
    cleaned = text.strip().upper().removeprefix(NUMBER_PREFIX)
    match = Q(title__icontains=text.strip())
    if cleaned.isdecimal() and len(cleaned) <= 18:
        match |= Q(pk=int(cleaned))
    return changes.filter(match)


class ChangeFilter(django_filters.FilterSet):
    """The change list's search box and filters, all in the URL."""

    q = django_filters.CharFilter(label=_("Number or title"), method="search", max_length=100)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ChangeRequest.Status.choices, empty_label=_("Any status")
    )
    change_type = django_filters.ChoiceFilter(
        label=_("Type"), choices=ChangeRequest.Type.choices, empty_label=_("Any type")
    )
    system = django_filters.ModelChoiceFilter(
        label=_("System"),
        field_name="systems",
        queryset=EnterpriseSystem.objects.filter(is_active=True).only("pk", "name"),
        empty_label=_("Any system"),
    )
    campus = django_filters.ModelChoiceFilter(
        label=_("Campus"),
        field_name="campuses",
        queryset=Campus.objects.filter(is_active=True).only("pk", "name", "code"),
        empty_label=_("Any campus"),
    )

    class Meta:
        model = ChangeRequest
        fields = ["q", "status", "change_type", "system", "campus"]

    def search(self, changes: QuerySet, name: str, value: str) -> QuerySet:
        return search(changes, value)
