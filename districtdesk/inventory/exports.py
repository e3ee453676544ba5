"""Any filtered asset list as CSV, in the import's columns (so an export, edited, can be
imported elsewhere) plus a few for reading. Cells that a spreadsheet would run as a formula
are prefixed with an apostrophe (OWASP CSV injection), and student IDs are masked for
viewers who may not see them."""

import csv
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone

from districtdesk.inventory.imports.profiles import DISTRICTDESK_COLUMNS, EXPORT_ONLY_COLUMNS
from districtdesk.inventory.models import Asset

HEADER = (*DISTRICTDESK_COLUMNS, *EXPORT_ONLY_COLUMNS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
STUDENT_MASK = "(student)"
CHUNK = 2000


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


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
    return [safe_cell(value) for value in values]


def csv_lines(assets: QuerySet[Asset], *, show_students: bool) -> Iterator[str]:
    """The header, then one line per asset, read from the database in chunks."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(HEADER)  # the BOM tells Excel the file is UTF-8
    for asset in assets.iterator(chunk_size=CHUNK):
        yield writer.writerow(asset_row(asset, show_students=show_students))
