"""Any filtered asset list as CSV or as an Excel workbook, in the import's columns (so an
export, edited, can be imported elsewhere) plus a few for reading. Cells that a spreadsheet
would run as a formula are prefixed with an apostrophe (OWASP CSV injection), and student
IDs are masked for viewers who may not see them."""

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from districtdesk.core.spreadsheets import neutralised, safe_text
from districtdesk.inventory.imports.profiles import DISTRICTDESK_COLUMNS, EXPORT_ONLY_COLUMNS
from districtdesk.inventory.models import Asset

HEADER = (*DISTRICTDESK_COLUMNS, *EXPORT_ONLY_COLUMNS)
STUDENT_MASK = "(student)"
CHUNK = 2000


class _Line:
    """csv.writer writes into this; each row comes back as one string to stream."""

    def write(self, text: str) -> str:
        return text


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def asset_row(asset: Asset, *, show_students: bool) -> list[str]:
    student = asset.student_id
    if student and not show_students:
        student = STUDENT_MASK
    registered = timezone.localtime(asset.registered_at).isoformat(timespec="minutes")
    values = [
        asset.bar_tag,
        asset.serial_number,
        asset.asset_model.manufacturer.name,
        asset.asset_model.model_number,
        asset.campus.code,
        asset.room.number if asset.room_id else "",
        asset.status,
        asset.assigned_to.email if asset.assigned_to_id else "",
        student,
        asset.funding,
        asset.budget_code,
        asset.purchase_order,
        asset.cost,
        asset.purchase_date.isoformat() if asset.purchase_date else "",
        asset.warranty_end.isoformat() if asset.warranty_end else "",
        _flag(asset.is_donated),
        _flag(asset.is_personal_device),
        asset.notes,
        asset.asset_model.asset_type.name,
        asset.status_reason,
        asset.status_report,
        registered,
    ]
    return [safe_text(value) for value in values]


def csv_lines(assets: QuerySet[Asset], *, show_students: bool) -> Iterator[str]:
    """The header, then one line per asset, read from the database in chunks."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(HEADER)  # the BOM tells Excel the file is UTF-8
    for asset in assets.iterator(chunk_size=CHUNK):
        yield writer.writerow(asset_row(asset, show_students=show_students))


# The export's columns as plain values, read without building a model object per row.
XLSX_VALUES = (
    "bar_tag",
    "serial_number",
    "asset_model__manufacturer__name",
    "asset_model__model_number",
    "campus__code",
    "room__number",
    "status",
    "assigned_to__email",
    "student_id",
    "funding",
    "budget_code",
    "purchase_order",
    "cost",
    "purchase_date",
    "warranty_end",
    "is_donated",
    "is_personal_device",
    "notes",
    "asset_model__asset_type__name",
    "status_reason",
    "status_report",
    "registered_at",
)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FLAGS = {XLSX_VALUES.index("is_donated"), XLSX_VALUES.index("is_personal_device")}
STUDENT = XLSX_VALUES.index("student_id")
REGISTERED = XLSX_VALUES.index("registered_at")


def xlsx_values(assets: QuerySet[Asset], *, show_students: bool) -> Iterator[list[object]]:
    """One list of cell values per asset, read in chunks as plain tuples. Costs stay
    numbers and dates stay dates; the registration time is the district's wall-clock time
    (a spreadsheet has no timezones)."""
    for row in assets.values_list(*XLSX_VALUES).iterator(chunk_size=CHUNK):
        values = list(row)
        for index in FLAGS:
            values[index] = _flag(values[index])
        if values[STUDENT] and not show_students:
            values[STUDENT] = STUDENT_MASK
        values[REGISTERED] = timezone.localtime(values[REGISTERED]).replace(
            tzinfo=None, second=0, microsecond=0
        )
        yield ["" if value is None else neutralised(value) for value in values]


def xlsx_workbook(rows: Iterable[list[object]], *, title: str = "Assets") -> bytes:
    """A workbook written row by row (openpyxl's write-only mode keeps no rows in memory);
    text cells are stored as text, never as formulas."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title)
    sheet.freeze_panes = "A2"
    sheet.append(list(HEADER))
    for values in rows:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even where it starts with "="
            elif hasattr(value, "hour"):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif hasattr(value, "day"):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FINAL_TAG_HEADER = (
    "bar_tag",
    "serial_number",
    "model_number",
    "expected",
    "expected_room",
    "audit_state",
    "scanned_room",
    "discrepancy",
    "outcome",
    "request",
    "status",
    "campus",
    "room",
)


def final_tag_lines(audit, items, discrepancies) -> Iterator[str]:
    """Every tag at the campus with its final state: the audit's finding, how its
    discrepancy was settled, and where the asset stands now; then every unknown tag."""
    settled = {row.tag: row for row in discrepancies}
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(FINAL_TAG_HEADER)
    for item in items.iterator(chunk_size=CHUNK):
        asset = item.asset
        row = settled.get(asset.bar_tag)
        values = [
            asset.bar_tag,
            asset.serial_number,
            asset.asset_model.model_number,
            _flag(item.expected),
            item.expected_room.number if item.expected_room_id else "",
            item.state,
            item.scanned_room.number if item.scanned_room_id else "",
            row.kind if row else "",
            row.outcome if row else "",
            row.request.number if row and row.request_id else "",
            asset.status,
            asset.campus.code,
            asset.room.number if asset.room_id else "",
        ]
        yield writer.writerow([safe_text(value) for value in values])
    for row in settled.values():
        if row.kind == "unknown":
            values = [row.tag, "", "", "no", "", "unknown"]
            values += [row.scanned_room.number if row.scanned_room_id else "", row.kind]
            values += [row.outcome, row.request.number if row.request_id else "", "", "", ""]
            yield writer.writerow([safe_text(value) for value in values])
