"""The filters of the asset list: one FilterSet for the API, the HTML list and its CSV
export (STYLE rule 19). Bad values are form errors, so each answers them its own way."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from districtdesk.core.api.filters import BIGGEST_ID, IdFilter
from districtdesk.core.models import Campus
from districtdesk.inventory import selectors
from districtdesk.inventory.models import Asset, AssetMove, AssetType


def id_filter(field_name: str, description: str, label: str) -> IdFilter:
    schema = {"type": "integer", "minimum": 1, "maximum": BIGGEST_ID, "description": description}
    return extend_schema_field(schema)(IdFilter(field_name=field_name, label=label))


class AssetFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_search",
        max_length=60,
        label=_("Tag or serial number"),
        help_text=_("A bar tag or serial number, or the start of one."),
    )
    campus = filters.ModelChoiceFilter(
        queryset=Campus.objects.all(), label=_("Campus"), help_text=_("The campus's id.")
    )
    room = id_filter("room_id", "The id of the asset's room.", _("Room"))
    status = filters.MultipleChoiceFilter(
        choices=Asset.Status.choices, label=_("Status"), distinct=False
    )
    type = filters.ModelChoiceFilter(
        field_name="asset_model__asset_type",
        queryset=AssetType.objects.all(),
        label=_("Type"),
        help_text=_("The asset type's id."),
    )
    model = id_filter("asset_model_id", "The id of the asset's model.", _("Model"))

    class Meta:
        model = Asset
        fields = ["q", "campus", "room", "status", "type", "model"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.search(queryset, value)


class AssetMoveFilter(filters.FilterSet):
    asset = id_filter("asset_id", "The id of the asset that moved.", _("Asset"))
    kind = filters.ChoiceFilter(choices=AssetMove.Kind.choices)

    class Meta:
        model = AssetMove
        fields = ["asset", "kind"]
