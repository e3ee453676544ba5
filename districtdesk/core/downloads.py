"""Sending a stored file someone attached: always as a download, under a policy that lets
nothing in it run, private to the person who asked."""

import logging
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

# A file opened by mistake in the browser may do nothing: no scripts, no requests, no forms.
ATTACHMENT_POLICY = "default-src 'none'; sandbox"


def attachment_response(file: FieldFile, *, name: str, content_type: str) -> FileResponse:
    """The file's bytes under its original name; a 404 (and an error in the log for the
    operators) when the storage no longer has them."""
    try:
        content = file.open("rb")
    except FileNotFoundError:
        logger.error("Stored file %s is missing; its record is %r", file.name, name)
        raise Http404 from None
    response = FileResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name, safe='')}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = ATTACHMENT_POLICY
    patch_cache_control(response, private=True)
    return response
