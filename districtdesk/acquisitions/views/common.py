"""What the technology-request views share: today's date, paging, and fetching a request
through the viewer's scope."""

from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from districtdesk.acquisitions import selectors
from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.core.models import Person

PAGE_SIZE = 25
# Page numbers stop here: past a few hundred rows, filtering beats paging.
MAX_PAGES = 20
PAGE_RELATED = (
    "service_request__requester",
    "service_request__assignee",
    "reviewed_by",
    "decided_by",
    "funded_by",
    "chosen_quote",
    "deployer",
    "replaces",
    "standard_item__asset_type",
)


def today() -> date:
    return timezone.localdate()


def paged(items, number: str | None) -> dict[str, Any]:
    try:
        wanted = int(number or 1)
    except ValueError:
        wanted = 1
    return {
        "page": Paginator(items, PAGE_SIZE).get_page(min(max(wanted, 1), MAX_PAGES)),
        "max_pages": MAX_PAGES,
        "max_rows": MAX_PAGES * PAGE_SIZE,
    }


def require(allowed: bool) -> None:
    """A page or step the person may not use answers like one that does not exist."""
    if not allowed:
        raise Http404


def request_for_page(person: Person, pk: int) -> TechnologyRequest:
    """Fetch and authorise in one query: a request outside the person's scope is a 404."""
    requests = selectors.visible(person, today()).select_related(*PAGE_RELATED)
    return get_object_or_404(requests, pk=pk)
