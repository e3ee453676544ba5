"""The work queues: one page per queue (uncategorised, my teams, mine, overdue) with search
and filters in the URL, bulk assignment of ticked requests, and the odd-hour review."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from districtdesk.core import selectors as core_selectors
from districtdesk.core.calendars import to_sla_calendar
from districtdesk.core.errors import DomainError
from districtdesk.service_requests import forms, policies, selectors
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import bulk, reviews
from districtdesk.service_requests.views import paged

# A team works its open queue from one page, sorted by due: twice a list page's rows.
QUEUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class Queue:
    name: str
    title: Any
    select: Callable[..., Any]
    empty: Any


QUEUES = {
    queue.name: queue
    for queue in (
        Queue(
            "uncategorised",
            gettext_lazy("Uncategorised"),
            selectors.uncategorised_queue,
            gettext_lazy("Nothing is waiting to be categorised."),
        ),
        Queue(
            "team",
            gettext_lazy("My teams"),
            selectors.team_queue,
            gettext_lazy("Your teams have no open requests."),
        ),
        Queue(
            "mine",
            gettext_lazy("Assigned to me"),
            selectors.my_queue,
            gettext_lazy("Nothing is assigned to you."),
        ),
        Queue(
            "overdue",
            gettext_lazy("Overdue"),
            selectors.overdue_queue,
            gettext_lazy("Nothing is overdue."),
        ),
    )
}


def _review_cadence(now):
    calendar = core_selectors.default_calendar()
    clock = to_sla_calendar(calendar) if calendar is not None else None
    return selectors.review_cadence(clock, now=now)


@login_required
@require_GET
def queue(request: HttpRequest, name: str) -> HttpResponse:
    """One work queue, ordered as its selector orders it; search and filters in the URL."""
    chosen = QUEUES.get(name)
    if chosen is None or not policies.is_staff_viewer(request.user):
        raise Http404
    now = timezone.now()
    filters = forms.RequestFilter(request.GET, queryset=chosen.select(request.user, now=now))
    context = {
        **paged(filters.qs, request.GET.get("page"), per_page=QUEUE_PAGE_SIZE),
        "queue": chosen,
        "queues": QUEUES.values(),
        "filters": filters,
        "can_enter_for_others": policies.can_enter_for_others(request.user),
        "now": now,
        "query_string": _without_page(request),
        "cadence": _review_cadence(now) if name == "uncategorised" else None,
        "can_review": request.user.has_role(*reviews.REVIEWERS),
        "active_nav": "queues",
    }
    if request.user.has_role(*policies.WORKERS):
        context["can_bulk_assign"] = True
        # Its choices (every technician, by team) load when the panel opens (htmx), so
        # the queue does not render them on every visit; ?assign=1 without JavaScript.
        if request.GET.get("assign"):
            context["bulk_form"] = _empty_bulk_form()
    if request.htmx:
        return render(request, "service_requests/_queue_results.html", context)
    return render(request, "service_requests/queue.html", context)


def _empty_bulk_form() -> forms.BulkAssignForm:
    return forms.BulkAssignForm(open_requests=ServiceRequest.objects.none(), prefix="bulk")


@login_required
@require_http_methods(["GET", "POST"])
def queue_assign(request: HttpRequest) -> HttpResponse:
    """GET: the assignment choices for a queue's panel. POST: assign the requests ticked
    in a queue to a team (and technician), all or none."""
    if not request.user.has_role(*policies.WORKERS):
        raise Http404
    if request.method == "GET":
        return render(
            request, "service_requests/_bulk_assign_fields.html", {"bulk_form": _empty_bulk_form()}
        )
    chosen = QUEUES.get(request.POST.get("queue", ""), QUEUES["team"])
    back = reverse("request_queue", kwargs={"name": chosen.name})
    form = forms.BulkAssignForm(
        request.POST, open_requests=selectors.open_requests_for(request.user), prefix="bulk"
    )
    if form.is_valid():
        try:
            assigned = bulk.assign_requests(
                form.cleaned_data["requests"],
                actor=request.user,
                team=form.cleaned_data["team"],
                assignee=form.cleaned_data["assignee"],
            )
        except DomainError as refused:
            form.add_domain_error(refused)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s request assigned to %(to)s.",
                    "%(count)s requests assigned to %(to)s.",
                    len(assigned),
                )
                % {
                    "count": len(assigned),
                    "to": form.cleaned_data["assignee"] or form.cleaned_data["team"],
                },
            )
            return redirect(back)
    messages.error(
        request, _("Nothing was assigned. %(errors)s") % {"errors": form.error_summary()}
    )
    return redirect(back)


@login_required
@require_POST
def queue_review(request: HttpRequest) -> HttpResponse:
    """An analyst marks the uncategorised queue reviewed for this odd hour."""
    if not request.user.has_role(*reviews.REVIEWERS):
        raise Http404
    review = reviews.record_queue_review(actor=request.user)
    messages.success(
        request,
        _("Review recorded at %(when)s: %(count)s requests waiting.")
        % {
            "when": timezone.localtime(review.reviewed_at).strftime("%H:%M"),
            "count": review.waiting_count,
        },
    )
    return redirect("request_queue", name="uncategorised")


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- One request ---------------------------------------------------------------------
