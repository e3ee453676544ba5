"""Who may see technology requests and who may take each step.

Sight is one queryset filter, checked for one request by asking the database, so a list never
shows what a page refuses; a request outside a person's scope is a 404. The technology team
sees what it sees of the service request that carries the work; the requester, the person it
is for, the supervisor who approves it (and whoever that supervisor delegated to, while the
delegation runs) see their own; the Business Office, Inventory (which receives every order)
and the district's leaders see every request.
"""

from datetime import date

from django.db.models import Q, QuerySet

from districtdesk.acquisitions.models import ApprovalDelegation, TechnologyRequest
from districtdesk.core.models import Person, Role
from districtdesk.inventory import policies as inventory_policies
from districtdesk.service_requests import policies as request_policies
from districtdesk.service_requests.models import ServiceRequest

# Roles that see every technology request.
DISTRICT_WIDE = (
    Role.BUSINESS_OFFICE,
    Role.INVENTORY,
    Role.CCC_ANALYST,
    Role.DIRECTOR,
    Role.SUPERINTENDENT,
    Role.SYSTEM_ADMIN,
)
# The technology team: reviews, quotes, assigns and deploys what its service request
# routes to it (seed 002: "routed to the appropriate technology department team member").
TECHNOLOGY = (Role.TECHNICIAN, Role.TEAM_LEAD, Role.SYSTEM_ADMIN)
# Picks the funds and records the purchase order.
FUNDERS = (Role.BUSINESS_OFFICE, Role.SYSTEM_ADMIN)


def delegators_of(person: Person, today: date) -> QuerySet[ApprovalDelegation]:
    """The supervisors who have delegated their approvals to this person today."""
    return ApprovalDelegation.objects.filter(
        delegate=person, starts_on__lte=today, ends_on__gte=today, revoked_at__isnull=True
    ).values("supervisor")


def delegates_of(supervisor_id: int, today: date) -> list[int]:
    """The people a supervisor's approvals are delegated to today (they are told too)."""
    return list(
        ApprovalDelegation.objects.filter(
            supervisor_id=supervisor_id,
            starts_on__lte=today,
            ends_on__gte=today,
            revoked_at__isnull=True,
        )
        .order_by("delegate_id")
        .values_list("delegate_id", flat=True)
    )


def approver_q(person: Person, today: date) -> Q:
    return Q(approver=person) | Q(approver__in=delegators_of(person, today))


def visible_q(person: Person, today: date) -> Q | None:
    """The filter for technology requests a person may see; None means every one."""
    if not person.is_active:
        return Q(pk__in=[])
    if person.has_role(*DISTRICT_WIDE):
        return None
    scope = (
        Q(requester=person)
        | Q(requested_for=person)
        | Q(requester__supervisor=person)
        | approver_q(person, today)
    )
    if person.has_role(*TECHNOLOGY):
        requests = request_policies.visible_q(person)
        if requests is None:
            return None
        scope |= Q(service_request__in=ServiceRequest.objects.filter(requests).values("pk"))
    return scope


def visible_to(person: Person, today: date) -> QuerySet[TechnologyRequest]:
    scope = visible_q(person, today)
    requests = TechnologyRequest.objects.all()
    return requests if scope is None else requests.filter(scope)


def can_view(person: Person, request: TechnologyRequest, today: date) -> bool:
    return visible_to(person, today).filter(pk=request.pk).exists()


def can_submit(person: Person) -> bool:
    return person.is_active


def can_work(person: Person, request: TechnologyRequest) -> bool:
    """Review, quote, assign and deploy: the technology team working its service request."""
    return (
        person.is_active
        and person.has_role(*TECHNOLOGY)
        and request_policies.can_work(person, request.service_request)
    )


def can_approve(person: Person, request: TechnologyRequest, today: date) -> bool:
    """Only the supervisor it was forwarded to, or someone they delegated to today."""
    if not person.is_active or request.approver_id is None:
        return False
    if request.approver_id == person.pk:
        return True
    return ApprovalDelegation.objects.filter(
        supervisor=request.approver_id,
        delegate=person,
        starts_on__lte=today,
        ends_on__gte=today,
        revoked_at__isnull=True,
    ).exists()


def can_fund(person: Person) -> bool:
    return person.is_active and person.has_role(*FUNDERS)


def can_receive(person: Person) -> bool:
    """Receiving puts items into inventory: the inventory team's work."""
    return inventory_policies.can_manage(person)


def can_deploy(person: Person, request: TechnologyRequest) -> bool:
    return person.is_active and (
        request.deployer_id == person.pk
        or (person.has_role(Role.TEAM_LEAD, Role.SYSTEM_ADMIN) and can_work(person, request))
    )


def can_withdraw(person: Person, request: TechnologyRequest) -> bool:
    return person.is_active and request.requester_id == person.pk


def can_delegate(person: Person) -> bool:
    """Anyone who supervises someone may name a delegate for their approvals."""
    return person.is_active and (
        person.has_role(Role.SUPERVISOR, Role.PRINCIPAL, Role.DIRECTOR, Role.SUPERINTENDENT)
        or person.direct_reports.exists()
    )
