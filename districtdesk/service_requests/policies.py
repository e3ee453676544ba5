"""Who may see and work which service requests.

One rule, written once as a queryset filter (`visible_q`) and evaluated for a single
request by asking the database whether the request passes it, so a list can never show
what a detail page refuses. A request outside a person's scope is a 404.
"""

from django.db.models import Q, QuerySet

from districtdesk.core.models import Person, Role, Team
from districtdesk.service_requests.models import Attachment, Note, ServiceRequest

# Roles that see every request in the district.
DISTRICT_WIDE = (Role.CCC_ANALYST, Role.DIRECTOR, Role.SUPERINTENDENT, Role.SYSTEM_ADMIN)
# Roles that work requests: acknowledge, assign, wait, resolve. Inventory staff work the
# category-7 requests routed to the Inventory team (seed 003), audits' phases included.
WORKERS = (Role.TECHNICIAN, Role.TEAM_LEAD, Role.CCC_ANALYST, Role.INVENTORY, Role.SYSTEM_ADMIN)
# Roles that may enter a request on someone else's behalf (a phone call).
ENTER_FOR_OTHERS = (Role.CCC_ANALYST, Role.TECHNICIAN, Role.TEAM_LEAD, Role.SYSTEM_ADMIN)
# Technology Services supervisors: approve working scheduled maintenance ahead of overdue
# requests (seed 003, category 5).
SUPERVISORS = (Role.TEAM_LEAD, Role.DIRECTOR, Role.SYSTEM_ADMIN)
# Seed 003: analysts, campus technicians and service-center technicians categorise.
CATEGORISERS = (Role.CCC_ANALYST, Role.TECHNICIAN, Role.TEAM_LEAD, Role.SYSTEM_ADMIN)


def visible_q(person: Person) -> Q | None:
    """The filter for requests a person may see; None means every request."""
    if not person.is_active:
        return Q(pk__in=[])
    if person.has_role(*DISTRICT_WIDE):
        return None
    # The direct reports as a subquery, not a join: a join to people in an OR keeps the
    # planner from the open-queue indexes and hashes every person for each page.
    reports = Person.objects.filter(supervisor=person).values("pk")
    scope = Q(requester=person) | Q(requester_id__in=reports)
    if person.has_role(*ENTER_FOR_OTHERS):
        # Whoever took the call keeps sight of it, wherever it was routed.
        scope |= Q(entered_by=person)
    if person.has_role(Role.TECHNICIAN, Role.TEAM_LEAD, Role.INVENTORY):
        team_ids = person.team_ids
        served = Team.campuses.through.objects.filter(team_id__in=team_ids).values("campus_id")
        scope |= Q(team_id__in=team_ids) | Q(assignee=person) | Q(campus_id__in=served)
    return scope


def requests_visible_to(person: Person) -> QuerySet[ServiceRequest]:
    """Every condition is a column test or a subquery, never a join that repeats rows."""
    scope = visible_q(person)
    requests = ServiceRequest.objects.all()
    return requests if scope is None else requests.filter(scope)


def can_view(person: Person, request: ServiceRequest) -> bool:
    # visible_q's first two grants, read from the row and the roles already loaded: one's
    # own request (a new one answered to its requester) and district-wide sight.
    if person.is_active and (request.requester_id == person.pk or person.has_role(*DISTRICT_WIDE)):
        return True
    return requests_visible_to(person).filter(pk=request.pk).exists()


def is_staff_viewer(person: Person) -> bool:
    """Sees work notes and the full SLA panel, not only replies."""
    return person.has_role(*WORKERS, Role.DIRECTOR, Role.SUPERINTENDENT)


# Each power is a role plus sight of the request. A caller that fetched the request through
# requests_visible_to already knows it is visible and passes visible=True, saving a query.


def can_work(person: Person, request: ServiceRequest, *, visible: bool = False) -> bool:
    return person.has_role(*WORKERS) and (visible or can_view(person, request))


def can_categorise(person: Person, request: ServiceRequest, *, visible: bool = False) -> bool:
    return person.has_role(*CATEGORISERS) and (visible or can_view(person, request))


def can_approve_working_ahead(
    person: Person, request: ServiceRequest, *, visible: bool = False
) -> bool:
    return person.has_role(*SUPERVISORS) and (visible or can_view(person, request))


def can_enter_for_others(person: Person) -> bool:
    return person.is_active and person.has_role(*ENTER_FOR_OTHERS)


def can_see_attachment(attachment: Attachment, *, staff_viewer: bool) -> bool:
    """For someone who sees the request (`staff_viewer` = is_staff_viewer): a file that came
    with a work note is for staff viewers only, like the note itself."""
    if staff_viewer or attachment.note_id is None:
        return True
    return attachment.note.visibility == Note.Visibility.REPLY
