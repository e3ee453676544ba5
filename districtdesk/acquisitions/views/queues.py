"""The work lists: the technology team's review queue, the Business Office's funding queue,
the orders awaiting delivery, and the standards catalogue everyone may read."""

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from districtdesk.acquisitions import policies, selectors
from districtdesk.acquisitions.forms.requesting import active_standards, price_range
from districtdesk.acquisitions.views.common import paged, require, today


def is_technology_team(person) -> bool:
    return person.is_active and person.has_role(*policies.TECHNOLOGY)


@login_required
@require_GET
def technology_review(request: HttpRequest) -> HttpResponse:
    """What waits on the technology team: review, quotes and deployment, oldest first."""
    require(is_technology_team(request.user))
    return render(
        request,
        "acquisitions/review_queue.html",
        {
            **paged(selectors.review_queue(request.user, today()), request.GET.get("page")),
            "now": timezone.now(),
            "tab": "review",
            "active_nav": "technology",
        },
    )


@login_required
@require_GET
def technology_funding(request: HttpRequest) -> HttpResponse:
    """The Business Office's queue, each request with its quotes, and the money ordered so
    far by budget code and funding source."""
    require(policies.can_fund(request.user))
    day = today()
    context = paged(selectors.funding_queue(request.user, day), request.GET.get("page"))
    for item in context["page"]:
        totals = [quote.total for quote in item.quotes.all()]
        item.lowest = min(totals) if totals else None
    context.update(
        {
            "waiting": selectors.funding_waiting(request.user, day),
            "spend": selectors.spend_by_fund(request.user, day),
            "now": timezone.now(),
            "tab": "funding",
            "active_nav": "technology",
        }
    )
    return render(request, "acquisitions/funding_queue.html", context)


@login_required
@require_GET
def technology_receiving(request: HttpRequest) -> HttpResponse:
    """Orders awaiting delivery, for the inventory team to receive."""
    require(policies.can_receive(request.user))
    return render(
        request,
        "acquisitions/receiving_list.html",
        {
            **paged(selectors.receiving_list(request.user, today()), request.GET.get("page")),
            "tab": "receiving",
            "active_nav": "technology",
        },
    )


@login_required
@require_GET
def technology_standards(request: HttpRequest) -> HttpResponse:
    """The district's technology standards, by type; administrators keep them in the admin
    site."""
    items = active_standards().select_related("asset_model__manufacturer")
    items = items.order_by("asset_type__name", "name")
    groups = [
        (asset_type, [(item, price_range(item)) for item in rows])
        for asset_type, rows in groupby(items, key=lambda item: item.asset_type)
    ]
    return render(
        request,
        "acquisitions/standards.html",
        {"groups": groups, "tab": "standards", "active_nav": "technology"},
    )
