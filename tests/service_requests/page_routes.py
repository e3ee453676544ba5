"""Route-matrix rows for the service-request pages (see routes.py).

Who reaches what: everyone signed in asks for help and sees their own requests; the roles
that may enter requests for others (Customer Care Center analysts, technicians, team
leads, system administrators) take phone calls; staff viewers (those roles, plus
directors and the superintendent) open the queues. The fixture request
is seen by its requester, her supervisor the principal, the north campus technicians
and the district-wide roles; anyone else gets 404.

Each workflow step is a POST-only view. A step the caller may not take on a request they
can see is a 404 too; callers who may take it get the page back with what is missing
(200), and the empty body changes nothing.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from districtdesk.service_requests.services.attachments import attach_files
from tests.route_answers import answers
from tests.service_requests.files import PNG

SEES_THE_REQUEST = {
    role: 200
    for role in (
        "requester",
        "supervisor",
        "principal",
        "technician",
        "team_lead",
        "ccc_analyst",
        "director",
        "superintendent",
        "system_admin",
    )
}
ENTER_FOR_OTHERS = {
    role: 200 for role in ("technician", "team_lead", "ccc_analyst", "system_admin")
}
# Inventory staff work the requests routed to the Inventory team, so they have queues too.
STAFF_VIEWERS = {**ENTER_FOR_OTHERS, "inventory": 200, "director": 200, "superintendent": 200}
WORKERS = ENTER_FOR_OTHERS  # categorise and work the request
WORKERS_AND_REQUESTER = {**WORKERS, "requester": 200}
# Technology Services supervisors who see the fixture request (the north campus team lead,
# and district-wide the director and the system administrator).
SUPERVISORS = {role: 200 for role in ("team_lead", "director", "system_admin")}


def _request(fixtures) -> dict:
    return {"pk": fixtures["request"].pk}


def _attachment(fixtures) -> dict:
    """A screenshot the requester attached to the fixture request (not to a work note)."""
    request = fixtures["request"]
    screenshot = SimpleUploadedFile("screen.png", PNG, content_type="image/png")
    attachment = attach_files(request, actor=request.requester, files=[screenshot])[0]
    return {"pk": request.pk, "attachment_pk": attachment.pk}


def _step(allowed: dict[str, int]) -> tuple:
    return ("post", _request, answers(302, 404, **allowed))


PAGE_ROUTES: dict = {
    "request_list": ("get", dict, answers(302, 200)),
    "request_new": ("get", dict, answers(302, 200)),
    "request_room_options": ("get", dict, answers(302, 200)),
    "request_phone": ("get", dict, answers(302, 404, **ENTER_FOR_OTHERS)),
    "request_caller_search": ("get", dict, answers(302, 404, **ENTER_FOR_OTHERS)),
    "request_queue": (
        "get",
        lambda fixtures: {"name": "uncategorised"},
        answers(302, 404, **STAFF_VIEWERS),
    ),
    # Recording a review is a write, but a harmless one: each analyst's POST adds one.
    "request_queue_review": (
        "post",
        dict,
        answers(302, 404, ccc_analyst=302, system_admin=302),
    ),
    "request_detail": ("get", _request, answers(302, 404, **SEES_THE_REQUEST)),
    "request_attachment": ("get", _attachment, answers(302, 404, **SEES_THE_REQUEST)),
    "request_categorise": _step(WORKERS),
    "request_recategorise": _step(WORKERS),
    "request_acknowledge": _step(WORKERS),
    "request_assign": _step(WORKERS),
    "request_wait": _step(WORKERS),
    "request_resume": _step(WORKERS),
    "request_resolve": _step(WORKERS),
    "request_reopen": _step(WORKERS_AND_REQUESTER),
    "request_close": _step(WORKERS_AND_REQUESTER),
    "request_note": _step(WORKERS_AND_REQUESTER),
    "request_plan": _step(WORKERS),
    # An empty form assigns nothing and goes back to the queue with what to fix.
    "request_queue_assign": (
        "post",
        dict,
        answers(302, 404, **dict.fromkeys([*WORKERS, "inventory"], 302)),
    ),
    "request_work_ahead": _step(SUPERVISORS),
}
