"""Who may see change requests and who may act at each step.

Change control tells district staff about changes to production systems (seed 000), so
every staff role sees every change; a plain requester (and the business office) sees only
changes they submitted, which in practice is none. One rule, written once as a queryset
filter, and checked for one change by asking the database, so a list never shows what a
detail page refuses. A change outside a person's scope is a 404.
"""

from django.db.models import Q, QuerySet

from districtdesk.changes.models import ChangeControlSettings, ChangeRequest, Meeting
from districtdesk.core.models import Person, Role

# Roles that see every change and every meeting.
STAFF = (
    Role.SUPERVISOR,
    Role.PRINCIPAL,
    Role.TECHNICIAN,
    Role.TEAM_LEAD,
    Role.CCC_ANALYST,
    Role.CHANGE_COORDINATOR,
    Role.CHANGE_COMMITTEE,
    Role.INVENTORY,
    Role.DIRECTOR,
    Role.SUPERINTENDENT,
    Role.SYSTEM_ADMIN,
)
# Seed 000: a department head, manager or supervisor, any data-quality member or a
# subject-matter expert submits. Technicians and team leads are the district's subject-
# matter experts; the coordinator and committee members may submit too.
SUBMITTERS = (
    Role.SUPERVISOR,
    Role.DIRECTOR,
    Role.TEAM_LEAD,
    Role.TECHNICIAN,
    Role.CHANGE_COMMITTEE,
    Role.CHANGE_COORDINATOR,
    Role.SYSTEM_ADMIN,
)
# Runs the meeting and its agenda, overrides lead time, closes changes; the single approver
# where the district has no committee (seed 001's technology coordinator).
COORDINATORS = (Role.CHANGE_COORDINATOR, Role.SYSTEM_ADMIN)
# Decide at the meeting; the coordinator records decisions on the committee's instruction.
COMMITTEE = (Role.CHANGE_COMMITTEE, Role.CHANGE_COORDINATOR, Role.SYSTEM_ADMIN)
# Carry a change out and write its review: whoever may submit one.
IMPLEMENTERS = SUBMITTERS


def visible_q(person: Person) -> Q | None:
    """The filter for changes a person may see; None means every change."""
    if not person.is_active:
        return Q(pk__in=[])
    if person.has_role(*STAFF):
        return None
    return Q(submitter=person)


def changes_visible_to(person: Person) -> QuerySet[ChangeRequest]:
    scope = visible_q(person)
    changes = ChangeRequest.objects.all()
    return changes if scope is None else changes.filter(scope)


def meetings_visible_to(person: Person) -> QuerySet[Meeting]:
    if person.is_active and person.has_role(*STAFF):
        return Meeting.objects.all()
    return Meeting.objects.none()


def can_view(person: Person, change: ChangeRequest) -> bool:
    return changes_visible_to(person).filter(pk=change.pk).exists()


def can_submit(person: Person) -> bool:
    return person.is_active and person.has_role(*SUBMITTERS)


def can_edit(person: Person, change: ChangeRequest) -> bool:
    return person.is_active and (change.submitter_id == person.pk or person.has_role(*COORDINATORS))


def can_coordinate(person: Person) -> bool:
    return person.is_active and person.has_role(*COORDINATORS)


def can_decide(person: Person, approval_model: str) -> bool:
    if approval_model == ChangeControlSettings.ApprovalModel.SINGLE_APPROVER:
        return can_coordinate(person)
    return person.is_active and person.has_role(*COMMITTEE)


def can_implement(person: Person, change: ChangeRequest) -> bool:
    return person.is_active and (change.submitter_id == person.pk or person.has_role(*IMPLEMENTERS))
