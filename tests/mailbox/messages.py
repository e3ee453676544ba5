"""Email for the mailbox tests, built with the standard library as a mail client would."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from tests.service_requests.builders import local

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
PAGE_AS_PNG = b"<html><body><script>alert('x')</script>Not a picture</body></html>"


def email(
    sender: str,
    subject: str = "Projector in room 101 shows no picture",
    body: str | None = "The projector powers on but the screen stays blue.",
    *,
    html: str | None = None,
    files: tuple[tuple[str, bytes, str], ...] = (),
    headers: dict[str, str] | None = None,
    message_id: str | None = None,
    to: str = "helpdesk@district.example",
) -> bytes:
    """One message from `sender`; `files` are (name, bytes, MIME type)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(local(2027, 2, 2, 9, 55))
    message["Message-ID"] = message_id or make_msgid(domain="mail.district.example")
    for name, value in (headers or {}).items():
        message[name] = value
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, content, mime in files:
        maintype, subtype = mime.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()
