"""The filters of the service-request list: one FilterSet for the API and the HTML list
(STYLE rule 19). Bad values are form errors, so each answers them in its own way."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from districtdesk.core.api.filters import BIGGEST_ID, IdFilter
from districtdesk.service_requests import selectors
from districtdesk.service_requests.models import ServiceRequest

BIGGEST_SMALL_NUMBER = 32767  # PositiveSmallIntegerField's top on every database we support


class CategoryNumberField(forms.IntegerField):
    def __init__(self, **kwargs) -> None:
        super().__init__(min_value=1, max_value=BIGGEST_SMALL_NUMBER, **kwargs)


@extend_schema_field(
    {
        "type": "integer",
        "minimum": 1,
        "maximum": BIGGEST_SMALL_NUMBER,
        "description": "The category's number in the chart, e.g. 1 for Break Fix.",
    }
)
class CategoryNumberFilter(filters.NumberFilter):
    """A category by its chart number (1 Break Fix, 7 Inventory …): a whole number only."""

    field_class = CategoryNumberField


def id_filter(field_name: str, description: str) -> IdFilter:
    """An IdFilter that says in the schema what it filters by (an overridden schema keeps
    only the description given inside it)."""
    schema = {"type": "integer", "minimum": 1, "maximum": BIGGEST_ID, "description": description}
    return extend_schema_field(schema)(IdFilter(field_name=field_name))


class ServiceRequestFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(
        choices=ServiceRequest.Status.choices, method="filter_status"
    )
    channel = filters.ChoiceFilter(choices=ServiceRequest.Channel.choices)
    category = CategoryNumberFilter(field_name="category__number")
    priority = id_filter("priority_id", "The priority's id (see a request's priority.id).")
    team = id_filter("team_id", "The id of the team the request is routed to.")
    assignee = id_filter("assignee_id", "The id of the person the request is assigned to.")
    campus = id_filter("campus_id", "The id of the request's campus.")
    overdue = filters.BooleanFilter(
        method="filter_overdue",
        help_text=_("true: open requests past their due time; false: every other request."),
    )
    mine = filters.BooleanFilter(
        method="filter_mine",
        help_text=_("true: requests the caller asked for; false: everyone else's."),
    )
    q = filters.CharFilter(
        method="filter_search",
        help_text=_("A request number (SR-000123 or 123), words of the summary, or an asset tag."),
    )

    class Meta:
        model = ServiceRequest
        fields = ["status", "channel", "category", "priority", "team", "assignee", "campus"]

    def filter_status(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        # One IN test, not ORed equalities (which miss the open-request partial indexes) and
        # no DISTINCT (a column test repeats no row; DISTINCT would sort every wide row).
        return queryset.filter(status__in=value) if value else queryset

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        overdue = Q(status__in=ServiceRequest.OPEN_STATUSES, due_at__lt=timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_mine(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        mine = Q(requester=self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.search(queryset, value)
