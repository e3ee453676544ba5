"""QuickSelect writes the markup Django's own Select renders through its templates."""

import re

import pytest
from django import forms

from districtdesk.core.forms import QuickSelect
from districtdesk.core.models import Campus
from tests.cast import build_district

pytestmark = pytest.mark.django_db


def rendered(make_field, value) -> tuple[str, str]:
    """The field rendered by Django's Select and by QuickSelect, bound to `value`."""

    class Plain(forms.Form):
        choice = make_field(forms.Select)

    class Quick(forms.Form):
        choice = make_field(QuickSelect)

    # Django's templates put line breaks and indentation between the tags.
    plain = re.sub(r">\s+<", "><", str(Plain({"choice": value})["choice"]))
    return plain, str(Quick({"choice": value})["choice"])


def test_a_model_select_is_the_same_markup_with_the_choice_selected():
    build_district()
    campus = Campus.objects.order_by("code").last()

    plain, quick = rendered(
        lambda widget: forms.ModelChoiceField(
            queryset=Campus.objects.order_by("code"),
            required=False,
            empty_label="All campuses",
            widget=widget,
        ),
        str(campus.pk),
    )

    assert quick == plain
    assert f'<option value="{campus.pk}" selected>' in quick


def test_groups_and_characters_that_need_escaping_are_the_same_markup():
    choices = [
        ("", "—"),
        ("Tools & <things>", [('say "hi"', 'Quote " & <tag>'), ("c", "C")]),
    ]

    plain, quick = rendered(
        lambda widget: forms.ChoiceField(choices=choices, required=False, widget=widget), "c"
    )

    assert quick == plain
    assert "&lt;tag&gt;" in quick and '<optgroup label="Tools &amp; &lt;things&gt;">' in quick
