"""Downloading a request's files.

A file is served only to people who see its request, and a file that came with a work note
only to staff viewers; anyone else gets the same 404 as for a file that does not exist.
Every file is sent as a download, never shown inline, so nothing in it runs on our origin.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from districtdesk.core.downloads import attachment_response
from districtdesk.core.models import Person
from districtdesk.service_requests import policies
from districtdesk.service_requests.models import Attachment


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
    return attachment_response(
        attachment.file, name=attachment.original_name, content_type=attachment.content_type
    )
