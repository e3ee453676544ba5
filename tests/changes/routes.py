"""The change-control rows of the route matrix (tests/test_route_matrix.py) and the objects
they need: a technician's submitted change, and a meeting that has closed."""

from datetime import timedelta

from districtdesk.changes.services import meetings
from districtdesk.core.models import Role
from tests.cast import District
from tests.changes.api_routes import API_ROUTES
from tests.changes.builders import NEXT_MONDAY_MEETING, submitted

ROUTES: dict = {**API_ROUTES}


def fixtures(district: District) -> dict:
    coordinator = district.people[Role.CHANGE_COORDINATOR]
    last_week = NEXT_MONDAY_MEETING - timedelta(days=7)
    meeting = meetings.plan_meeting(actor=coordinator, scheduled_for=last_week, now=last_week)
    meetings.open_meeting(meeting, actor=coordinator, now=last_week)
    meetings.close_meeting(meeting, actor=coordinator, now=last_week + timedelta(hours=1))
    return {"change": submitted(district), "closed_meeting": meeting}
