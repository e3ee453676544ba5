"""Route-matrix rows for the change-control pages (see routes.py).

Pages send an anonymous visitor to sign in (302). Every staff role sees every change and
meeting; a plain requester and the business office get 404, as for a change that does not
exist. A step or page a role may never use is a 404 too. An empty POST from whoever may take
a step comes back as the page with the form's error (200), so nobody's call changes state.
"""

from districtdesk.changes import policies
from districtdesk.core.models import Role
from tests.route_answers import answers

STAFF = policies.STAFF
# The cast's principal also holds the supervisor role.
SUBMITTERS = (*policies.SUBMITTERS, Role.PRINCIPAL)
COORDINATORS = policies.COORDINATORS
DECIDERS = policies.COMMITTEE


def seen(status: int) -> dict[str, int]:
    return answers(302, 404, **dict.fromkeys(STAFF, status))


def only(roles, status: int = 200) -> dict[str, int]:
    return answers(302, 404, **dict.fromkeys(roles, status))


def the_change(fixtures: dict) -> dict:
    return {"pk": fixtures["change"].pk}


def the_draft(fixtures: dict) -> dict:
    return {"pk": fixtures["draft_change"].pk}


def the_meeting(fixtures: dict) -> dict:
    return {"pk": fixtures["closed_meeting"].pk}


def the_item(fixtures: dict) -> dict:
    item = fixtures["planned_meeting"].items.get()
    return {"pk": item.meeting_id, "item_pk": item.pk}


def an_unknown_secret(fixtures: dict) -> dict:
    return {"token": "no-such-secret"}


def a_report(fixtures: dict) -> dict:
    return {"kind": "emergency"}


STEP_ROLES = {
    "submit": (Role.TECHNICIAN, *COORDINATORS),
    "override_lead_time": COORDINATORS,
    "place_on_agenda": COORDINATORS,
    "approve": DECIDERS,
    "deny": DECIDERS,
    "defer": DECIDERS,
    "schedule": SUBMITTERS,
    "start": SUBMITTERS,
    "complete": SUBMITTERS,
    "review": SUBMITTERS,
    "close": COORDINATORS,
}

PAGE_ROUTES: dict = {
    "change_list": ("get", dict, answers(302, 200)),
    "change_new": ("get", dict, only(SUBMITTERS)),
    "change_check": ("post", dict, only(SUBMITTERS)),
    "change_detail": ("get", the_change, seen(200)),
    "change_edit": ("get", the_draft, only((Role.TECHNICIAN, *COORDINATORS))),
    **{f"change_{step}": ("post", the_change, only(roles)) for step, roles in STEP_ROLES.items()},
    "meeting_list": ("get", dict, seen(200)),
    # The coordinator plans the next regular meeting; asked again, it is already planned.
    "meeting_plan": ("post", dict, only(COORDINATORS, 302)),
    "meeting_detail": ("get", the_meeting, seen(200)),
    "meeting_agenda": ("get", the_meeting, seen(200)),
    "meeting_decide": ("post", the_item, only(DECIDERS)),
    "meeting_vote": ("post", the_item, only(DECIDERS)),
    "meeting_build_agenda": ("post", the_meeting, only(COORDINATORS)),
    "meeting_open": ("post", the_meeting, only(COORDINATORS)),
    "meeting_attendance": ("post", the_meeting, only(COORDINATORS)),
    "meeting_close": ("post", the_meeting, only(COORDINATORS)),
    "change_calendar": ("get", dict, seen(200)),
    # Making a feed address is a POST; the page itself shows no secret.
    "change_calendar_subscribe": ("get", dict, seen(200)),
    # The feed needs no session: an unknown secret is a 404 for everyone.
    "change_feed": ("get", an_unknown_secret, answers(404, 404)),
    "change_report": ("get", a_report, seen(200)),
    "change_report_csv": ("get", a_report, seen(200)),
}
