"""A supervisor's delegations of their approvals while away: the list, a new one, and
revoking one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from districtdesk.acquisitions import forms, policies
from districtdesk.acquisitions.models import ApprovalDelegation
from districtdesk.acquisitions.services import approval
from districtdesk.acquisitions.views.common import require, today
from districtdesk.core.errors import DomainError


@login_required
@require_http_methods(["GET", "POST"])
def technology_delegations(request: HttpRequest) -> HttpResponse:
    require(policies.can_delegate(request.user))
    form = forms.DelegationForm(request.POST or None, initial={"starts_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            delegation = approval.delegate_approvals(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request,
                _("%(person)s approves in your place from %(first)s until %(last)s.")
                % {
                    "person": delegation.delegate,
                    "first": delegation.starts_on.isoformat(),
                    "last": delegation.ends_on.isoformat(),
                },
            )
            return redirect("technology_delegations")
    delegations = (
        ApprovalDelegation.objects.filter(supervisor=request.user)
        .select_related("delegate")
        .order_by("-starts_on", "-pk")[:50]
    )
    return render(
        request,
        "acquisitions/delegations.html",
        {
            "form": form,
            "delegations": delegations,
            "today": today(),
            "tab": "delegations",
            "active_nav": "technology",
        },
    )


@login_required
@require_POST
def technology_delegation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the supervisor who made it revokes a delegation; anyone else gets a 404."""
    delegation = get_object_or_404(
        ApprovalDelegation.objects.select_related("delegate"), pk=pk, supervisor=request.user
    )
    try:
        approval.revoke_delegation(delegation, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(person)s no longer approves for you.") % {"person": delegation.delegate}
        )
    return redirect("technology_delegations")
