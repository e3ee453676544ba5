"""Small files of every kind an attachment may be, and of kinds it may not, built here."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png() -> bytes:
    """A real 1×1 grey PNG."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def _office(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


PNG = _png()
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8 " + b"\x00" * 16
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TEXT = "The projector shows “No signal” after 10 minutes.\n".encode()
CSV = b"asset,room\nNE-1001,101\n"
DOCX = _office("word/document.xml")
XLSX = _office("xl/workbook.xml")
PPTX = _office("ppt/presentation.xml")
EML = b"From: teacher@district.example\r\nSubject: Projector\r\n\r\nStill blue.\r\n"
MSG = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'

ALLOWED = {
    "screen.png": PNG,
    "photo.jpg": JPEG,
    "photo.jpeg": JPEG,
    "spinner.gif": GIF,
    "phone.webp": WEBP,
    "quote.pdf": PDF,
    "notes.txt": TEXT,
    "assets.csv": CSV,
    "letter.docx": DOCX,
    "budget.xlsx": XLSX,
    "training.pptx": PPTX,
    "forwarded.eml": EML,
    "forwarded.msg": MSG,
}


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    """A file as a browser sends it; the type it claims is never trusted."""
    return SimpleUploadedFile(name, content, content_type=content_type)
