"""The requests a figure counts: the viewer's scope, narrowed by the URL's filters."""

from django.db.models import QuerySet

from districtdesk.core.models import Person
from districtdesk.reports.filters import Filters
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.policies import requests_visible_to, visible_q


def requests_in_view(viewer: Person, filters: Filters) -> QuerySet[ServiceRequest]:
    return filters.apply(requests_visible_to(viewer))


def related_in_view(rows: QuerySet, viewer: Person, filters: Filters) -> QuerySet:
    """Rows about requests (targets, waits) whose request the figure counts.

    A viewer who sees every request needs no membership test: at a million requests that
    subquery is a second full join, so only a narrower scope pays for it.
    """
    if visible_q(viewer) is not None:
        rows = rows.filter(request__in=requests_visible_to(viewer).values("pk"))
    return filters.apply(rows, through="request")
