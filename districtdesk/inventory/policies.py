"""Who may see and change which assets, and who sees student assignments.

One rule, written once as a queryset filter (`visible_q`); the object check asks the
database whether the asset passes it, so a list never shows what a page refuses. An asset
outside a person's scope is a 404.

- Inventory staff and system administrators see and change every asset, and are the only
  roles that see which student a device is assigned to (FERPA: legitimate interest).
- Directors see every asset, read-only (refresh planning, budgets).
- Technicians and team leads see the assets of the campuses their teams serve, read-only.
- Principals see the assets of the campuses where they hold the principal role, read-only.
- Everyone else sees no assets.
"""

from django.db.models import F, Q, QuerySet

from districtdesk.core.models import Campus, Person, Role, RoleAssignment, Team
from districtdesk.inventory.models import Asset, Audit, InventoryWorkItem
from districtdesk.service_requests import policies as request_policies

MANAGERS = (Role.INVENTORY, Role.SYSTEM_ADMIN)
DISTRICT_WIDE = (*MANAGERS, Role.DIRECTOR)
CAMPUS_TEAMS = (Role.TECHNICIAN, Role.TEAM_LEAD)
STUDENT_VIEWERS = MANAGERS


def visible_q(person: Person, *, through: str = "") -> Q | None:
    """The filter for assets a person may see; None means every asset. `through` is the
    path from another model to its asset ("asset__" for moves), so their lists filter by
    the same rule with a join rather than a subquery over every asset."""
    if not person.is_active:
        return Q(pk__in=[])
    if person.has_role(*DISTRICT_WIDE):
        return None
    scope = Q(pk__in=[])
    if person.has_role(*CAMPUS_TEAMS):
        served = Team.campuses.through.objects.filter(team_id__in=person.team_ids)
        scope |= Q(**{f"{through}campus_id__in": served.values("campus_id")})
    if person.has_role(Role.PRINCIPAL):
        led = RoleAssignment.objects.filter(
            person=person, role=Role.PRINCIPAL, campus__isnull=False
        )
        scope |= Q(**{f"{through}campus_id__in": led.values("campus_id")})
    return scope


def uses_inventory(person: Person) -> bool:
    """Whether the inventory pages are for this person at all (the navigation asks)."""
    return person.is_active and person.has_role(*DISTRICT_WIDE, *CAMPUS_TEAMS, Role.PRINCIPAL)


def assets_visible_to(person: Person) -> QuerySet[Asset]:
    scope = visible_q(person)
    assets = Asset.objects.all()
    return assets if scope is None else assets.filter(scope)


def can_view(person: Person, asset: Asset) -> bool:
    return assets_visible_to(person).filter(pk=asset.pk).exists()


def can_manage(person: Person) -> bool:
    """Register, edit, move, change status and import: the inventory team's work."""
    return person.is_active and person.has_role(*MANAGERS)


def sees_students(person: Person) -> bool:
    return person.is_active and person.has_role(*STUDENT_VIEWERS)


def can_read_student_access_log(person: Person) -> bool:
    """Who read which student's data (FERPA 99.32) is for system administrators: they
    answer parents' requests and investigations."""
    return person.is_active and person.has_role(Role.SYSTEM_ADMIN)


def can_handle_student_records(person: Person) -> bool:
    """Export everything held on a student (a parent's inspection request) or pseudonymise
    it (a deletion request under the district's data privacy agreement)."""
    return person.is_active and person.has_role(Role.SYSTEM_ADMIN)


def audits_visible_to(person: Person) -> QuerySet[Audit]:
    """The audits of the campuses whose assets a person sees (an audit has a campus, as an
    asset does, so the same rule applies)."""
    scope = visible_q(person)
    audits = Audit.objects.all()
    return audits if scope is None else audits.filter(scope)


def can_audit(person: Person) -> bool:
    """Start audits and scan: the inventory team's work."""
    return can_manage(person)


# Each audit phase is a service request, opened and resolved by whoever moves the audit on:
# they must be able to categorise and work requests (an inventory technician).
REQUEST_WORKERS = tuple(set(request_policies.WORKERS) & set(request_policies.CATEGORISERS))


