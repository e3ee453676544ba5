"""The filters of the inventory work list: one FilterSet for the API and the HTML list
(STYLE rule 19). Bad values are form errors, so each answers them its own way."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from districtdesk.core.models import Campus
from districtdesk.inventory.models import InventoryWorkItem


class WorkItemFilter(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(
        choices=InventoryWorkItem.Kind.choices, label=_("Kind"), distinct=False
    )
    status = filters.MultipleChoiceFilter(
        choices=InventoryWorkItem.Status.choices, label=_("Status"), distinct=False
    )
    campus = filters.ModelChoiceFilter(
        queryset=Campus.objects.order_by("code"),
        method="filter_campus",
        label=_("Campus"),
        empty_label=_("All campuses"),
        help_text=_("Work at the campus, or bringing equipment to it (by id in the API)."),
    )

    class Meta:
        model = InventoryWorkItem
        fields = ["kind", "status", "campus"]

    def filter_campus(
        self, items: QuerySet[InventoryWorkItem], name: str, campus: Campus
    ) -> QuerySet[InventoryWorkItem]:
        return items.filter(Q(campus=campus) | Q(to_campus=campus))
