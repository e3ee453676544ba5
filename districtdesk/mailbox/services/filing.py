"""Filing an email on the request workflow: a new request (channel email) or a reply on
a request, with the email's files checked exactly as an upload's are. A file that is
refused does not stop the email: the request says which files were not kept and why."""

from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, Person
from districtdesk.mailbox.parsing import MailFile, ParsedMessage
from districtdesk.service_requests import file_types
from districtdesk.service_requests.models import Note, ServiceRequest
from districtdesk.service_requests.services.attachments import attach_files
from districtdesk.service_requests.services.intake import submit_request
from districtdesk.service_requests.services.working import add_note

SUMMARY_LENGTH = 200  # ServiceRequest.summary


def inspect_files(files: Sequence[MailFile]) -> tuple[list[SimpleUploadedFile], list[str]]:
    """The files to keep, and one sentence for each file refused (type, content, size, or
    more files than one upload may bring)."""
    accepted: list[SimpleUploadedFile] = []
    refused: list[str] = []
    for mail_file in files:
        upload = SimpleUploadedFile(mail_file.name or "attachment", mail_file.content)
        try:
            file_types.inspect(upload)
        except DomainError as error:
            refused.append(error.message)
            continue
        if len(accepted) >= settings.ATTACHMENT_MAX_FILES:
            refused.append(
                _("%(name)s was not attached: at most %(limit)s files are kept from one email.")
                % {
                    "name": file_types.display_name(upload.name),
                    "limit": settings.ATTACHMENT_MAX_FILES,
                }
            )
            continue
        accepted.append(upload)
    return accepted, refused


def refusals_text(refused: Sequence[str]) -> str:
    return "\n".join([_("Files in the email that were not kept:"), *(f"- {r}" for r in refused)])


def summary_of(parsed: ParsedMessage) -> str:
    return (parsed.subject or _("Email without a subject"))[:SUMMARY_LENGTH]


def new_request(
    parsed: ParsedMessage,
    *,
    actor: Person,
    requester: Person,
    campus: Campus,
    summary: str = "",
    now: datetime,
) -> tuple[ServiceRequest, list[str]]:
    """A request from the email, with its files; call inside the caller's transaction.
    Answers the request and the files refused, which a note on the request names."""
    request = submit_request(
        actor=actor,
        requester=requester,
        channel=ServiceRequest.Channel.EMAIL,
        summary=summary or summary_of(parsed),
        description=parsed.body or _("(The email had no text.)"),
        impact=_("Not stated: the request was sent by email."),
        campus=campus,
        now=now,
    )
    accepted, refused = inspect_files(parsed.files)
    if accepted:
        attach_files(request, actor=actor, files=accepted, now=now)
    if refused:
        add_note(
            request,
            actor=actor,
            body=refusals_text(refused),
            visibility=Note.Visibility.REPLY,
            now=now,
        )
    return request, refused


def reply(
    parsed: ParsedMessage, request: ServiceRequest, *, actor: Person, now: datetime
) -> tuple[Note, list[str]]:
    """The email as a reply on the request (without the earlier mail it quotes), with its
    files; call inside the caller's transaction."""
    accepted, refused = inspect_files(parsed.files)
    body = parsed.reply_text() or _("(The email had no text.)")
    if refused:
        body = f"{body}\n\n{refusals_text(refused)}"
    note = add_note(request, actor=actor, body=body, visibility=Note.Visibility.REPLY, now=now)
    if accepted:
        attach_files(request, actor=actor, files=accepted, note=note, now=now)
    return note, refused
