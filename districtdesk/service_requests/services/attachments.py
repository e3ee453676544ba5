"""Attaching files to a request: a screenshot of the error, a quote, a photo of the damage.

Every file is checked (type by content, size, count) before anything is written; then
each is written through the storage under its SHA-256 name and its row is added, in the
step's transaction, so a refused or failed upload leaves no row behind.
"""

import hashlib
from collections.abc import Sequence
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.service_requests import file_types, policies
from districtdesk.service_requests.models import Attachment, Note, ServiceRequest
from districtdesk.service_requests.services.working import add_note, lock


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _store(attachment: Attachment, upload: UploadedFile) -> None:
    """Write the content once: the stored name is its hash, so a file uploaded again (the
    same screenshot on two requests) shares the bytes already there."""
    path = attachment.file.field.generate_filename(attachment, upload.name)
    storage = attachment.file.storage
    if storage.exists(path):
        attachment.file.name = path
    else:
        attachment.file.save(path, upload, save=False)


@transaction.atomic
def attach_files(
    request: ServiceRequest,
    *,
    actor: Person,
    files: Sequence[UploadedFile],
    note: Note | None = None,
    now: datetime | None = None,
) -> list[Attachment]:
    """The requester and the staff who work the request attach files; files that come with
    a work note are staff-only, like the note."""
    request = lock(request)
    staff = policies.can_work(actor, request)
    if not (staff or actor == request.requester):
        raise DomainError(_("You may not attach files to this request."), code="not_allowed")
    if note is not None:
        if note.request_id != request.pk:
            raise DomainError(_("That note is on another request."), code="note_elsewhere")
        if note.visibility == Note.Visibility.WORK_NOTE and not staff:
            raise DomainError(
                _("Only Technology Services staff attach files to work notes."),
                code="not_allowed",
            )
    if not files:
        raise DomainError(_("Choose a file to attach."), code="no_files", field=file_types.FIELD)
    file_types.check_count(files)
    # Every file is judged before the first is written: all of them, or none.
    accepted = [(upload, file_types.inspect(upload)) for upload in files]
    now = now or timezone.now()
    staff_only = note is not None and note.visibility == Note.Visibility.WORK_NOTE
    code = "request.work_note_file_added" if staff_only else "request.attachment_added"
    attachments = []
    for upload, facts in accepted:
        attachment = Attachment(
            request=request,
            note=note,
            original_name=facts.name,
            content_type=facts.content_type,
            size=facts.size,
            sha256=_sha256(upload),
            uploaded_by=actor,
            uploaded_at=now,
        )
        _store(attachment, upload)
        attachment.save()
        record_event(
            request,
            actor=actor,
            code=code,
            occurred_at=now,
            file=facts.name,
            size=facts.size,
        )
        attachments.append(attachment)
    return attachments


@transaction.atomic
def add_note_with_files(
    request: ServiceRequest,
    *,
    actor: Person,
    body: str,
    visibility: str,
    files: Sequence[UploadedFile] = (),
    now: datetime | None = None,
) -> Note:
    """A note and the files that come with it, saved together or not at all."""
    note = add_note(request, actor=actor, body=body, visibility=visibility, now=now)
    if files:
        attach_files(request, actor=actor, files=files, note=note, now=note.created_at)
    return note
