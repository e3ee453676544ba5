"""API filters every app shares (core is the floor every app may import)."""

from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

BIGGEST_ID = 2**63 - 1


class IdFilterField(forms.IntegerField):
    def __init__(self, **kwargs) -> None:
        super().__init__(min_value=1, max_value=BIGGEST_ID, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": BIGGEST_ID})
class IdFilter(filters.NumberFilter):
    """A row id: an unknown one matches nothing (rather than failing like a model choice),
    and one outside the database's integer range is a 400, never a database error."""

    field_class = IdFilterField
