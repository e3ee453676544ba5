"""CSV export: the import's columns, formulas defused, students masked for masked viewers."""

import csv
import io

import pytest

from districtdesk.core.models import Role
from districtdesk.core.spreadsheets import safe_text
from districtdesk.inventory import selectors
from districtdesk.inventory.exports import HEADER, csv_lines
from districtdesk.inventory.services.importing import dry_run
from tests.inventory.factories import register

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_is_prefixed(start):
    assert safe_text(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_plain_cells_are_left_alone():
    assert [safe_text("NE0001"), safe_text(None), safe_text(12)] == ["NE0001", "", "12"]


def export(person, **filters) -> list[dict[str, str]]:
    text = "".join(
        csv_lines(
            selectors.assets_for(person).filter(**filters),
            show_students=person.has_role(Role.INVENTORY),
        )
    )
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_export_defuses_formulas_in_notes(district, now, people):
    register(district, bar_tag="NE000001", notes='=HYPERLINK("http://evil.example")')

    [row] = export(people[Role.INVENTORY])

    assert row["notes"] == '\'=HYPERLINK("http://evil.example")'
    assert list(row) == list(HEADER)


def test_the_export_masks_students_for_masked_viewers(district, now, people):
    register(district, bar_tag="NE000001", student_id="S7654321")

    assert export(people[Role.INVENTORY])[0]["student_id"] == "S7654321"
    assert export(people[Role.TECHNICIAN])[0]["student_id"] == "(student)"


def test_an_export_reimports_as_its_own_columns(district, now, people):
    register(district, bar_tag="NE000001", notes="Cart 4")
    text = "".join(csv_lines(selectors.assets_for(people[Role.INVENTORY]), show_students=True))

    check = dry_run(
        text.replace("NE000001", "NE000002").replace(",SNNE", ",XX"), profile="districtdesk"
    )

    assert check.is_clean, check.problems
