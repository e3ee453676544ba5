"""Downloading a request's files.

A file is served only to people who see its request, and a file that came with a work note
only to staff viewers; anyone else gets the same 404 as for a file that does not exist.
Every file is sent as a download, never shown inline, so nothing in it runs on our origin.
"""

import logging
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from districtdesk.core.models import Person
from districtdesk.service_requests import policies
from districtdesk.service_requests.models import Attachment

logger = logging.getLogger(__name__)

# A file opened by mistake in the browser may do nothing: no scripts, no requests, no forms.
ATTACHMENT_POLICY = "default-src 'none'; sandbox"


def _get_attachment_for(person: Person, pk: int, attachment_pk: int) -> Attachment:
    """Fetch and authorise in one call: out of scope is a 404, like a missing file."""
    attachment = (
        Attachment.objects.select_related("note")
        .filter(pk=attachment_pk, request__in=policies.requests_visible_to(person).filter(pk=pk))
        .first()
    )
    staff_viewer = attachment is not None and policies.is_staff_viewer(person)
    if attachment is None or not policies.can_see_attachment(attachment, staff_viewer=staff_viewer):
        raise Http404
    return attachment


@login_required
@require_GET
def download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = _get_attachment_for(request.user, pk, attachment_pk)
    try:
        content = attachment.file.open("rb")
    except FileNotFoundError:
        # The row names bytes the storage no longer has: say so to the operators, and to
        # the person the same as for any file they cannot have.
        logger.error("Attachment %s has no file at %s", attachment.pk, attachment.file.name)
        raise Http404 from None
    response = FileResponse(content, content_type=attachment.content_type)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(attachment.original_name, safe='')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = ATTACHMENT_POLICY
    patch_cache_control(response, private=True)
    return response
