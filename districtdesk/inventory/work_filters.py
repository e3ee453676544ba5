"""The filters of the inventory work list: one FilterSet for the API and the HTML list
(STYLE rule 19). Bad values are form errors, so each answers them its own way."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from districtdesk.core.models import Campus
from districtdesk.inventory.models import InventoryWorkItem


class WorkItemFilter(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=InventoryWorkItem.Kind.choices, label=_("Kind"))
    status = filters.MultipleChoiceFilter(
        choices=InventoryWorkItem.Status.choices, label=_("Status")
    )
    campus = filters.ModelChoiceFilter(
        queryset=Campus.objects.all(),
        method="filter_campus",
        label=_("Campus"),
        help_text=_("The campus's id: work at the campus, or bringing equipment to it."),
    )

    class Meta:
        model = InventoryWorkItem
        fields = ["kind", "status", "campus"]

    def filter_campus(
        self, items: QuerySet[InventoryWorkItem], name: str, campus: Campus
    ) -> QuerySet[InventoryWorkItem]:
        return items.filter(Q(campus=campus) | Q(to_campus=campus))
