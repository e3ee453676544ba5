"""Route-matrix rows for the service-request REST API (see routes.py).

The fixture request is seen by its requester, her supervisor (the principal), the north
campus technicians (technician, team lead) and the district-wide roles (analyst, director,
superintendent, system administrator); everyone else gets 404.

An empty POST reaches a step's service only when the step takes no fields: workers are then
refused by the state machine (400) and everyone else who sees the request by the service's
permission check (403). Acknowledge runs against a new, uncategorised request, so that
nobody's call changes state.
"""

from districtdesk.core.models import Role
from tests.route_answers import answers
from tests.service_requests.builders import local, submit

SEES_THE_REQUEST = (
    Role.REQUESTER,
    Role.SUPERVISOR,
    Role.PRINCIPAL,
    Role.TECHNICIAN,
    Role.TEAM_LEAD,
    Role.CCC_ANALYST,
    Role.DIRECTOR,
    Role.SUPERINTENDENT,
    Role.SYSTEM_ADMIN,
)
WORKERS = (Role.TECHNICIAN, Role.TEAM_LEAD, Role.CCC_ANALYST, Role.SYSTEM_ADMIN)


def seen(status: int) -> dict[str, int]:
    """`status` for everyone who sees the fixture request, 404 for the rest, 401 anonymous."""
    return answers(401, 404, **dict.fromkeys(SEES_THE_REQUEST, status))


def refused_step(**by_role: int) -> dict[str, int]:
    """A field-less step its status does not allow: 400 for workers, 403 for other viewers."""
    return {**seen(403), **dict.fromkeys(WORKERS, 400), **by_role}


def the_request(fixtures: dict) -> dict:
    return {"pk": fixtures["request"].pk}


def a_new_request(fixtures: dict) -> dict:
    """A second request from the same teacher, not yet categorised."""
    new = submit(fixtures["request"].requester, now=local(2027, 2, 2, 10))
    return {"pk": new.pk}


def empty_post(status: int) -> tuple:
    return ("post", the_request, seen(status))


API_ROUTES: dict = {
    "servicerequest-list": ("get", dict, answers(401, 200)),
    "servicerequest-detail": ("get", the_request, seen(200)),
    # Steps with fields: an empty body is a 400 for everyone who sees the request.
    "servicerequest-categorise": empty_post(400),
    "servicerequest-recategorise": empty_post(400),
    "servicerequest-assign": empty_post(400),
    "servicerequest-wait": empty_post(400),
    "servicerequest-resolve": empty_post(400),
    "servicerequest-reopen": empty_post(400),
    "servicerequest-notes": empty_post(400),
    "servicerequest-attachments": empty_post(400),
    "servicerequest-plan": empty_post(400),
    "servicerequest-work-ahead": empty_post(400),
    # Steps without fields, on requests whose status refuses them.
    "servicerequest-acknowledge": ("post", a_new_request, refused_step()),
    "servicerequest-resume": ("post", the_request, refused_step()),
    # The requester may close her own (resolved) request, so hers is a 400 too.
    "servicerequest-close": ("post", the_request, refused_step(**{Role.REQUESTER: 400})),
}
