"""The change-control rows of the route matrix (tests/test_route_matrix.py) and the objects
they need: a technician's submitted change and draft, a meeting that has closed, and a
planned meeting with an informational change on its agenda."""

from datetime import timedelta

from districtdesk.changes.models import ChangeRequest
from districtdesk.changes.services import decisions, meetings
from districtdesk.core.models import Role
from tests.cast import District
from tests.changes.api_routes import API_ROUTES
from tests.changes.builders import NEXT_MONDAY_MEETING, draft, submitted
from tests.changes.page_routes import PAGE_ROUTES

ROUTES: dict = {**API_ROUTES, **PAGE_ROUTES}


def fixtures(district: District) -> dict:
    coordinator = district.people[Role.CHANGE_COORDINATOR]
    last_week = NEXT_MONDAY_MEETING - timedelta(days=7)
    meeting = meetings.plan_meeting(actor=coordinator, scheduled_for=last_week, now=last_week)
    meetings.open_meeting(meeting, actor=coordinator, now=last_week)
    meetings.close_meeting(meeting, actor=coordinator, now=last_week + timedelta(hours=1))
    later = NEXT_MONDAY_MEETING + timedelta(days=14)
    planned = meetings.plan_meeting(actor=coordinator, scheduled_for=later, now=last_week)
    informational = submitted(
        district,
        change_type=ChangeRequest.Type.INFORMATIONAL,
        title="New phone tree",
        service_request=None,
    )
    decisions.place_on_agenda(informational, actor=coordinator, meeting=planned, now=last_week)
    return {
        "change": submitted(district),
        "draft_change": draft(district, title="Unsent"),
        "closed_meeting": meeting,
        "planned_meeting": planned,
    }
