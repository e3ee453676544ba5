"""Route-matrix rows for the technology-request pages (see routes.py).

Pages send an anonymous visitor to sign in (302). Everyone signed in asks for technology,
reads their own requests and the standards. A request's page is for those the policy lets
see it (its requester and their supervisor, the technology team working it, and the
district-wide roles); anyone else gets a 404, as for a request that does not exist. A step or
queue a role may never use is a 404 too. An empty POST from whoever may take a step comes
back as the page with the form's error (200), so nobody's call changes state.
"""

from districtdesk.acquisitions import policies
from districtdesk.core.models import Role
from tests.route_answers import answers

# The cast's principal also holds the supervisor role; the system administrator is a
# superuser, who holds every role.
SEEN = [role for role in Role if role not in (Role.CHANGE_COORDINATOR, Role.CHANGE_COMMITTEE)]
TECHNOLOGY_TEAM = policies.TECHNOLOGY
APPROVERS = (Role.PRINCIPAL, Role.SUPERVISOR)
# The team lead approves in the principal's place today (the fixtures' delegation).
DELEGATE = (Role.TEAM_LEAD,)
SUPERVISORS = (*APPROVERS, Role.DIRECTOR, Role.SUPERINTENDENT, Role.SYSTEM_ADMIN)
FUNDERS = policies.FUNDERS
RECEIVERS = (Role.INVENTORY, Role.SYSTEM_ADMIN)


def only(roles, status: int = 200) -> dict[str, int]:
    return answers(302, 404, **dict.fromkeys(roles, status))


def the(name: str):
    return lambda fixtures: {"pk": fixtures[name].pk}


STEPS = {
    "forward": ("in_review", TECHNOLOGY_TEAM),
    "deny_in_review": ("in_review", TECHNOLOGY_TEAM),
    "approve": ("awaiting_approval", (*APPROVERS, *DELEGATE)),
    "deny": ("awaiting_approval", (*APPROVERS, *DELEGATE)),
    "add_quote": ("quoting", TECHNOLOGY_TEAM),
    "request_funding": ("quoting", TECHNOLOGY_TEAM),
    "send_back": ("awaiting_funding", FUNDERS),
    "fund": ("awaiting_funding", FUNDERS),
    "assign_deployer": ("received", TECHNOLOGY_TEAM),
    # The technician assigned to deploy it, or a team lead working it.
    "deploy": ("deploying", (Role.TECHNICIAN, Role.TEAM_LEAD, Role.SYSTEM_ADMIN)),
    "withdraw": ("in_review", (Role.REQUESTER,)),
}

PAGE_ROUTES: dict = {
    "technology_list": ("get", dict, answers(302, 200)),
    "technology_new": ("get", dict, answers(302, 200)),
    "technology_check": ("post", dict, answers(302, 200)),
    "technology_standards": ("get", dict, answers(302, 200)),
    "technology_review": ("get", dict, only(TECHNOLOGY_TEAM)),
    "technology_approvals": ("get", dict, only((*SUPERVISORS, *DELEGATE))),
    "technology_delegations": ("get", dict, only(SUPERVISORS)),
    # Only the supervisor who made it revokes it, then back to their delegations.
    "technology_delegation_revoke": ("post", the("delegation"), only(APPROVERS, 302)),
    "technology_funding": ("get", dict, only(FUNDERS)),
    "technology_receiving": ("get", dict, only(RECEIVERS)),
    "technology_detail": ("get", the("in_review"), only(SEEN)),
    "technology_receive": ("get", the("ordered"), only(RECEIVERS)),
    "technology_receive_count": ("post", the("ordered"), only(RECEIVERS)),
    **{
        f"technology_{step}": ("post", the(fixture), only(roles))
        for step, (fixture, roles) in STEPS.items()
    },
}
