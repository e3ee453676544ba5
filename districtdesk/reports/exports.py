"""A table's numbers as CSV or XLSX: the header and rows the page shows, nothing else.

CSV text cells that a spreadsheet would run as a formula are prefixed with an apostrophe
(OWASP CSV injection); in XLSX every text cell is stored as text, never as a formula.
Numbers stay numbers in both.
"""

import csv
import io
from datetime import datetime
from typing import Protocol

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font

from districtdesk.core.spreadsheets import neutralised
from districtdesk.reports.tables import Table


class DescribedFilters(Protocol):
    """Any dashboard's filters: they say in words which are in force."""

    def describe(self) -> list[tuple[str, str]]: ...


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(table: Table, now: datetime, extension: str) -> str:
    return f"{table.slug}-{timezone.localtime(now):%Y-%m-%d}.{extension}"


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralised(label) for label in table.header])
    for row in table.rows:
        writer.writerow([neutralised(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode()  # the BOM tells Excel it is UTF-8


def xlsx_bytes(table: Table, *, filters: DescribedFilters, now: datetime) -> bytes:
    """The table on the first sheet; what it is, when and with which filters, on a second."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.slug[:31]
    _append(sheet, table.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        _append(sheet, row)
    about = workbook.create_sheet(_("About")[:31])
    _append(about, [_("Report"), table.title])
    _append(about, [_("Counted at"), timezone.localtime(now).strftime("%Y-%m-%d %H:%M %Z")])
    for label, value in filters.describe():
        _append(about, [label, value])
    _append(about, [_("Summary"), table.summary])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(sheet, values: list) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            # openpyxl reads a leading "=" as a formula; a label is only ever text.
            cell.data_type = TYPE_STRING


def csv_response(table: Table, *, now: datetime) -> HttpResponse:
    response = HttpResponse(csv_bytes(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(table, now, "csv")}"'
    return response


def xlsx_response(table: Table, *, filters: DescribedFilters, now: datetime) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(table, filters=filters, now=now), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename(table, now, "xlsx")}"'
    return response
