"""What the page tests share: the pinned working Tuesday (the `now` fixture in conftest.py),
a portal form's data, a categorised request and a response's text."""

from districtdesk.core.models import Role
from districtdesk.service_requests.services import working
from tests.service_requests.builders import local, priority

# Tuesday 2 February 2027, 10:00 in the district: a working day.
TUESDAY = local(2027, 2, 2, 10)


def categorised(request, people, code="1.3"):
    """Categorised by the analyst as soon as it arrived."""
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority(code).category,
        priority=priority(code),
        now=request.submitted_at,
    )
    request.refresh_from_db()
    return request


def portal_data(district, **changes) -> dict:
    data = {
        "summary": "Document camera in room 102 is dead",
        "description": "No power light, tried another outlet.",
        "impact": "Math lessons use it every period.",
        "urgency": "high",
        "requirements": "",
        "campus": district.north.pk,
        "room": district.north.rooms.get(number="102").pk,
        "system": "",
        "asset_tag": "NE-004512",
    }
    data.update(changes)
    return data


def text(response) -> str:
    return response.content.decode()
