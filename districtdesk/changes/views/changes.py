"""The change list, the change form (new and revise) with its live check of the rules,
and one change's page with the steps the viewer may take now."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from districtdesk.changes import forms, policies, rules, selectors, workflow
from districtdesk.changes.models import AgendaItem, ChangeControlSettings, ChangeRequest, Meeting
from districtdesk.changes.services import decisions, implementation, submission
from districtdesk.changes.views.common import (
    change_for_page,
    paged,
    query_string,
    require,
)
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person

Status = ChangeRequest.Status
Type = ChangeRequest.Type

# --- The list --------------------------------------------------------------------------


@login_required
@require_GET
def change_list(request: HttpRequest) -> HttpResponse:
    filters = forms.ChangeFilter(request.GET, queryset=selectors.changes_for(request.user))
    changes = filters.qs if filters.is_valid() else ChangeRequest.objects.none()
    context = {
        "filters": filters,
        **paged(changes.order_by("-planned_start", "-pk"), request.GET.get("page")),
        "query_string": query_string(request),
        "can_submit": policies.can_submit(request.user),
        "active_nav": "changes",
    }
    if request.htmx:
        return render(request, "changes/_change_results.html", context)
    return render(request, "changes/change_list.html", context)


# --- Writing a change ------------------------------------------------------------------

SUBMIT = "submit_now"
CHECK = "check"


def _flags_context(form: forms.ChangeForm, *, editing: int | None) -> dict[str, Any]:
    """The rules' flags for what the form holds so far, as if it were submitted now."""
    now = timezone.now()
    policy = selectors.policy()
    meeting_at = rules.next_meeting_at(now, policy) if policy.uses_meeting else None
    context: dict[str, Any] = {
        "checked": False,
        "meeting_at": meeting_at,
        "boundary": rules.emergency_boundary(meeting_at, policy) if meeting_at else None,
        "lead_time_days": policy.lead_time_days,
    }
    typed = form.rule_inputs()
    if typed is None:
        return context
    try:
        flags = selectors.preview_flags(
            change_type=typed["change_type"],
            planned_start=typed["planned_start"],
            planned_end=typed["planned_end"],
            affects_connectivity=typed["affects_connectivity"],
            system_ids={system.pk for system in typed["systems"]},
            campus_ids={campus.pk for campus in typed["campuses"]},
            now=now,
            exclude_pk=editing,
        )
    except selectors.PreviewRefused as refused:
        return {**context, "refused": str(refused)}
    return {**context, "checked": True, "flags": flags}


def _editable(person: Person, pk: int) -> ChangeRequest:
    change = change_for_page(person, pk)
    require(policies.can_edit(person, change))
    return change


@login_required
@require_http_methods(["GET", "POST"])
def change_new(request: HttpRequest) -> HttpResponse:
    require(policies.can_submit(request.user))
    return _change_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def change_edit(request: HttpRequest, pk: int) -> HttpResponse:
    change = _editable(request.user, pk)
    require(workflow.can(change, "revise", selectors.current_settings().approval_model))
    return _change_form(request, change)


def _change_form(request: HttpRequest, change: ChangeRequest | None) -> HttpResponse:
    if request.method == "GET":
        form = forms.ChangeForm.for_change(change) if change else forms.ChangeForm()
        flags = _flags_context(form, editing=change.pk) if change else {}
    else:
        form = (
            forms.ChangeForm.for_change(change, request.POST)
            if change
            else forms.ChangeForm(request.POST)
        )
        flags = _flags_context(form, editing=change.pk if change else None)
        if CHECK not in request.POST and form.is_valid():
            saved = _save(request, form, change, submit=SUBMIT in request.POST)
            if saved is not None:
                return redirect("change_detail", pk=saved.pk)
    return render(
        request,
        "changes/change_form.html",
        {
            "form": form,
            "change": change,
            "can_submit_now": change is None or change.status == Status.DRAFT,
            "active_nav": "changes",
            **flags,
        },
    )


def _save(
    request: HttpRequest, form: forms.ChangeForm, change: ChangeRequest | None, *, submit: bool
) -> ChangeRequest | None:
    """Draft (or revise) and, if asked, submit: both or neither, so a refused submission
    leaves no half-written draft behind."""
    try:
        with transaction.atomic():
            fields = form.change_fields()
            if change is None:
                change = submission.draft_change(actor=request.user, **fields)
            else:
                change = submission.revise_change(change, actor=request.user, **fields)
            if submit:
                change = submission.submit_change(change, actor=request.user)
    except DomainError as error:
        form.add_domain_error(error)
        return None
    done = _("%(number)s submitted.") if submit else _("%(number)s saved as a draft.")
    messages.success(request, done % {"number": change.number})
    return change


