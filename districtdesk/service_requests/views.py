"""The service-request pages: the portal, phone entry, my requests and one request's page
with its actions (the queues are in queue_views.py). Each view parses, calls one service
or selector, and renders; with htmx it renders only the fragment that changed."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.service_requests import forms, policies, selectors, workflow
from districtdesk.service_requests.models import Note, ServiceRequest
from districtdesk.service_requests.services import (
    attachments,
    intake,
    scheduled_work,
    working,
)

PAGE_SIZE = 25
# Paging stops here, whatever the page size: past a few hundred rows, searching beats paging.
MAX_ROWS = 500


def paged(items, number: str | None, *, per_page: int = PAGE_SIZE) -> dict[str, Any]:
    """One page of a list, for the page's context; never past the first MAX_ROWS rows."""
    try:
        wanted = int(number or 1)
    except ValueError:
        wanted = 1
    max_pages = MAX_ROWS // per_page
    return {
        "page": Paginator(items, per_page).get_page(min(max(wanted, 1), max_pages)),
        "max_pages": max_pages,
        "max_rows": max_pages * per_page,
    }


# --- Asking for help -----------------------------------------------------------------


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    """My requests: what I submitted or had entered for me, newest first."""
    return render(
        request,
        "service_requests/request_list.html",
        {
            **paged(selectors.my_requests(request.user), request.GET.get("page")),
            "now": timezone.now(),
            "active_nav": "requests",
        },
    )


def _submit(request: HttpRequest, form: forms.RequestForm, channel: str) -> ServiceRequest | None:
    """The new request, or None with the refusal shown beside the field it concerns."""
    if not form.is_valid():
        return None
    try:
        # Attachments: the request and its files are saved together, or neither is.
        with transaction.atomic():
            created = intake.submit_request(
                actor=request.user, channel=channel, **form.submission(request.user)
            )
            if form.cleaned_data.get("files"):
                attachments.attach_files(
                    created,
                    actor=request.user,
                    files=form.cleaned_data["files"],
                    now=created.submitted_at,
                )
        return created
    except DomainError as error:
        form.add_domain_error(error)
        return None


# Buttons that ask for the form again without submitting it, for browsers without
# JavaScript (with htmx, the room select follows the campus and callers appear as typed):
# the rooms of the campus just chosen, and the people matching the caller search.
REFRESH_ROOMS = "refresh_rooms"
FIND_CALLER = "find_caller"


def _again(form_class: type[forms.RequestForm], request: HttpRequest) -> forms.RequestForm:
    """The form as typed so far, unjudged: asking for rooms or callers is not a submission."""
    return form_class(initial=request.POST.dict())


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    """The self-service portal."""
    if request.method == "GET":
        form = forms.RequestForm.prefilled(request.GET, request.user)
    elif REFRESH_ROOMS in request.POST:
        form = _again(forms.RequestForm, request)
    else:
        form = forms.RequestForm(request.POST, request.FILES)
        created = _submit(request, form, ServiceRequest.Channel.PORTAL)
        if created is not None:
            messages.success(
                request,
                _("Request %(number)s submitted. We will categorise it shortly.")
                % {"number": created.number},
            )
            return redirect("request_detail", pk=created.pk)
    return render(
        request,
        "service_requests/request_form.html",
        {"form": form, "phone": False, "active_nav": "requests"},
    )


@login_required
@require_GET
def room_options(request: HttpRequest) -> HttpResponse:
    """The room select for the campus just chosen (htmx swaps it into the form)."""
    form = forms.RequestForm(initial={"campus": request.GET.get("campus")})
    return render(request, "service_requests/_room_field.html", {"field": form["room"]})


def _require_phone_entry(person: Person) -> None:
    if not policies.can_enter_for_others(person):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def request_phone(request: HttpRequest) -> HttpResponse:
    """A Customer Care Center analyst enters a call, categorised on entry."""
    _require_phone_entry(request.user)
    callers: list[Person] | None = None  # None: no search asked for
    if request.method == "GET":
        form = forms.PhoneRequestForm()
    elif FIND_CALLER in request.POST or REFRESH_ROOMS in request.POST:
        form = _again(forms.PhoneRequestForm, request)
        if FIND_CALLER in request.POST:
            callers = forms.CallerSearchForm(request.POST).matches()
    else:
        form = forms.PhoneRequestForm(request.POST)
        created = _submit(request, form, ServiceRequest.Channel.PHONE)
        if created is not None:
            messages.success(
                request,
                _("Request %(number)s entered for %(caller)s.")
                % {"number": created.number, "caller": created.requester},
            )
            if policies.can_view(request.user, created):
                return redirect("request_detail", pk=created.pk)
            return redirect("request_phone")
    return render(
        request,
        "service_requests/request_form.html",
        {
            "form": form,
            "phone": True,
            "callers": callers,
            "searched": FIND_CALLER in request.POST,
            "query": request.POST.get("caller_query", ""),
            "chosen": form.chosen_caller(),
            "active_nav": "queues",
        },
    )


