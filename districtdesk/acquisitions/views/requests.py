"""The requester's form with its live check against the standards, my technology requests,
and one request's page with the steps the viewer may take now, each a small POST-only view
calling one service."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from districtdesk.acquisitions import forms, policies, selectors, workflow
from districtdesk.acquisitions.forms.requesting import standards_check
from districtdesk.acquisitions.models import ReceivedItem, TechnologyRequest
from districtdesk.acquisitions.services import (
    approval,
    deployment,
    purchasing,
    requesting,
    review,
)
from districtdesk.acquisitions.views import approvals
from districtdesk.acquisitions.views.common import paged, request_for_page, require, today
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory import policies as inventory_policies
from districtdesk.service_requests import policies as request_policies

Status = TechnologyRequest.Status

# --- My requests -------------------------------------------------------------------------


@login_required
@require_GET
def technology_list(request: HttpRequest) -> HttpResponse:
    """My technology requests, newest first."""
    return render(
        request,
        "acquisitions/request_list.html",
        {
            **paged(selectors.mine(request.user), request.GET.get("page")),
            "tab": "mine",
            "active_nav": "technology",
        },
    )


# --- Asking ------------------------------------------------------------------------------

CHECK = "check"
REFRESH_ROOMS = "refresh_rooms"


@login_required
@require_http_methods(["GET", "POST"])
def technology_new(request: HttpRequest) -> HttpResponse:
    require(policies.can_submit(request.user))
    if request.method == "GET":
        form = forms.TechnologyRequestForm.for_person(request.user)
    elif CHECK in request.POST or REFRESH_ROOMS in request.POST:
        # Asked for the standards check or a campus's rooms without JavaScript: the form
        # again as typed, not yet judged.
        form = forms.TechnologyRequestForm(initial=request.POST.dict())
    else:
        form = forms.TechnologyRequestForm(request.POST)
        if form.is_valid():
            try:
                created = requesting.submit_technology_request(
                    actor=request.user, **form.submission()
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request,
                    _("%(number)s submitted. The technology team reviews it next.")
                    % {"number": created.number},
                )
                return redirect("technology_detail", pk=created.pk)
    checked = form if request.method == "GET" else forms.TechnologyRequestForm(request.POST)
    return render(
        request,
        "acquisitions/request_form.html",
        {
            "form": form,
            **standards_check(checked.typed()),
            "active_nav": "technology",
        },
    )


@login_required
@require_POST
def technology_check(request: HttpRequest) -> HttpResponse:
    """Whether what the form asks for is on the standards, with the standard items of its
    type when it is not (htmx, as the requester chooses)."""
    require(policies.can_submit(request.user))
    form = forms.TechnologyRequestForm(request.POST)
    return render(request, "acquisitions/_standards_check.html", standards_check(form.typed()))


# --- One request -------------------------------------------------------------------------


@dataclass(frozen=True)
class Powers:
    """What the viewer may do to this request, asked of the policy once per page."""

    work: bool
    approve: bool
    fund: bool
    deploy: bool
    withdraw: bool

    @classmethod
    def of(cls, person: Person, request: TechnologyRequest, day: date) -> "Powers":
        return cls(
            work=policies.can_work(person, request),
            approve=policies.can_approve(person, request, day),
            fund=policies.can_fund(person),
            deploy=policies.can_deploy(person, request),
            withdraw=policies.can_withdraw(person, request),
        )


@dataclass(frozen=True)
class Action:
    form: type[forms.TechnologyActionForm]
    service: Callable[..., Any]
    allowed: Callable[[Powers], bool]
    step: str  # the state machine's name for it
    label: Any  # what the page offers
    submit: Any  # the button that does it
    done: Any  # the message once done, with %(number)s


ACTIONS: dict[str, Action] = {
    "forward": Action(
        forms.NotesForm,
        review.forward_for_approval,
        lambda p: p.work,
        "forward",
        gettext_lazy("Forward for approval"),
        gettext_lazy("Forward to the supervisor"),
        gettext_lazy("%(number)s forwarded to the requester's supervisor."),
    ),
    "deny_in_review": Action(
        forms.DenyForm,
        review.deny_in_review,
        lambda p: p.work,
        "deny_in_review",
        gettext_lazy("Deny in review"),
        gettext_lazy("Deny the request"),
        gettext_lazy("%(number)s denied; the requester is told why."),
    ),
    "approve": Action(
        forms.ApproveForm,
        approval.approve,
        lambda p: p.approve,
        "approve",
        gettext_lazy("Approve"),
        gettext_lazy("Approve"),
        gettext_lazy("%(number)s approved."),
    ),
    "deny": Action(
        forms.DenyForm,
        approval.deny,
        lambda p: p.approve,
        "deny_approval",
        gettext_lazy("Deny"),
        gettext_lazy("Deny"),
        gettext_lazy("%(number)s denied; the requester is told why."),
    ),
    "add_quote": Action(
        forms.QuoteForm,
        purchasing.add_quote,
        lambda p: p.work,
        "add_quote",
        gettext_lazy("Add a vendor quote"),
        gettext_lazy("Save the quote"),
        gettext_lazy("The quote is added to %(number)s."),
    ),
    "request_funding": Action(
        forms.StepForm,
        purchasing.request_funding,
        lambda p: p.work,
        "request_funding",
        gettext_lazy("Send for funding"),
        gettext_lazy("Send to the Business Office"),
        gettext_lazy("%(number)s sent to the Business Office for funding."),
    ),
    "send_back": Action(
        forms.ReasonForm,
        purchasing.send_back,
        lambda p: p.fund,
        "send_back",
        gettext_lazy("Send back for another quote"),
        gettext_lazy("Send back"),
        gettext_lazy("%(number)s sent back to the technology team."),
    ),
    "fund": Action(
        forms.FundForm,
        purchasing.fund,
        lambda p: p.fund,
        "fund",
        gettext_lazy("Fund and order"),
        gettext_lazy("Fund it"),
        gettext_lazy("%(number)s funded and ordered."),
    ),
    "assign_deployer": Action(
        forms.AssignDeployerForm,
        deployment.assign_deployer,
        lambda p: p.work,
        "assign_deployer",
        gettext_lazy("Assign a technician to deploy"),
        gettext_lazy("Assign"),
        gettext_lazy("A technician is assigned to deploy %(number)s."),
    ),
    "deploy": Action(
        forms.DeployForm,
        deployment.deploy,
        lambda p: p.deploy,
        "deploy",
        gettext_lazy("Record the deployment"),
        gettext_lazy("Deployed: close the request"),
        gettext_lazy("%(number)s deployed and closed."),
    ),
    "withdraw": Action(
        forms.ReasonForm,
        requesting.withdraw,
        lambda p: p.withdraw,
        "withdraw",
        gettext_lazy("Withdraw the request"),
        gettext_lazy("Withdraw"),
        gettext_lazy("%(number)s withdrawn."),
    ),
}
# Steps the supervisor's inbox also takes, each card with its own forms.
INBOX_STEPS = ("approve", "deny")


def action_form(
    step: str, request: TechnologyRequest, data=None, *, prefix: str | None = None, **kwargs
):
    return ACTIONS[step].form(data, technology_request=request, prefix=prefix or step, **kwargs)


def progress(request: TechnologyRequest) -> list[dict[str, Any]]:
    """The steps of the way, each done, current, upcoming or where the request stopped."""
    if request.status in workflow.PATH:
        reached = workflow.PATH.index(request.status)
    elif request.status == Status.DENIED:
        reached = 0 if request.denied_at_step == TechnologyRequest.DeniedAt.REVIEW else 1
    elif request.funded_at:
        reached = workflow.PATH.index(Status.ORDERED)
    elif request.decided_at:
        reached = workflow.PATH.index(Status.QUOTING)
    elif request.forwarded_at:
        reached = workflow.PATH.index(Status.AWAITING_APPROVAL)
    else:
        reached = 0
    stopped = request.status in (Status.DENIED, Status.WITHDRAWN)
    steps = []
    for index, status in enumerate(workflow.PATH):
        if index < reached or (index == reached and request.status == Status.DEPLOYED):
            state = "done"
        elif index == reached:
            state = "stopped" if stopped else "current"
        else:
            state = "skipped" if stopped else "upcoming"
        steps.append({"label": Status(status).label, "state": state})
    return steps


def holder(request: TechnologyRequest) -> str:
    """Who holds the request now, in words."""
    if request.status == Status.AWAITING_APPROVAL and request.approver:
        return _("%(person)s, the requester's supervisor") % {"person": request.approver}
    if request.status == Status.DEPLOYING and request.deployer:
        return _("%(person)s, deploying it") % {"person": request.deployer}
    if request.status == Status.ORDERED and request.chosen_quote:
        return _("The vendor, %(vendor)s") % {"vendor": request.chosen_quote.vendor}
    if request.status in workflow.HOLDER:
        return str(workflow.HOLDER[request.status]).capitalize()
    return _("Nobody: it is finished.")


def _receiving(request: TechnologyRequest) -> list[dict[str, Any]]:
    if request.chosen_quote_id is None:
        return []
    lines = list(selectors.lines_with_progress(request))
    assets: dict[int, list] = {}
    items = (
        ReceivedItem.objects.filter(line__quote_id=request.chosen_quote_id, asset__isnull=False)
        .select_related("asset")
        .order_by("pk")
    )
    for item in items:
        assets.setdefault(item.line_id, []).append(item.asset)
    return [{"line": line, "assets": assets.get(line.pk, [])} for line in lines]


def page_context(
    request: HttpRequest,
    technology_request: TechnologyRequest,
    *,
    bound: tuple[str, forms.TechnologyActionForm] | None = None,
    announcement: str = "",
    failed: bool = False,
) -> dict[str, Any]:
    person = request.user
    now = timezone.now()
    powers = Powers.of(person, technology_request, timezone.localdate(now))
    quotes = list(
        technology_request.quotes.prefetch_related("lines__asset_model__manufacturer").order_by(
            "pk"
        )
    )
    offered = {
        step: action_form(step, technology_request)
        for step, action in ACTIONS.items()
        if action.allowed(powers)
        and workflow.can(technology_request, action.step)
        # Sending for funding waits for a quote.
        and (step != "request_funding" or quotes)
    }
    if bound is not None:
        offered[bound[0]] = bound[1]
    return {
        "item": technology_request,
        "service_request": technology_request.service_request,
        "steps": progress(technology_request),
        "holder": holder(technology_request),
        "waiting_too_long": technology_request.status == Status.AWAITING_APPROVAL
        and technology_request.approval_overdue_at is not None
        and technology_request.approval_overdue_at < now,
        **standards_check(
            {
                "kind": technology_request.kind,
                "standard_item": technology_request.standard_item,
                "asset_type": technology_request.asset_type,
            }
        ),
        "off_standard": technology_request.is_off_standard,
        "alternatives": list(technology_request.alternatives.all()),
        "quotes": quotes,
        "receiving": _receiving(technology_request),
        "can_receive": policies.can_receive(person) and technology_request.status == Status.ORDERED,
        "sees_request": request_policies.can_view(person, technology_request.service_request),
        "sees_assets": inventory_policies.uses_inventory(person),
        "actions": [
            (step, ACTIONS[step].label, ACTIONS[step].submit, form)
            for step, form in offered.items()
        ],
        "failed": bound[0] if bound and failed else None,
        "opened": bound[0] if bound else None,
        "announcement": announcement,
        "now": now,
        "active_nav": "technology",
    }


def render_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    if request.htmx:
        return render(request, "acquisitions/_panels.html", context)
    return render(request, "acquisitions/request_detail.html", context)


@login_required
@require_GET
def technology_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_page(request, page_context(request, request_for_page(request.user, pk)))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step on one request, by one service. A step the viewer may never take is a 404,
    as is a request they may not see; one the request's status refuses is a form error."""
    technology_request = request_for_page(request.user, pk)
    action = ACTIONS[step]
    require(action.allowed(Powers.of(request.user, technology_request, today())))
    inbox = step in INBOX_STEPS and request.POST.get("from") == "inbox"
    prefix = f"{step}-{pk}" if inbox else step
    if step == "add_quote" and "add_line" in request.POST:
        form = action_form(step, technology_request, request.POST, more_lines=True)
        return render_page(request, page_context(request, technology_request, bound=(step, form)))
    form = action_form(step, technology_request, request.POST, prefix=prefix)
    if form.is_valid():
        try:
            action.service(technology_request, actor=request.user, **form.arguments())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            done = action.done % {"number": technology_request.number}
            if inbox:
                return _after_inbox_step(request, technology_request, done)
            return _after_step(request, pk, done)
    summary = _("Not saved. %(errors)s") % {"errors": form.error_summary()}
    if inbox:
        return approvals.after_refusal(request, technology_request, step, form, summary)
    context = page_context(request, technology_request, bound=(step, form), failed=True)
    context["announcement"] = summary
    return render_page(request, context)


def _after_step(request: HttpRequest, pk: int, done: str) -> HttpResponse:
    """The request's panels again, as they are now (htmx), or back to its page (PRG)."""
    fresh = selectors.visible(request.user, today()).filter(pk=pk).first()
    if fresh is None:
        messages.success(request, done)
        target = reverse("technology_list")
        return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    if request.htmx:
        fresh = request_for_page(request.user, pk)
        return render_page(request, page_context(request, fresh, announcement=done))
    messages.success(request, done)
    return redirect("technology_detail", pk=pk)


def _after_inbox_step(
    request: HttpRequest, technology_request: TechnologyRequest, done: str
) -> HttpResponse:
    if request.htmx:
        return approvals.render_card(request, technology_request, done=done)
    messages.success(request, done)
    return redirect("technology_approvals")