@login_required
@require_POST
def change_check(request: HttpRequest) -> HttpResponse:
    """The form's flags, re-evaluated as its dates, systems and campuses change (htmx)."""
    require(policies.can_submit(request.user))
    editing = request.POST.get("editing")
    editing_pk = int(editing) if editing and editing.isdecimal() and len(editing) < 12 else None
    form = forms.ChangeForm(request.POST)
    return render(request, "changes/_flags.html", _flags_context(form, editing=editing_pk))


# --- One change ------------------------------------------------------------------------


@dataclass(frozen=True)
class Powers:
    """What the viewer may do to this change, asked of the policy once per page."""

    edit: bool
    submit: bool
    coordinate: bool
    decide: bool
    implement: bool

    @classmethod
    def of(cls, person: Person, change: ChangeRequest, model: str) -> "Powers":
        return cls(
            edit=policies.can_edit(person, change),
            submit=policies.can_submit(person),
            coordinate=policies.can_coordinate(person),
            decide=policies.can_decide(person, model),
            implement=policies.can_implement(person, change),
        )


@dataclass(frozen=True)
class Situation:
    """What the steps' conditions read, found once per page."""

    model: str
    flag_codes: frozenset[str]
    decision_open: bool  # on the agenda of an open meeting, undecided


@dataclass(frozen=True)
class Action:
    form: type[forms.ActionForm]
    service: Callable[..., Any]
    allowed: Callable[[Powers], bool]
    label: Any
    submit: Any
    done: Any
    applies: Callable[[ChangeRequest, Situation], bool] = lambda change, situation: True


def _short_notice(change: ChangeRequest, situation: Situation) -> bool:
    return "short_lead_time" in situation.flag_codes and not change.lead_time_overridden


def _decidable(change: ChangeRequest, situation: Situation) -> bool:
    return situation.model == ChangeControlSettings.ApprovalModel.SINGLE_APPROVER or (
        situation.decision_open
    )


def _meeting_model(change: ChangeRequest, situation: Situation) -> bool:
    return situation.model == ChangeControlSettings.ApprovalModel.MEETING


ACTIONS: dict[str, Action] = {
    "submit": Action(
        forms.StepForm,
        submission.submit_change,
        lambda p: p.edit and p.submit,
        gettext_lazy("Submit"),
        gettext_lazy("Submit the change"),
        gettext_lazy("%(number)s submitted."),
    ),
    "override_lead_time": Action(
        forms.OverrideLeadTimeForm,
        submission.override_lead_time,
        lambda p: p.coordinate,
        gettext_lazy("Accept the short notice"),
        gettext_lazy("Override the lead time"),
        gettext_lazy("%(number)s may be approved despite its short notice."),
        applies=_short_notice,
    ),
    "place_on_agenda": Action(
        forms.PlaceOnAgendaForm,
        decisions.place_on_agenda,
        lambda p: p.coordinate,
        gettext_lazy("Place on an agenda"),
        gettext_lazy("Add it to the agenda"),
        gettext_lazy("%(number)s is on the agenda."),
        applies=_meeting_model,
    ),
    "approve": Action(
        forms.NotesForm,
        decisions.approve_change,
        lambda p: p.decide,
        gettext_lazy("Approve"),
        gettext_lazy("Approve the change"),
        gettext_lazy("%(number)s approved."),
        applies=_decidable,
    ),
    "deny": Action(
        forms.DenyForm,
        decisions.deny_change,
        lambda p: p.decide,
        gettext_lazy("Deny"),
        gettext_lazy("Deny the change"),
        gettext_lazy("%(number)s denied."),
        applies=_decidable,
    ),
    "defer": Action(
        forms.NotesForm,
        decisions.defer_change,
        lambda p: p.decide,
        gettext_lazy("Defer"),
        gettext_lazy("Defer to a later meeting"),
        gettext_lazy("%(number)s deferred."),
        applies=_decidable,
    ),
    "schedule": Action(
        forms.StepForm,
        implementation.schedule_change,
        lambda p: p.implement,
        gettext_lazy("Schedule"),
        gettext_lazy("Schedule it and tell the affected campuses"),
        gettext_lazy("%(number)s scheduled; the affected campuses are told."),
    ),
    "start": Action(
        forms.StepForm,
        implementation.start_change,
        lambda p: p.implement,
        gettext_lazy("Start"),
        gettext_lazy("Start implementing"),
        gettext_lazy("%(number)s is in progress."),
    ),
    "complete": Action(
        forms.CompleteForm,
        implementation.complete_change,
        lambda p: p.implement,
        gettext_lazy("Complete"),
        gettext_lazy("Record the outcome"),
        gettext_lazy("%(number)s completed; users, principals and the superintendent are told."),
    ),
    "review": Action(
        forms.ReviewForm,
        implementation.review_change,
        lambda p: p.implement,
        gettext_lazy("Write the change review"),
        gettext_lazy("Save the review"),
        gettext_lazy("The review of %(number)s is recorded."),
    ),
    "close": Action(
        forms.StepForm,
        implementation.close_change,
        lambda p: p.coordinate,
        gettext_lazy("Close"),
        gettext_lazy("Close the change"),
        gettext_lazy("%(number)s closed."),
    ),
}


