"""CSV export: the import's columns, formulas defused, students masked for masked viewers."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

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


# --- Excel ---------------------------------------------------------------------------------


def workbook_rows(response) -> list[list[str]]:
    """The workbook's cells as the CSV writes them, to compare the two exports."""
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    [sheet] = book.worksheets
    as_text = []
    for row in sheet.iter_rows(values_only=True):
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif hasattr(value, "hour"):
                cells.append(value.strftime("%Y-%m-%dT%H:%M"))
            elif hasattr(value, "day"):
                cells.append(value.isoformat())
            elif isinstance(value, float | int) and not isinstance(value, bool):
                cells.append(f"{value:.2f}")
            else:
                cells.append(str(value))
        as_text.append(cells)
    return as_text


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    # The CSV writes the registration time with its offset; the workbook in wall-clock time.
    registered = rows[0].index("registered_at")
    for row in rows[1:]:
        row[registered] = row[registered][:16]
    return rows


def test_the_excel_export_has_the_csvs_columns_filter_and_cells(client, district, people, now):
    register(
        district,
        bar_tag="NE000001",
        notes='=HYPERLINK("http://evil.example")',
        cost=Decimal("249.99"),
        student_id="S7654321",
    )
    register(district, bar_tag="NE000002", assigned_to=people[Role.REQUESTER])
    register(district, bar_tag="SH000003", campus=district.south, room_number="A100")
    client.force_login(people[Role.TECHNICIAN])
    query = {"campus": district.north.pk}
    xlsx = client.get(reverse("asset_export_xlsx"), query)
    csv_response = client.get(reverse("asset_export"), query)

    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="assets-' in xlsx["Content-Disposition"]
    rows = workbook_rows(xlsx)
    assert rows[0] == list(HEADER)
    assert [row[0] for row in rows[1:]] == ["NE000001", "NE000002"]  # the filter holds
    assert rows == csv_rows(csv_response)
    notes, student = HEADER.index("notes"), HEADER.index("student_id")
    assert rows[1][notes] == '\'=HYPERLINK("http://evil.example")'  # text, not a formula
    assert rows[1][student] == "(student)"  # masked for the technician


def test_the_excel_export_reads_plain_values_in_constant_queries(
    client, district, people, now, django_assert_max_num_queries
):
    client.force_login(people[Role.INVENTORY])
    register(district)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("asset_export_xlsx"))
    for _ in range(25):
        register(district, assigned_to=people[Role.REQUESTER])

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("asset_export_xlsx"))

    assert len(workbook_rows(response)) == 27
