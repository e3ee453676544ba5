"""Route-matrix rows for the technology-request API (see routes.py).

Every fixture request is the north teacher's, so the same people see each: the teacher, her
supervisor (the principal), the north campus team, and the roles that see every request;
the change coordinator and the committee get 404. An empty POST reaches a step's service only
when the step's fields are all optional: whoever may take the step is then refused by the
state machine (400), every other viewer by the service's permission check (403), so nobody's
call changes state; a step with required fields is a 400 for every viewer.
"""

from districtdesk.core.models import Role
from tests.route_answers import SIGNED_IN, answers

NOT_SEEING = (Role.CHANGE_COORDINATOR, Role.CHANGE_COMMITTEE)
SEERS = [role for role in SIGNED_IN if role not in NOT_SEEING]
TEAM = (Role.TECHNICIAN, Role.TEAM_LEAD, Role.SYSTEM_ADMIN)
APPROVER = (Role.PRINCIPAL, Role.SUPERVISOR)  # one person in the cast


def seen(status: int) -> dict[str, int]:
    return answers(401, 404, **dict.fromkeys(SEERS, status))


def refused_step(*may_act) -> dict[str, int]:
    return {**seen(403), **dict.fromkeys(may_act, 400)}


def request_in(step: str):
    def kwargs(fixtures: dict) -> dict:
        return {"pk": fixtures[step].pk}

    return kwargs


def the_item(fixtures: dict) -> dict:
    return {"pk": fixtures["standard_item"].pk}


def the_delegation(fixtures: dict) -> dict:
    return {"pk": fixtures["delegation"].pk}


# The delegation is the principal's to the team lead: both see it, only she revokes it.
DELEGATION_PARTIES = answers(401, 404, **dict.fromkeys((*APPROVER, Role.TEAM_LEAD), 200))

API_ROUTES: dict = {
    "technologyrequest-list": ("get", dict, answers(401, 200)),
    "technologyrequest-detail": ("get", request_in("in_review"), seen(200)),
    "technologyrequest-forward": ("post", request_in("quoting"), refused_step(*TEAM)),
    "technologyrequest-deny-in-review": ("post", request_in("in_review"), seen(400)),
    # The team lead approves today too: the fixture delegation is the principal's to him.
    "technologyrequest-approve": (
        "post",
        request_in("quoting"),
        refused_step(*APPROVER, Role.TEAM_LEAD),
    ),
    "technologyrequest-deny": ("post", request_in("awaiting_approval"), seen(400)),
    "technologyrequest-quotes": ("post", request_in("quoting"), seen(400)),
    "technologyrequest-request-funding": ("post", request_in("in_review"), refused_step(*TEAM)),
    "technologyrequest-send-back": ("post", request_in("ordered"), seen(400)),
    "technologyrequest-fund": ("post", request_in("ordered"), seen(400)),
    "technologyrequest-receive": ("post", request_in("ordered"), seen(400)),
    "technologyrequest-receive-count": ("post", request_in("ordered"), seen(400)),
    "technologyrequest-assign-deployer": ("post", request_in("received"), seen(400)),
    "technologyrequest-deploy": ("post", request_in("received"), seen(400)),
    "technologyrequest-withdraw": ("post", request_in("quoting"), seen(400)),
    "standarditem-list": ("get", dict, answers(401, 200)),
    "standarditem-detail": ("get", the_item, answers(401, 200)),
    "approvaldelegation-list": ("get", dict, answers(401, 200)),
    "approvaldelegation-detail": ("get", the_delegation, DELEGATION_PARTIES),
    "approvaldelegation-revoke": (
        "post",
        the_delegation,
        {**DELEGATION_PARTIES, Role.TEAM_LEAD: 403},
    ),
}
