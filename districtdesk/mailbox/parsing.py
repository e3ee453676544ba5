"""Reading one RFC 5322 message with the standard library's `email` package: who sent it,
what it says (plain text, or the text of its HTML), its files, the messages it answers,
and whether a machine sent it."""

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from django.conf import settings

from districtdesk.mailbox.html_text import html_to_text

MESSAGE_ID_LENGTH = 255  # InboundMessage.message_id
SUBJECT_LENGTH = 255
BODY_LENGTH = 100_000  # characters of text kept from one message
REQUEST_NUMBER = re.compile(r"\bSR-0*(\d{1,12})\b", re.IGNORECASE)
MESSAGE_IDS = re.compile(r"<([^<>\s]+)>")
# The Message-IDs our notifications carry: <notification-12@domain>, <digest-3@domain>.
OUR_MESSAGE_ID = re.compile(r"^(notification|digest)-(\d+)@(.+)$", re.IGNORECASE)
# Where a reply's quotation of earlier mail starts.
QUOTE_START = re.compile(
    r"^\s*(On .{0,200} wrote:|El .{0,200} escribió:|-{2,} ?Original Message ?-{2,}"
    r"|-{2,} ?Mensaje original ?-{2,}|_{10,})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# RFC 3834 and the headers auto-responders and mailing lists set.
BULK_PRECEDENCE = {"bulk", "junk", "list"}


@dataclass(frozen=True)
class MailFile:
    """One attachment as sent: the sender's name for it and its bytes."""

    name: str
    content: bytes


@dataclass
class ParsedMessage:
    message_id: str
    sender_address: str
    sender_name: str
    subject: str
    body: str
    references: list[str] = field(default_factory=list)
    files: list[MailFile] = field(default_factory=list)
    automatic: str = ""  # why a machine sent it, or ""

    @property
    def request_number(self) -> int | None:
        """The request a subject names ("Re: [SR-000123] …"), as its primary key."""
        match = REQUEST_NUMBER.search(self.subject)
        return int(match.group(1)) if match else None

    def reply_text(self) -> str:
        """The body without the earlier mail a reply quotes below it."""
        text = self.body
        quote = QUOTE_START.search(text)
        if quote:
            text = text[: quote.start()]
        lines = text.rstrip().split("\n")
        while lines and lines[-1].lstrip().startswith(">"):
            lines.pop()
        return "\n".join(lines).strip() or self.body


def _header(message: EmailMessage, name: str) -> str:
    try:
        return str(message.get(name, "") or "").strip()
    except (ValueError, IndexError, TypeError):  # a header malformed beyond repair
        return ""


def message_key(message: EmailMessage, raw: bytes) -> str:
    """The message's Message-ID without its angle brackets; a hash of the whole message
    when it has none (or one too long to keep)."""
    header = _header(message, "Message-ID")
    found = MESSAGE_IDS.search(header)
    key = (found.group(1) if found else header).strip()
    if not key or len(key) > MESSAGE_ID_LENGTH:
        key = f"sha256:{hashlib.sha256(raw).hexdigest()}"
    return key


def our_message_id_domain() -> str:
    """The domain of our notifications' Message-IDs (docs/notifications.md)."""
    return (
        settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN
        or parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
        or "districtdesk.invalid"
    ).lower()


def our_addresses() -> set[str]:
    addresses = {
        parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        parseaddr(settings.SERVER_EMAIL)[1],
        *settings.MAILBOX_OWN_ADDRESSES,
    }
    return {address.strip().lower() for address in addresses if address.strip()}


def ours(message_id: str) -> re.Match | None:
    """A Message-ID one of our notifications carries, with its kind and row number."""
    match = OUR_MESSAGE_ID.match(message_id)
    if match and match.group(3).lower() == our_message_id_domain():
        return match
    return None


def why_automatic(message: EmailMessage, sender_address: str, key: str) -> str:
    """'loop' for our own mail come back, 'auto_reply' for a machine's answer, else ''."""
    if sender_address.lower() in our_addresses() or ours(key):
        return "loop"
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted.split(";")[0].strip() != "no":
        return "auto_reply"
    if "X-Autoreply" in message or "X-Autorespond" in message:
        return "auto_reply"
    if _header(message, "Precedence").lower() in BULK_PRECEDENCE:
        return "auto_reply"
    if "List-Id" in message:
        return "auto_reply"
    # A delivery report (a bounce) comes from the null sender and is a multipart/report.
    if _header(message, "Return-Path") == "<>" or message.get_content_type() == "multipart/report":
        return "auto_reply"
    return ""


def _text_of(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    if part.get_content_type() == "text/html":
        return html_to_text(content)
    return content.replace("\r\n", "\n").strip()


def _body(message: EmailMessage) -> tuple[str, EmailMessage | None]:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return "", None
    return _text_of(part)[:BODY_LENGTH], part


def _files(part: EmailMessage, body: EmailMessage | None) -> list[MailFile]:
    """Every part that is a file (it has a name, or says it is an attachment), in order;
    an attached email (.eml) is one file, not opened."""
    if part is body:
        return []
    content_type = part.get_content_type()
    name = part.get_filename()
    if content_type == "message/rfc822" and (name or part.is_attachment()):
        inner = part.get_payload()
        content = inner[0].as_bytes() if isinstance(inner, list) and inner else b""
        return [MailFile(name=name or "message.eml", content=content)]
    if part.is_multipart():
        return [found for sub in part.iter_parts() for found in _files(sub, body)]
    if name or part.is_attachment():
        return [MailFile(name=name or "attachment", content=part.get_payload(decode=True) or b"")]
    return []


def parse(raw: bytes) -> ParsedMessage:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    key = message_key(message, raw)
    try:
        addresses = getaddresses([_header(message, "From")])
    except (ValueError, IndexError, TypeError):
        addresses = []
    name, address = addresses[0] if len(addresses) == 1 else ("", "")
    address = address.strip() if "@" in address else ""
    references = [
        found
        for header in ("In-Reply-To", "References")
        for found in MESSAGE_IDS.findall(_header(message, header))
    ]
    body, body_part = _body(message)
    parsed = ParsedMessage(
        message_id=key,
        sender_address=address[:254],
        sender_name=name.strip()[:200],
        subject=" ".join(_header(message, "Subject").split())[:SUBJECT_LENGTH],
        body=body,
        references=list(dict.fromkeys(references)),
        files=_files(message, body_part),
        automatic=why_automatic(message, address, key),
    )
    return parsed
