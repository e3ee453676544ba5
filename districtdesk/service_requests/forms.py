"""The forms of the service-request pages: they parse and check input, and hand the
services keyword arguments. None of them writes anything."""

from collections.abc import Mapping
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from districtdesk.core.errors import DomainError
from districtdesk.core.forms import QuickSelect
from districtdesk.core.models import Campus, EnterpriseSystem, Person, Room, Team, TeamMembership
from districtdesk.service_requests import selectors
from districtdesk.service_requests.attachment_fields import AttachmentsField
from districtdesk.service_requests.models import Category, Note, Priority, ServiceRequest

Status = ServiceRequest.Status

# How many people a caller search offers at most: enough to pick from, never the district.
CALLER_MATCHES = 10


class GroupedChoices(ModelChoiceIterator):
    """A select's options in groups (<optgroup>), read from the database only when the
    select is drawn: building or validating the form costs no query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        for group, obj in self.field.grouped_rows():
            groups.setdefault(group, []).append(self.choice(obj))
        yield from groups.items()


def working_priorities() -> QuerySet[Priority]:
    """Priorities a request may be given: active, in an active category, and not one of the
    chart's waiting states (a request waits through the wait step instead)."""
    return Priority.objects.filter(
        is_active=True, category__is_active=True, waiting_state=""
    ).select_related("category")


class PriorityField(forms.ModelChoiceField):
    """One select for category and priority, grouped by category: a priority names its
    category, so the two can never disagree."""

    iterator = GroupedChoices

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Category and priority"))
        kwargs.setdefault("empty_label", _("Choose a priority"))
        super().__init__(queryset=working_priorities(), **kwargs)

    def label_from_instance(self, priority: Priority) -> str:
        return f"{priority.code} {priority.name} ({priority.sla_label})"

    def grouped_rows(self):
        return ((str(priority.category), priority) for priority in self.queryset)


class RoomField(forms.ModelChoiceField):
    """Accepts any active room (the service says when it is not at the campus), but offers
    only the rooms of one campus, so the list stays short at any district size."""

    iterator = GroupedChoices

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Room.objects.filter(is_active=True).select_related("campus"),
            required=False,
            label=_("Room"),
            **kwargs,
        )
        self.offer_campus(None)

    def offer_campus(self, campus_id: int | None) -> None:
        self.offered_campus = campus_id
        self.empty_label = _("No particular room") if campus_id else _("Choose a campus first")

    def label_from_instance(self, room: Room) -> str:
        return f"{room.number} — {room.description}" if room.description else room.number

    def grouped_rows(self):
        if self.offered_campus is None:
            return ()
        rooms = self.queryset.filter(campus_id=self.offered_campus).order_by("number")
        return ((room.campus.name, room) for room in rooms)


class PlannedCompletionField(forms.DateField):
    """Scheduled maintenance's planned completion date (seed 003, category 5)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Planned completion"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Scheduled maintenance only: the date the work is planned to finish.")
        )
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)


def _campus_id(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class ShowsDomainErrors:
    """Puts a service's refusal (DomainError) beside the field it names, or above the form."""

    # Where errors on a field this form names differently belong.
    ERROR_FIELDS: dict[str, str] = {}

    def add_domain_error(self, error: DomainError) -> None:
        name = self.ERROR_FIELDS.get(error.field or "", error.field)
        shown = name in self.fields and not self.fields[name].widget.is_hidden
        self.add_error(name if shown else None, error.message)

    def error_summary(self) -> str:
        """Every error in one line, each with its field's label, for a status message."""
        lines = []
        for name, messages in self.errors.items():
            field = self.fields.get(name)
            label = field.label if field is not None and not field.widget.is_hidden else None
            lines += [f"{label}: {message}" if label else message for message in messages]
        return " ".join(lines)