@login_required
@require_GET
def caller_search(request: HttpRequest) -> HttpResponse:
    """People matching what the analyst typed (htmx swaps them into the phone form)."""
    _require_phone_entry(request.user)
    return render(
        request,
        "service_requests/_caller_results.html",
        {
            "callers": forms.CallerSearchForm(request.GET).matches(),
            "searched": True,
            "query": request.GET.get("caller_query", ""),
            "chosen": forms.PhoneRequestForm(initial=request.GET.dict()).chosen_caller(),
            "oob": True,
        },
    )


# --- Queues ----------------------------------------------------------------------------


def _get_request_for(person: Person, pk: int) -> ServiceRequest:
    """Fetch and authorise in one call: a request outside the person's scope is a 404."""
    return get_object_or_404(selectors.request_for_page(person, pk))


@dataclass(frozen=True)
class Powers:
    """What the viewer may do to this request, asked of the policy once per page."""

    work: bool
    categorise: bool
    approve_work_ahead: bool
    is_requester: bool

    @classmethod
    def of(cls, person: Person, service_request: ServiceRequest) -> "Powers":
        # Every page fetched the request through the viewer's scope (_get_request_for), so
        # it is visible: each power is then the role alone, with no query.
        return cls(
            work=policies.can_work(person, service_request, visible=True),
            categorise=policies.can_categorise(person, service_request, visible=True),
            approve_work_ahead=policies.can_approve_working_ahead(
                person, service_request, visible=True
            ),
            is_requester=service_request.requester_id == person.pk,
        )


@dataclass(frozen=True)
class Action:
    form: type[forms.ActionForm]
    service: Callable[..., Any]
    allowed: Callable[[Powers], bool]
    label: Any  # what the page offers
    submit: Any  # the button that does it
    done: Any  # the message once done, with %(number)s
    applies: Callable[[ServiceRequest], bool] = lambda service_request: True


def _scheduled_work(service_request: ServiceRequest) -> bool:
    return service_request.category_id is not None and (
        service_request.category.needs_planned_completion
    )


def _not_yet_worked_ahead(service_request: ServiceRequest) -> bool:
    return (
        _scheduled_work(service_request)
        and service_request.queue_rank != ServiceRequest.QueueRank.WORKED_AHEAD
    )


def _workers(powers: Powers) -> bool:
    return powers.work


def _categorisers(powers: Powers) -> bool:
    return powers.categorise


def _supervisors(powers: Powers) -> bool:
    return powers.approve_work_ahead


def _workers_and_requester(powers: Powers) -> bool:
    # The services let the requester reopen, close and reply; staff may do anything.
    return powers.work or powers.is_requester


ACTIONS: dict[str, Action] = {
    "categorise": Action(
        forms.CategoriseForm,
        working.categorise_request,
        _categorisers,
        gettext_lazy("Categorise"),
        gettext_lazy("Categorise and route"),
        gettext_lazy("%(number)s categorised and routed."),
    ),
    "acknowledge": Action(
        forms.StepForm,
        working.acknowledge_request,
        _workers,
        gettext_lazy("Acknowledge"),
        gettext_lazy("Acknowledge"),
        gettext_lazy("%(number)s acknowledged."),
    ),
    "resume": Action(
        forms.StepForm,
        working.resume_request,
        _workers,
        gettext_lazy("Resume work"),
        gettext_lazy("Resume work"),
        gettext_lazy("%(number)s resumed; its clock runs again."),
    ),
    "resolve": Action(
        forms.ResolveForm,
        working.resolve_request,
        _workers,
        gettext_lazy("Resolve"),
        gettext_lazy("Resolve the request"),
        gettext_lazy("%(number)s resolved."),
    ),
    "wait": Action(
        forms.WaitForm,
        working.wait_on,
        _workers,
        gettext_lazy("Put on hold"),
        gettext_lazy("Stop the clock and wait"),
        gettext_lazy("%(number)s is on hold; its clock is stopped."),
    ),
    "assign": Action(
        forms.AssignForm,
        working.assign_request,
        _workers,
        gettext_lazy("Assign"),
        gettext_lazy("Save the assignment"),
        gettext_lazy("%(number)s assigned."),
    ),
    "recategorise": Action(
        forms.RecategoriseForm,
        working.recategorise_request,
        _categorisers,
        gettext_lazy("Change priority"),
        gettext_lazy("Change the priority"),
        gettext_lazy("%(number)s has a new priority; its due time was recomputed."),
    ),
    "plan": Action(
        forms.PlanForm,
        scheduled_work.plan_completion,
        _workers,
        gettext_lazy("Move the planned date"),
        gettext_lazy("Save the new date"),
        gettext_lazy("%(number)s has a new planned completion date."),
        applies=_scheduled_work,
    ),
    "work_ahead": Action(
        forms.WorkAheadForm,
        scheduled_work.approve_working_ahead,
        _supervisors,
        gettext_lazy("Work ahead of overdue requests"),
        gettext_lazy("Approve working it ahead"),
        gettext_lazy("%(number)s now heads its queues."),
        applies=_not_yet_worked_ahead,
    ),
    "reopen": Action(
        forms.ReopenForm,
        working.reopen_request,
        _workers_and_requester,
        gettext_lazy("Reopen"),
        gettext_lazy("Reopen the request"),
        gettext_lazy("%(number)s reopened."),
    ),
    "close": Action(
        forms.StepForm,
        working.close_request,
        _workers_and_requester,
        gettext_lazy("Close"),
        gettext_lazy("Close the request"),
        gettext_lazy("%(number)s closed."),
    ),
    "note": Action(
        forms.NoteForm,
        attachments.add_note_with_files,
        _workers_and_requester,
        gettext_lazy("Add a note"),
        gettext_lazy("Add note"),
        gettext_lazy("Your message was added to %(number)s."),
    ),
}