def holder(change: ChangeRequest, model: str) -> str:
    """Who the change waits on now, in words."""
    single = model == ChangeControlSettings.ApprovalModel.SINGLE_APPROVER
    if change.status == Status.DRAFT:
        return _("Its submitter, %(name)s, to finish and submit it.") % {"name": change.submitter}
    if (
        change.status in (Status.SUBMITTED, Status.DEFERRED)
        and change.change_type == Type.SCHEDULED
    ):
        if single:
            return _("The technology coordinator, to approve or deny it.")
        return _("The change coordinator, to put it on a meeting's agenda.")
    if change.status == Status.ON_AGENDA:
        return _("The Change Control committee, at the meeting.")
    if change.status == Status.APPROVED:
        if change.eligible_at is None:
            return _("The meeting that approved it, to close.")
        return _("The implementers, to schedule it.")
    if change.status in (Status.SUBMITTED, Status.SCHEDULED, Status.IN_PROGRESS):
        return _("The implementers, to carry it out.")
    if change.status == Status.COMPLETED:
        return _("The implementers, to write its change review.")
    if change.status == Status.REVIEWED:
        return _("The change coordinator, to close it.")
    return _("Nobody: it is finished.")


def _page_context(
    request: HttpRequest,
    change: ChangeRequest,
    *,
    bound: tuple[str, forms.ActionForm] | None = None,
    announcement: str = "",
) -> dict[str, Any]:
    now = timezone.now()
    model = selectors.current_settings().approval_model
    flags = selectors.flags_for(change, now=now)
    items = list(
        AgendaItem.objects.filter(change=change)
        .select_related("meeting", "decided_by")
        .order_by("meeting__scheduled_for")
    )
    situation = Situation(
        model=model,
        flag_codes=frozenset(flag.code for flag in flags),
        decision_open=any(
            item.purpose == AgendaItem.Purpose.DECIDE
            and not item.decision
            and item.meeting.status == Meeting.Status.OPEN
            for item in items
        ),
    )
    powers = Powers.of(request.user, change, model)
    offered = {
        step: action.form(change=change, prefix=step)
        for step, action in ACTIONS.items()
        if action.allowed(powers)
        and workflow.can(change, step, model)
        and action.applies(change, situation)
    }
    if bound is not None:
        offered[bound[0]] = bound[1]
    agenda_form = offered.get("place_on_agenda")
    if agenda_form is not None and bound is None and not agenda_form.has_choices():
        del offered["place_on_agenda"]
    return {
        "change": change,
        "flags": flags,
        "holder": holder(change, model),
        "agenda_items": items,
        "review": change.review_or_none,
        "actions": [
            (step, ACTIONS[step].label, ACTIONS[step].submit, form)
            for step, form in offered.items()
        ],
        "can_revise": powers.edit and workflow.can(change, "revise", model),
        "failed": bound[0] if bound else None,
        "announcement": announcement,
        "now": now,
        "active_nav": "changes",
    }


def _render_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    if request.htmx:
        return render(request, "changes/_panels.html", context)
    return render(request, "changes/change_detail.html", context)


@login_required
@require_GET
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_page(request, _page_context(request, change_for_page(request.user, pk)))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step on one change, by one service. A step the viewer may never take is a 404,
    as is a change they may not see; one the change's status refuses is a form error."""
    change = change_for_page(request.user, pk)
    action = ACTIONS[step]
    model = selectors.current_settings().approval_model
    require(action.allowed(Powers.of(request.user, change, model)))
    form = action.form(request.POST, change=change, prefix=step)
    if form.is_valid():
        try:
            action.service(change, actor=request.user, **form.arguments())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            done = action.done % {"number": change.number}
            if request.htmx:
                fresh = change_for_page(request.user, pk)
                return _render_page(request, _page_context(request, fresh, announcement=done))
            messages.success(request, done)
            return redirect("change_detail", pk=pk)
    context = _page_context(request, change, bound=(step, form))
    context["announcement"] = _("Not saved. %(errors)s") % {"errors": form.error_summary()}
    return _render_page(request, context)
