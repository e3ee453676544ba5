"""The requests a figure counts: the viewer's scope, narrowed by the URL's filters."""

from django.db.models import QuerySet

from districtdesk.core.models import Person
from districtdesk.reports.filters import Filters
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.policies import requests_visible_to


def requests_in_view(viewer: Person, filters: Filters) -> QuerySet[ServiceRequest]:
    return filters.apply(requests_visible_to(viewer))
