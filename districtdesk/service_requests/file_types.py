"""What an uploaded file is, judged by its bytes and not only by its name.

A file is accepted when its extension is one of settings.ATTACHMENT_TYPES and its content
is what that extension says: an HTML page or an SVG image renamed to .png is refused, so
nothing a browser would run is ever stored as a picture. Every refusal is a DomainError on
the "files" field whose message names the file and the reason.
"""

import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.core.errors import DomainError

FIELD = "files"
NAME_LENGTH = 200  # Attachment.original_name's max_length
HEAD_BYTES = 64 * 1024  # enough to tell text from binary and to find a signature

# What the bytes can turn out to be, besides the allowed types themselves.
MARKUP = "text/html"
TEXT = "text/plain"
OLE2 = "application/x-ole-storage"  # Outlook .msg, and Office 97–2003 files
TEXT_TYPES = {"text/plain", "text/csv", "message/rfc822"}
OUTLOOK = "application/vnd.ms-outlook"

SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE2),
]
# An Office Open XML file is a zip holding this part, as well as [Content_Types].xml.
OFFICE_PARTS = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}
# Markup a browser would render or run: an HTML page, an SVG image, any XML document.
MARKUP_START = re.compile(rb"<\s*(!doctype|html|head|body|svg|script|iframe|\?xml|!--)", re.I)

DESCRIPTIONS = {
    "image/png": gettext_lazy("a PNG image"),
    "image/jpeg": gettext_lazy("a JPEG image"),
    "image/gif": gettext_lazy("a GIF image"),
    "image/webp": gettext_lazy("a WebP image"),
    "application/pdf": gettext_lazy("a PDF document"),
    "text/plain": gettext_lazy("plain text"),
    "text/csv": gettext_lazy("plain text (CSV)"),
    "message/rfc822": gettext_lazy("an email message (.eml)"),
    OUTLOOK: gettext_lazy("an Outlook message (.msg)"),
    OFFICE_PARTS["word/document.xml"]: gettext_lazy("a Word document"),
    OFFICE_PARTS["xl/workbook.xml"]: gettext_lazy("an Excel workbook"),
    OFFICE_PARTS["ppt/presentation.xml"]: gettext_lazy("a PowerPoint presentation"),
    MARKUP: gettext_lazy("a web page (HTML) or an SVG image"),
    OLE2: gettext_lazy("an Office 97–2003 file"),
}


@dataclass(frozen=True)
class Inspected:
    """An accepted file: the name to show and download it by, its type and its size."""

    name: str
    content_type: str
    size: int


def display_name(raw: str) -> str:
    """The uploader's file name, safe to show and to offer as a download name: no folders,
    no control or invisible characters (a right-to-left override can disguise "gpj.exe"),
    at most 200 characters with the extension kept."""
    name = unicodedata.normalize("NFC", raw.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(char for char in name if not unicodedata.category(char).startswith("C"))
    name = name.strip().lstrip(".").strip() or _("attachment")
    if len(name) > NAME_LENGTH:
        suffix = PurePosixPath(name).suffix[:20]
        name = name[: NAME_LENGTH - len(suffix)] + suffix
    return name


def sniff(file: IO[bytes]) -> str | None:
    """What the bytes are, as a content type; None when they match nothing we know."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        return _office_type(file)
    if b"\x00" in head:
        return None
    if MARKUP_START.match(head.lstrip(b"\xef\xbb\xbf \t\r\n\f")):
        return MARKUP
    return TEXT


def _office_type(file: IO[bytes]) -> str | None:
    """Reads only the zip's directory of names, never decompresses anything."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in OFFICE_PARTS.items() if part in names), None)


def _agrees(expected: str, actual: str | None) -> bool:
    if actual == expected:
        return True
    if expected in TEXT_TYPES:
        return actual == TEXT
    return expected == OUTLOOK and actual == OLE2


def _refuse(name: str, reason: str, code: str) -> DomainError:
    return DomainError(
        _("%(name)s was not attached: %(reason)s") % {"name": name, "reason": reason},
        code=code,
        field=FIELD,
    )


def allowed_extensions() -> list[str]:
    return sorted(settings.ATTACHMENT_TYPES)


def inspect(upload: UploadedFile) -> Inspected:
    """The accepted file's facts, or a DomainError naming the file and the reason."""
    name = display_name(upload.name or "")
    extension = PurePosixPath(name).suffix.lower()
    expected = settings.ATTACHMENT_TYPES.get(extension)
    if expected is None:
        reason = _("only %(allowed)s files are accepted.") % {
            "allowed": ", ".join(allowed_extensions())
        }
        raise _refuse(name, reason, "file_type_not_allowed")
    size = upload.size or 0
    if size == 0:
        raise _refuse(name, _("the file is empty."), "file_empty")
    limit = settings.ATTACHMENT_MAX_BYTES
    if size > limit:
        reason = _("it is %(size)s, over the %(limit)s limit.") % {
            "size": filesizeformat(size),
            "limit": filesizeformat(limit),
        }
        raise _refuse(name, reason, "file_too_large")
    actual = sniff(upload)
    if not _agrees(expected, actual):
        wanted = DESCRIPTIONS.get(expected, expected)
        if actual is None:
            reason = _("its content is not %(expected)s.") % {"expected": wanted}
        else:
            reason = _("its content is %(actual)s, not %(expected)s.") % {
                "actual": DESCRIPTIONS.get(actual, actual),
                "expected": wanted,
            }
        raise _refuse(name, reason, "file_content_mismatch")
    return Inspected(name=name, content_type=expected, size=size)


def check_count(files: Sequence[UploadedFile]) -> None:
    limit = settings.ATTACHMENT_MAX_FILES
    if len(files) > limit:
        raise DomainError(
            _("Attach at most %(limit)s files at a time.") % {"limit": limit},
            code="too_many_files",
            field=FIELD,
        )


def limits_text() -> str:
    """The rules in one sentence, for a form's help text."""
    return _("Up to %(count)s files, each at most %(size)s: %(allowed)s.") % {
        "count": settings.ATTACHMENT_MAX_FILES,
        "size": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
        "allowed": ", ".join(allowed_extensions()),
    }
