"""What the change-control views share: paging, scope checks and the way a step answers."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from districtdesk.changes import policies, selectors
from districtdesk.changes.models import ChangeRequest, Meeting
from districtdesk.core.models import Person

PAGE_SIZE = 25
# Page numbers stop here: past a few hundred rows, searching beats paging.
MAX_PAGES = 20


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


def query_string(request: HttpRequest) -> str:
    """The list's filters, for the pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def require(allowed: bool) -> None:
    """A page or step the person may not use answers like one that does not exist."""
    if not allowed:
        raise Http404


def require_staff(person: Person) -> None:
    require(person.is_active and person.has_role(*policies.STAFF))


def change_for_page(person: Person, pk: int) -> ChangeRequest:
    """Fetch and authorise in one query: a change outside the person's scope is a 404."""
    changes = selectors.for_lists(policies.changes_visible_to(person)).select_related(
        "review__reviewer", "lead_time_override_by"
    )
    return get_object_or_404(changes, pk=pk)


def meeting_for_page(person: Person, pk: int) -> Meeting:
    return get_object_or_404(
        selectors.meeting_with_agenda(policies.meetings_visible_to(person)), pk=pk
    )
