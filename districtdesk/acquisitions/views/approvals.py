"""The supervisor's approvals inbox, built for a phone: one card per request waiting on
them (or on someone who delegated to them), each approved or denied where it stands."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from districtdesk.acquisitions import forms, policies, selectors
from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.acquisitions.views.common import paged, require, today
from districtdesk.core.models import Person


def may_use_inbox(person: Person) -> bool:
    """Supervisors, and whoever a supervisor delegated to today."""
    return policies.can_delegate(person) or (
        person.is_active and policies.delegators_of(person, today()).exists()
    )


def card_forms(
    item: TechnologyRequest, bound: tuple[str, forms.TechnologyActionForm] | None = None
) -> dict[str, Any]:
    found = {
        "approve": forms.ApproveForm(technology_request=item, prefix=f"approve-{item.pk}"),
        "deny": forms.DenyForm(technology_request=item, prefix=f"deny-{item.pk}"),
    }
    if bound is not None:
        found[bound[0]] = bound[1]
    return found


def _card(item: TechnologyRequest, now, bound=None, summary: str = "") -> dict[str, Any]:
    card_form = card_forms(item, bound)
    return {
        "item": item,
        "approve_form": card_form["approve"],
        "deny_form": card_form["deny"],
        "failed": bound[0] if bound else None,
        "summary": summary,
        "waiting_too_long": item.approval_overdue_at is not None and item.approval_overdue_at < now,
    }


def render_card(
    request: HttpRequest,
    item: TechnologyRequest,
    *,
    done: str = "",
    bound: tuple[str, forms.TechnologyActionForm] | None = None,
    summary: str = "",
) -> HttpResponse:
    context = {"card": _card(item, timezone.now(), bound, summary), "done": done}
    return render(request, "acquisitions/_approval_card.html", context)


def _inbox_page(
    request: HttpRequest,
    *,
    bound: tuple[int, str, forms.TechnologyActionForm] | None = None,
    summary: str = "",
) -> HttpResponse:
    now = timezone.now()
    context = paged(selectors.approvals_for(request.user, today()), request.GET.get("page"))
    context["cards"] = [
        _card(
            item,
            now,
            (bound[1], bound[2]) if bound and bound[0] == item.pk else None,
            summary if bound and bound[0] == item.pk else "",
        )
        for item in context["page"]
    ]
    context.update(
        {
            "can_delegate": policies.can_delegate(request.user),
            "tab": "approvals",
            "active_nav": "technology",
        }
    )
    return render(request, "acquisitions/approvals.html", context)


@login_required
@require_GET
def technology_approvals(request: HttpRequest) -> HttpResponse:
    require(may_use_inbox(request.user))
    return _inbox_page(request)


def after_refusal(
    request: HttpRequest,
    item: TechnologyRequest,
    step: str,
    form: forms.TechnologyActionForm,
    summary: str,
) -> HttpResponse:
    """A refused approval or denial from the inbox: the card again with the form's errors
    (htmx), or the inbox with that card's form as typed."""
    if request.htmx:
        return render_card(request, item, bound=(step, form), summary=summary)
    return _inbox_page(request, bound=(item.pk, step, form), summary=summary)