def _action_form(step: str, service_request: ServiceRequest, powers: Powers, data=None, files=None):
    kwargs: dict[str, Any] = {"service_request": service_request, "prefix": step}
    if step == "note":
        kwargs["staff"] = powers.work
    return ACTIONS[step].form(data, files, **kwargs)


def _page_context(
    request: HttpRequest,
    service_request: ServiceRequest,
    *,
    powers: Powers | None = None,
    bound: tuple[str, forms.ActionForm] | None = None,
    announcement: str = "",
) -> dict[str, Any]:
    """Everything the request's page shows: details, clocks, notes and the forms of the
    steps this viewer may take now."""
    powers = powers or Powers.of(request.user, service_request)
    offered = {
        step: _action_form(step, service_request, powers)
        for step, action in ACTIONS.items()
        if action.allowed(powers)
        and workflow.can(service_request, step)
        and action.applies(service_request)
    }
    if bound is not None:
        offered[bound[0]] = bound[1]
    note_form = offered.pop("note", None)
    staff = policies.is_staff_viewer(request.user)
    notes = [
        note
        for note in service_request.notes.all()
        if staff or note.visibility == Note.Visibility.REPLY
    ]
    return {
        "service_request": service_request,
        "actions": [
            (step, ACTIONS[step].label, ACTIONS[step].submit, form)
            for step, form in offered.items()
        ],
        "note_form": note_form,
        "staff_writer": powers.work,
        "failed": bound[0] if bound else None,
        "staff": staff,
        "notes": notes,
        "now": timezone.now(),
        "announcement": announcement,
        "active_nav": "queues" if staff else "requests",
    }


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = _get_request_for(request.user, pk)
    context = _page_context(request, service_request)
    if request.htmx:
        return render(request, "service_requests/_panels.html", context)
    return render(request, "service_requests/request_detail.html", context)


@login_required
@require_POST
def act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step on one request, by one service. A step the viewer may not take on this
    request is a 404, as is a request they may not see."""
    service_request = _get_request_for(request.user, pk)
    powers = Powers.of(request.user, service_request)
    action = ACTIONS[step]
    if not action.allowed(powers):
        raise Http404
    form = _action_form(step, service_request, powers, request.POST, request.FILES)
    if form.is_valid():
        try:
            action.service(service_request, actor=request.user, **form.arguments())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return _after_step(request, pk, action.done % {"number": service_request.number})
    context = _page_context(request, service_request, powers=powers, bound=(step, form))
    context["announcement"] = _("Not saved. %(errors)s") % {"errors": form.error_summary()}
    if request.htmx:
        return render(request, "service_requests/_panels.html", context)
    return render(request, "service_requests/request_detail.html", context)


def _after_step(request: HttpRequest, pk: int, done: str) -> HttpResponse:
    """The request's panels again, as they are now (htmx), or back to its page (PRG)."""
    fresh = selectors.request_for_page(request.user, pk).first()
    if fresh is None:
        # The step moved the request out of the viewer's sight (routed to another team).
        messages.success(request, done)
        target = reverse("request_list")
        if policies.is_staff_viewer(request.user):
            target = reverse("request_queue", kwargs={"name": "team"})
        return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    if request.htmx:
        context = _page_context(request, fresh, announcement=done)
        return render(request, "service_requests/_panels.html", context)
    messages.success(request, done)
    return redirect("request_detail", pk=pk)
