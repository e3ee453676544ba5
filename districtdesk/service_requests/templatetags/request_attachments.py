"""A request's files on its page, as the viewer may have them."""

from django import template

from districtdesk.service_requests import policies
from districtdesk.service_requests.models import Attachment, ServiceRequest

register = template.Library()


@register.simple_tag
def shown_attachments(service_request: ServiceRequest, staff_viewer: bool) -> list[Attachment]:
    """Reads the attachments selectors.request_for_page prefetched: no query of its own."""
    return [
        attachment
        for attachment in service_request.attachments.all()
        if policies.can_see_attachment(attachment, staff_viewer=staff_viewer)
    ]
