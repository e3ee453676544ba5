"""Requests for tests, made through the services exactly as the application makes them."""

from datetime import datetime
from zoneinfo import ZoneInfo

from districtdesk.core.models import Person
from districtdesk.service_requests.models import Priority, ServiceRequest
from districtdesk.service_requests.services.intake import submit_request

CHICAGO = ZoneInfo("America/Chicago")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment on the district's wall clock."""
    return datetime(year, month, day, hour, minute, tzinfo=CHICAGO)


def priority(code: str) -> Priority:
    """'1.3' → Break Fix, 3 Instructional."""
    category, number = (int(part) for part in code.split("."))
    return Priority.objects.select_related("category").get(category__number=category, number=number)


def submit(
    requester: Person, *, now: datetime, actor: Person | None = None, **fields
) -> ServiceRequest:
    fields.setdefault("channel", ServiceRequest.Channel.PORTAL)
    fields.setdefault("summary", "Projector in room 101 shows no picture")
    fields.setdefault("description", "The projector powers on but the screen stays blue.")
    fields.setdefault("impact", "Second-grade lessons rely on it every morning.")
    fields.setdefault("campus", requester.home_campus)
    return submit_request(actor=actor or requester, requester=requester, now=now, **fields)