class RequestForm(ShowsDomainErrors, forms.Form):
    """A request from the portal: what is wrong, how it hurts, and where."""

    summary = forms.CharField(
        label=_("Summary"),
        max_length=200,
        help_text=_("One line, e.g. “Projector in room 101 shows no picture”."),
    )
    description = forms.CharField(
        label=_("Problem description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What happens, since when, and what you already tried."),
    )
    impact = forms.CharField(
        label=_("Impact"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How it affects daily operations or student learning."),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=ServiceRequest.Urgency.choices,
        initial=ServiceRequest.Urgency.MEDIUM,
        widget=forms.RadioSelect,
    )
    requirements = forms.CharField(
        label=_("Specific requirements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Any hardware, software or technical details we need to know."),
    )
    campus = forms.ModelChoiceField(
        widget=QuickSelect, label=_("Campus"), queryset=Campus.objects.filter(is_active=True)
    )
    room = RoomField()
    system = forms.ModelChoiceField(
        label=_("Enterprise system"),
        queryset=EnterpriseSystem.objects.filter(is_active=True),
        required=False,
        empty_label=_("None"),
        help_text=_("If the problem is in a district system such as Infinite Campus."),
    )
    asset_tag = forms.CharField(
        label=_("Asset bar tag"),
        max_length=40,
        required=False,
        help_text=_("The number on the district bar-tag sticker, if there is one."),
    )
    files = AttachmentsField(label=_("Screenshots or documents"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        campus = self.data.get("campus") if self.is_bound else self.initial.get("campus")
        self.fields["room"].offer_campus(_campus_id(getattr(campus, "pk", campus)))

    # What a link may fill in, e.g. "Report a problem" on an asset's page.
    PREFILLABLE = ("campus", "room", "system", "asset_tag")

    @classmethod
    def prefilled(cls, query: Mapping[str, str], person: Person) -> "RequestForm":
        """An unbound form starting from the person's home campus and whatever the link
        says that the form would accept; anything else in the link is left out, since a
        link is not a submission."""
        initial: dict[str, Any] = {"campus": person.home_campus}
        fields = cls.base_fields
        for name in cls.PREFILLABLE:
            if query.get(name):
                try:
                    initial[name] = fields[name].clean(query[name])
                except forms.ValidationError:
                    continue
        room, campus = initial.get("room"), initial.get("campus")
        if room is not None and (campus is None or room.campus_id != campus.pk):
            del initial["room"]
        return cls(initial=initial)

    def submission(self, person: Person) -> dict[str, Any]:
        """The keyword arguments for services.intake.submit_request: the person asks for
        themselves. The files are attached after it (see views._submit)."""
        data = {"requester": person, **self.cleaned_data}
        data.pop("files", None)
        return data


class PhoneRequestForm(RequestForm):
    """A call to the Customer Care Center: the same details, the caller, and the category
    and priority the analyst gives it on entry (seed 003, step 1)."""

    caller_query = forms.CharField(
        label=_("Find the caller"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Part of a name, an email address or an employee ID."),
    )
    requester = forms.ModelChoiceField(
        label=_("Caller"),
        queryset=Person.objects.filter(is_active=True),
        error_messages={"required": _("Find the caller and choose them from the matches.")},
    )
    priority = PriorityField()
    planned_completion = PlannedCompletionField()
    files = None  # a caller has nothing to upload; the requester can add files later

    ERROR_FIELDS = {"category": "priority"}
    field_order = ["caller_query", "requester", "priority", "planned_completion"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campus"].required = False
        self.fields["campus"].empty_label = _("The caller's home campus")
        self.fields["campus"].help_text = _("Leave it for the caller's home campus.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        requester = cleaned.get("requester")
        if requester is not None and cleaned.get("campus") is None:
            if requester.home_campus_id is None:
                self.add_error(
                    "campus", _("%(name)s has no home campus: choose one.") % {"name": requester}
                )
            else:
                cleaned["campus"] = requester.home_campus
        return cleaned

    def chosen_caller(self) -> Person | None:
        """The caller picked so far, to offer again when the page comes back."""
        value = self.data.get("requester") if self.is_bound else self.initial.get("requester")
        try:
            return self.fields["requester"].clean(value)
        except forms.ValidationError:
            return None

    def submission(self, person: Person) -> dict[str, Any]:
        """The caller is the requester; the person at the phone is the actor."""
        data = dict(self.cleaned_data)
        data.pop("caller_query")
        data["category"] = data["priority"].category
        return data


class CallerSearchForm(forms.Form):
    caller_query = forms.CharField(min_length=2, max_length=100, strip=True)

    def matches(self) -> list[Person] | None:
        """Active people whose name, email, username or employee ID holds every word typed;
        None until enough has been typed to search."""
        if not self.is_valid():
            return None
        people = Person.objects.filter(is_active=True)
        for word in self.cleaned_data["caller_query"].split()[:4]:
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(username__iexact=word)
                | Q(employee_id__iexact=word)
            )
        return list(people.order_by("last_name", "first_name", "pk")[:CALLER_MATCHES])


# --- Working a request -------------------------------------------------------------


class ActionForm(ShowsDomainErrors, forms.Form):
    """One step on one request. The page sends the status it showed; a step taken from a
    page that is out of date is refused before it reaches the service, so two people
    working the same request never act on what they did not see."""

    def __init__(self, *args: Any, service_request: ServiceRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service_request = service_request

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.data.get("status") != self.service_request.status:
            raise forms.ValidationError(
                _(
                    "This request changed while you were looking at it: it is now “%(status)s”. "
                    "Check the page and try again."
                ),
                code="stale",
                params={"status": self.service_request.get_status_display()},
            )
        return cleaned

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments for the step's service, besides the request and actor."""
        return dict(self.cleaned_data)


class CategoriseForm(ActionForm):
    priority = PriorityField()
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.all(),
        required=False,
        empty_label=_("Route it automatically"),
    )
    planned_completion = PlannedCompletionField()
    ERROR_FIELDS = {"category": "priority"}

    def arguments(self) -> dict[str, Any]:
        priority = self.cleaned_data["priority"]
        return {
            "category": priority.category,
            "priority": priority,
            "team": self.cleaned_data["team"],
            "planned_completion": self.cleaned_data["planned_completion"],
        }


class RecategoriseForm(ActionForm):
    priority = PriorityField(label=_("New category and priority"))
    reason = forms.CharField(
        label=_("Why it changes"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
    planned_completion = PlannedCompletionField()
    ERROR_FIELDS = {"category": "priority"}

    def arguments(self) -> dict[str, Any]:
        priority = self.cleaned_data["priority"]
        return {
            "category": priority.category,
            "priority": priority,
            "reason": self.cleaned_data["reason"],
            "planned_completion": self.cleaned_data["planned_completion"],
        }


class PlanForm(ActionForm):
    planned_completion = PlannedCompletionField(
        label=_("New planned completion"), required=True, help_text=""
    )
    reason = forms.CharField(
        label=_("Why the date moves"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )


class WorkAheadForm(ActionForm):
    reason = forms.CharField(
        label=_("Why it goes ahead of overdue requests"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
    )


class StepForm(ActionForm):
    """A step that takes nothing but the press of a button: acknowledge, resume, close."""


class AssigneeField(forms.ModelChoiceField):
    """Technology Services staff, grouped by team."""

    iterator = GroupedChoices

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("Nobody yet"))
        super().__init__(
            queryset=Person.objects.filter(is_active=True, team_memberships__isnull=False)
            .distinct()
            .order_by("last_name", "first_name"),
            **kwargs,
        )

    def grouped_rows(self):
        memberships = (
            TeamMembership.objects.filter(person__is_active=True)
            .select_related("team", "person")
            .order_by("team__name", "person__last_name", "person__first_name")
        )
        return ((membership.team.name, membership.person) for membership in memberships)


class AssignForm(ActionForm):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all())
    assignee = AssigneeField(label=_("Technician"), required=False)


class BulkAssignForm(ShowsDomainErrors, forms.Form):
    """Assign the requests ticked in a queue; only open requests the person sees count."""

    requests = forms.ModelMultipleChoiceField(
        queryset=ServiceRequest.objects.none(),
        error_messages={
            "required": _("Tick the requests to assign first."),
            "invalid_choice": _("A ticked request is no longer open to you; reload the queue."),
        },
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all())
    assignee = AssigneeField(label=_("Technician"), required=False)

    def __init__(self, *args: Any, open_requests: QuerySet[ServiceRequest], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["requests"].queryset = open_requests


class WaitForm(ActionForm):
    waiting_on = forms.ChoiceField(
        label=_("Waiting on"),
        choices=[
            (ServiceRequest.WaitingOn.VENDOR, _("A vendor (Vendor Dependent)")),
            (
                ServiceRequest.WaitingOn.DISTRICT,
                _("The district or the requester (District Dependencies)"),
            ),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("What it is waiting for"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
    )


class ResolveForm(ActionForm):
    resolution = forms.CharField(
        label=_("Resolution"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, in words the requester understands."),
    )


class ReopenForm(ActionForm):
    reason = forms.CharField(
        label=_("What is still wrong"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )


class NoteForm(ActionForm):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    visibility = forms.ChoiceField(
        label=_("Who sees it"), choices=Note.Visibility.choices, widget=forms.RadioSelect
    )
    files = AttachmentsField()

    def __init__(self, *args: Any, staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["visibility"].initial = Note.Visibility.WORK_NOTE
        else:
            # A requester only replies; the service refuses anything else.
            self.fields["visibility"].widget = forms.HiddenInput()
            self.fields["visibility"].initial = Note.Visibility.REPLY

    def clean(self) -> dict[str, Any]:
        # A note never changes the request's status, so it is welcome whatever the status.
        return forms.Form.clean(self)


# --- Lists ---------------------------------------------------------------------------


class RequestFilter(django_filters.FilterSet):
    """The search box and filters of a queue, all in the URL."""

    q = django_filters.CharFilter(label=_("Number or words"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(s, label) for s, label in Status.choices if s in ServiceRequest.OPEN_STATUSES],
        empty_label=_("Any open status"),
    )
    campus = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        label=_("Campus"),
        queryset=Campus.objects.filter(is_active=True).only("pk", "name", "code"),
        empty_label=_("Any campus"),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=Category.objects.filter(is_active=True),
        empty_label=_("Any category"),
    )

    class Meta:
        model = ServiceRequest
        fields = ["q", "status", "campus", "category"]

    def search(self, requests: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.search(requests, value)
