"""What the technology-request page tests share: reading an answer, the form's fields, a
step's address, and a request waiting for funding."""

from django.urls import reverse

from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.acquisitions.services import purchasing
from districtdesk.core.models import Role, Room
from tests.acquisitions import builders

HTMX = {"HX-Request": "true"}


def text(response) -> str:
    return response.content.decode()


def offered(response) -> list[str]:
    return [step for step, *_rest in response.context["actions"]]


def form_data(district, catalogue, **changes) -> dict:
    data = {
        "kind": "new_equipment",
        "need": "Students cannot see worked examples from the back of the room.",
        "impact": "Daily maths lessons for 28 students.",
        "urgency": "medium",
        "requirements": "USB.",
        "standard_item": catalogue["camera"].pk,
        "asset_type": "",
        "quantity": "1",
        "replaces_tag": "",
        "campus": district.north.pk,
        "room": Room.objects.get(campus=district.north, number="101").pk,
        "requested_for": "",
    }
    data.update(changes)
    return data


def step_url(step: str, request: TechnologyRequest) -> str:
    return reverse(f"technology_{step}", kwargs={"pk": request.pk})


def awaiting_funding(district, catalogue, *, now=None, quantity: int = 1) -> TechnologyRequest:
    request = builders.ask(district, item=catalogue["camera"], quantity=quantity)
    builders.quoted(district, request, quantity=quantity, now=now)
    purchasing.request_funding(request, actor=district.people[Role.TECHNICIAN], now=now)
    request.refresh_from_db()
    return request
