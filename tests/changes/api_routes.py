"""Route-matrix rows for the change-control REST API (see routes.py).

Every staff role sees every change and meeting; a plain requester and the business office
get 404. The fixture change is a technician's scheduled change, submitted and not yet on an
agenda; the fixture meeting has closed. An empty POST reaches a step's service only when
the step takes no fields or only optional ones: whoever may take the step is then refused
by the state machine (400), and every other viewer by the service's permission check (403),
so nobody's call changes state.
"""

from districtdesk.changes import policies
from districtdesk.core.models import Role
from tests.route_answers import answers

SEES_CHANGES = policies.STAFF


def seen(status: int) -> dict[str, int]:
    """`status` for everyone who sees changes, 404 for the rest, 401 anonymous."""
    return answers(401, 404, **dict.fromkeys(SEES_CHANGES, status))


def refused_step(*may_act) -> dict[str, int]:
    """A step its status does not allow: 400 for those who may take it, 403 for other viewers."""
    return {**seen(403), **dict.fromkeys((*may_act, Role.SYSTEM_ADMIN), 400)}


def the_change(fixtures: dict) -> dict:
    return {"pk": fixtures["change"].pk}


def the_meeting(fixtures: dict) -> dict:
    return {"pk": fixtures["closed_meeting"].pk}


# The submitter (a technician) and the coordinator may revise or submit the change.
EDITORS = (Role.TECHNICIAN, Role.CHANGE_COORDINATOR)
DECIDERS = (Role.CHANGE_COMMITTEE, Role.CHANGE_COORDINATOR)
IMPLEMENTERS = tuple(role for role in policies.IMPLEMENTERS if role != Role.SYSTEM_ADMIN)
# The cast's principal also holds the supervisor role, so she may implement changes.
IMPLEMENTERS_AND_PRINCIPAL = (*IMPLEMENTERS, Role.PRINCIPAL)

API_ROUTES: dict = {
    "change-list": ("get", dict, answers(401, 200)),
    "change-detail": ("get", the_change, seen(200)),
    "change-revise": ("post", the_change, refused_step(*EDITORS)),
    "change-submit": ("post", the_change, refused_step(*EDITORS)),
    "change-override-lead-time": ("post", the_change, seen(400)),
    "change-place-on-agenda": ("post", the_change, seen(400)),
    "change-approve": ("post", the_change, refused_step(*DECIDERS)),
    "change-deny": ("post", the_change, seen(400)),
    "change-defer": ("post", the_change, refused_step(*DECIDERS)),
    "change-schedule": ("post", the_change, refused_step(*IMPLEMENTERS_AND_PRINCIPAL)),
    "change-start": ("post", the_change, refused_step(*IMPLEMENTERS_AND_PRINCIPAL)),
    "change-complete": ("post", the_change, seen(400)),
    "change-review": ("post", the_change, seen(400)),
    "change-close": ("post", the_change, refused_step(Role.CHANGE_COORDINATOR)),
    "changemeeting-list": ("get", dict, answers(401, 200)),
    "changemeeting-detail": ("get", the_meeting, seen(200)),
    "changemeeting-build-agenda": ("post", the_meeting, refused_step(Role.CHANGE_COORDINATOR)),
    "changemeeting-open": ("post", the_meeting, refused_step(Role.CHANGE_COORDINATOR)),
    "changemeeting-attendance": ("post", the_meeting, seen(400)),
    # A vote without its fields is a 400 for every viewer, before any rule is asked.
    "changemeeting-vote": ("post", the_meeting, seen(400)),
    "changemeeting-close": ("post", the_meeting, refused_step(Role.CHANGE_COORDINATOR)),
}