def can_run_audit_phases(person: Person) -> bool:
    return can_audit(person) and person.has_role(*REQUEST_WORKERS)


def can_acknowledge(person: Person, audit: Audit) -> bool:
    """Only the principal of the audited campus acknowledges its audit, by their own
    sign-in: a district-wide role or another campus's principal may not."""
    return (
        person.is_active
        and RoleAssignment.objects.filter(
            person=person, role=Role.PRINCIPAL, campus_id=audit.campus_id
        ).exists()
    )


def can_print_labels(person: Person) -> bool:
    """Bar-tag labels are printed by whoever puts tags on devices: the inventory team (and
    system administrators). A label claims a device's record, so its stock stays with them."""
    return can_manage(person)


def labels_printable_by(person: Person) -> QuerySet[Asset]:
    """The assets a person may print labels for: none, or every asset they see."""
    if not can_print_labels(person):
        return Asset.objects.none()
    return assets_visible_to(person)


def can_print_label(person: Person, asset: Asset) -> bool:
    return labels_printable_by(person).filter(pk=asset.pk).exists()


# --- Inventory work items (seed 003, category 7) ------------------------------------------
#
# Anyone on staff files work for their own campus (their home campus) and for the campuses
# whose assets they see; inventory staff and system administrators file anywhere, and only
# they file new-equipment moves (they receive vendor deliveries). A work item is seen by
# whoever sees the assets of its campus or of its destination, and by whoever asked for
# it. Campus technicians record pick-ups at the campuses their teams serve; the steps that
# change the asset record (drop-off, done) are the inventory team's, as every asset change
# is. The person who asked may cancel while nothing has been picked up yet.


def filing_campuses(person: Person) -> QuerySet[Campus]:
    """The campuses a person may ask inventory work for: their home campus and the campuses
    whose assets they see (every campus for the district-wide roles)."""
    if not person.is_active:
        return Campus.objects.none()
    campuses = Campus.objects.filter(is_active=True)
    scope = visible_q(person)
    if scope is None:
        return campuses
    # The asset rule applied to campuses themselves: a campus is its own "campus_id".
    if person.home_campus_id:
        scope |= Q(pk=person.home_campus_id)
    return campuses.alias(campus_id=F("pk")).filter(scope)


def can_file_work(person: Person, campus: Campus, kind: str) -> bool:
    if kind == InventoryWorkItem.Kind.NEW_MOVE and not can_manage(person):
        return False
    return filing_campuses(person).filter(pk=campus.pk).exists()


def may_file_work(person: Person) -> bool:
    """Whether the work request form is for this person at all."""
    return filing_campuses(person).exists()


def work_visible_q(person: Person) -> Q | None:
    """The filter for work items a person may see; None means every item."""
    if not person.is_active:
        return Q(pk__in=[])
    scope = visible_q(person, through="")
    if scope is None:
        return None
    to_scope = visible_q(person, through="to_")
    return scope | to_scope | Q(requested_by=person)


def work_items_visible_to(person: Person) -> QuerySet[InventoryWorkItem]:
    scope = work_visible_q(person)
    items = InventoryWorkItem.objects.all()
    return items if scope is None else items.filter(scope)


def can_view_work(person: Person, item: InventoryWorkItem) -> bool:
    return work_items_visible_to(person).filter(pk=item.pk).exists()


def _serves(person: Person, item: InventoryWorkItem) -> bool:
    if not person.has_role(*CAMPUS_TEAMS):
        return False
    campuses = {item.campus_id, item.to_campus_id} - {None}
    return Team.campuses.through.objects.filter(
        team_id__in=person.team_ids, campus_id__in=campuses
    ).exists()


def can_pick_up_work(person: Person, item: InventoryWorkItem) -> bool:
    return person.is_active and (can_manage(person) or _serves(person, item))


def can_drop_off_work(person: Person, item: InventoryWorkItem) -> bool:
    return can_manage(person)


def can_complete_work(person: Person, item: InventoryWorkItem) -> bool:
    return can_manage(person)


def can_cancel_work(person: Person, item: InventoryWorkItem) -> bool:
    if can_manage(person):
        return True
    return (
        person.is_active
        and item.requested_by_id == person.pk
        and item.status == InventoryWorkItem.Status.REQUESTED
    )
