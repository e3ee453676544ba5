"""An uploaded file as CSV rows: a size limit, UTF-8 (with or without a byte-order mark,
as Excel writes it), and each row's line number in the file for the report."""

import csv
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from districtdesk.core.errors import DomainError

MAX_UPLOAD_BYTES = 4 * 1024 * 1024
MAX_ROWS = 20_000
FIELD = "file"


@dataclass
class CsvFile:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)


def check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise DomainError(
            _("The file is larger than %(limit)s MB: split it into smaller files.")
            % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="file_too_large",
            field=FIELD,
        )


def read_upload(upload: UploadedFile) -> str:
    """An uploaded file's text; its size is checked before a byte of it is read."""
    check_size(upload.size)
    return decode(upload.read())


def decode(data: bytes) -> str:
    check_size(len(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DomainError(
            _("The file is not UTF-8 text: save it from your spreadsheet as “CSV UTF-8”."),
            code="not_utf8",
            field=FIELD,
        ) from error


def read_csv(text: str) -> CsvFile:
    if "\x00" in text:
        raise DomainError(
            _("The file is not a CSV file (it holds binary data)."), code="not_csv", field=FIELD
        )
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    rows: list[tuple[int, list[str]]] = []
    headers: list[str] | None = None
    try:
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in cells):
                continue
            if headers is None:
                headers = [cell.strip() for cell in cells]
                continue
            rows.append((line, cells))
            if len(rows) > MAX_ROWS:
                raise DomainError(
                    _("The file has more than %(limit)s rows: split it into smaller files.")
                    % {"limit": f"{MAX_ROWS:,}"},
                    code="too_many_rows",
                    field=FIELD,
                )
    except csv.Error as error:
        raise DomainError(
            _("Line %(line)s is not valid CSV: %(reason)s")
            % {"line": reader.line_num, "reason": error},
            code="not_csv",
            field=FIELD,
        ) from error
    if headers is None:
        raise DomainError(_("The file is empty."), code="empty_file", field=FIELD)
    if not rows:
        raise DomainError(
            _("The file has a header row but no assets."), code="no_rows", field=FIELD
        )
    return CsvFile(headers=headers, rows=rows)
