"""The campus audit's phases, each a category-7 service request on the chart's SLA:
scanning (7.2) → submitted discrepancy (7.3) → reconciliation (7.4) → completion (7.9).
States are reached through the services only, with the clock pinned."""

from datetime import timedelta

import pytest
import time_machine

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.inventory import audit_workflow
from districtdesk.inventory.models import Asset, Audit, AuditDiscrepancy
from districtdesk.inventory.services import audit_phases, discrepancies
from districtdesk.inventory.services.auditing import record_scan, start_audit
from districtdesk.service_requests.models import ServiceRequest, Target
from tests.inventory.factories import register, room

pytestmark = pytest.mark.django_db
Phase = Audit.Phase
Kind = AuditDiscrepancy.Kind


@pytest.fixture
def scanned(district, now, tech):
    """North's audit after scanning: one verified, one misplaced (in 102, on record in 101),
    one never scanned, and one unknown tag."""
    register(district, bar_tag="NE000001")
    register(district, bar_tag="NE000002")
    register(district, bar_tag="NE000003")
    audit = start_audit(district.north, actor=tech)
    for tag, number in (("NE000001", "101"), ("NE000002", "102"), ("ZZ999999", "LIB")):
        record_scan(audit, actor=tech, tag=tag, room=room(district.north, number))
    return audit


def phase_request(audit: Audit, phase: str) -> ServiceRequest:
    return audit.phases.get(phase=phase).request


def test_starting_an_audit_files_its_scanning_phase_as_a_7_2_request(scanned, tech, now):
    request = phase_request(scanned, Phase.SCANNING)

    assert (request.category.number, request.priority.number) == (7, 2)
    assert request.status == ServiceRequest.Status.OPEN
    assert request.requester == tech and request.campus == scanned.campus
    # 20 days on the chart's calendar: due well after the start, and before 30 days.
    resolve_by = request.targets.get(kind=Target.Kind.RESOLVE).due_at
    assert now + timedelta(days=19) < resolve_by < now + timedelta(days=30)


def test_ending_scanning_lists_each_discrepancy_and_moves_to_7_3(scanned, tech, now):
    audit = audit_phases.end_scanning(scanned, actor=tech)

    found = set(audit.discrepancies.values_list("tag", "kind"))
    assert found == {
        ("NE000002", Kind.MISPLACED),
        ("NE000003", Kind.MISSING),
        ("ZZ999999", Kind.UNKNOWN),
    }
    assert audit.phase == Phase.DISCREPANCY
    assert phase_request(audit, Phase.SCANNING).status == ServiceRequest.Status.RESOLVED
    assert phase_request(audit, Phase.DISCREPANCY).priority.number == 3
    assert "audit.scanning_ended" in Event.objects.for_subject(audit).values_list("code", flat=True)


def test_discrepancies_are_submitted_only_once_every_one_is_documented(scanned, tech):
    audit = audit_phases.end_scanning(scanned, actor=tech)
    first = audit.discrepancies.first()
    discrepancies.document_discrepancy(first, actor=tech, notes="Looked in the library.")

    with pytest.raises(DomainError) as refused:
        audit_phases.submit_discrepancies(audit, actor=tech)

    assert refused.value.code == "undocumented_discrepancies"
    assert Audit.objects.get(pk=audit.pk).phase == Phase.DISCREPANCY
    assert not audit.phases.filter(phase=Phase.RECONCILIATION).exists()


def documented(scanned, tech) -> Audit:
    audit = audit_phases.end_scanning(scanned, actor=tech)
    for discrepancy in audit.discrepancies.all():
        discrepancies.document_discrepancy(discrepancy, actor=tech, notes="Checked the room.")
    return audit


def test_a_misplaced_discrepancy_becomes_a_move_to_where_it_was_scanned(scanned, tech):
    audit = documented(scanned, tech)
    misplaced = audit.discrepancies.get(kind=Kind.MISPLACED)

    settled = discrepancies.move_to_where_found(misplaced, actor=tech)

    asset = Asset.objects.get(bar_tag="NE000002")
    assert asset.room.number == "102"
    assert settled.move.kind == "correction" and settled.outcome == "moved"


def test_an_unknown_tag_becomes_a_7_3_investigation_and_theft_a_3_1(scanned, tech):
    audit = documented(scanned, tech)
    unknown = audit.discrepancies.get(kind=Kind.UNKNOWN)
    missing = audit.discrepancies.get(kind=Kind.MISSING)

    investigated = discrepancies.investigate_discrepancy(
        unknown, actor=tech, reason="Whose tag is this?"
    )
    stolen = discrepancies.investigate_discrepancy(
        missing, actor=tech, reason="Cart left unlocked overnight.", stolen=True
    )

    request = investigated.request
    assert (request.category.number, request.priority.number) == (7, 3)
    assert request.asset_tag == "ZZ999999" and "Checked the room." in request.description
    assert (stolen.request.category.number, stolen.request.priority.number) == (3, 1)


def test_a_discrepancy_is_settled_once(scanned, tech):
    audit = documented(scanned, tech)
    misplaced = audit.discrepancies.get(kind=Kind.MISPLACED)
    discrepancies.move_to_where_found(misplaced, actor=tech)

    with pytest.raises(DomainError) as refused:
        discrepancies.investigate_discrepancy(misplaced, actor=tech, reason="Again")

    assert refused.value.code == "already_settled"
    assert not ServiceRequest.objects.filter(asset_tag="NE000002").exists()


def reconciling(scanned, tech) -> Audit:
    audit = documented(scanned, tech)
    return audit_phases.submit_discrepancies(audit, actor=tech)


def test_submitting_opens_reconciliation_as_a_7_4_request(scanned, tech):
    audit = reconciling(scanned, tech)

    assert audit.phase == Phase.RECONCILIATION
    assert phase_request(audit, Phase.DISCREPANCY).status == ServiceRequest.Status.RESOLVED
    assert phase_request(audit, Phase.RECONCILIATION).priority.number == 4


def test_the_search_finds_a_missing_item_or_writes_it_off_with_its_report(district, scanned, tech):
    audit = reconciling(scanned, tech)
    missing = audit.discrepancies.get(kind=Kind.MISSING)

    with pytest.raises(DomainError) as refused:
        discrepancies.write_off_missing(missing, actor=tech, status="lost", report="", reason="x")
    assert refused.value.code == "report_required"

    located = discrepancies.locate_missing(
        missing, actor=tech, room=room(district.north, "LIB"), note="On the library cart."
    )
    assert located.outcome == "located"
    assert Asset.objects.get(bar_tag="NE000003").room.number == "LIB"


def test_a_missing_item_written_off_as_stolen_changes_the_assets_status(scanned, tech):
    audit = reconciling(scanned, tech)
    missing = audit.discrepancies.get(kind=Kind.MISSING)

    discrepancies.write_off_missing(
        missing, actor=tech, status="stolen", report="HPD-2027-114", reason="Taken from 101"
    )

    asset = Asset.objects.get(bar_tag="NE000003")
    assert (asset.status, asset.status_report) == ("stolen", "HPD-2027-114")


def settle_all(audit: Audit, tech, district) -> None:
    for discrepancy in audit.discrepancies.filter(outcome=""):
        if discrepancy.kind == Kind.MISSING:
            discrepancies.locate_missing(discrepancy, actor=tech, room=room(district.north, "102"))
        elif discrepancy.kind == Kind.MISPLACED:
            discrepancies.move_to_where_found(discrepancy, actor=tech)
        else:
            discrepancies.investigate_discrepancy(discrepancy, actor=tech, reason="Unknown")


def test_reconciliation_ends_with_every_discrepancy_settled_and_the_findings(
    district, scanned, tech
):
    audit = reconciling(scanned, tech)
    with pytest.raises(DomainError) as refused:
        audit_phases.end_reconciliation(audit, actor=tech, findings="Searched.")
    assert refused.value.code == "open_discrepancies"
    settle_all(audit, tech, district)
    with pytest.raises(DomainError) as empty:
        audit_phases.end_reconciliation(audit, actor=tech, findings="  ")
    assert empty.value.code == "findings_required"

    audit = audit_phases.end_reconciliation(audit, actor=tech, findings="All accounted for.")

    assert (audit.phase, audit.findings) == (Phase.COMPLETION, "All accounted for.")
    reconciliation = phase_request(audit, Phase.RECONCILIATION)
    assert reconciliation.resolution == "All accounted for."
    assert phase_request(audit, Phase.COMPLETION).priority.number == 9


def in_completion(district, scanned, tech) -> Audit:
    audit = reconciling(scanned, tech)
    settle_all(audit, tech, district)
    return audit_phases.end_reconciliation(audit, actor=tech, findings="All accounted for.")


@pytest.mark.parametrize("role", [Role.INVENTORY, Role.DIRECTOR, Role.SYSTEM_ADMIN])
def test_only_the_campus_principal_acknowledges(district, scanned, tech, people, role):
    audit = in_completion(district, scanned, tech)

    with pytest.raises(DomainError) as refused:
        audit_phases.acknowledge_audit(audit, actor=people[role])

    assert refused.value.code == "not_allowed"
    assert Audit.objects.get(pk=audit.pk).acknowledged_at is None


def test_the_principal_of_another_campus_may_not_acknowledge(district, scanned, tech):
    from tests.core.factories import PersonFactory

    south_principal = PersonFactory(roles=[(Role.PRINCIPAL, district.south)])
    audit = in_completion(district, scanned, tech)

    with pytest.raises(DomainError) as refused:
        audit_phases.acknowledge_audit(audit, actor=south_principal)

    assert refused.value.code == "not_allowed"


def test_the_principal_acknowledges_then_the_audit_completes(district, scanned, tech, people):
    principal = people[Role.PRINCIPAL]
    audit = in_completion(district, scanned, tech)
    with pytest.raises(DomainError) as early:
        audit_phases.complete_audit(audit, actor=tech)
    assert early.value.code == "not_acknowledged"

    with time_machine.travel(audit.started_at + timedelta(days=3), tick=False):
        acknowledged = audit_phases.acknowledge_audit(audit, actor=principal)
        audit = audit_phases.complete_audit(audit, actor=tech)

    assert acknowledged.acknowledged_by == principal
    assert audit.phase == Phase.COMPLETED and audit.completed_at == acknowledged.acknowledged_at
    completion = phase_request(audit, Phase.COMPLETION)
    assert completion.status == ServiceRequest.Status.RESOLVED
    assert "Priya Shah" in completion.resolution and "tags.csv" in completion.resolution
    # Seed 003, 7.9: the final tag export is attached to the completion request.
    (export,) = completion.attachments.all()
    assert export.original_name.endswith("-tags.csv") and export.content_type == "text/csv"
    with export.file.open("rb") as stored:
        content = stored.read().decode()
    assert all(item.asset.bar_tag in content for item in audit.items.select_related("asset")[:5])
    with pytest.raises(DomainError) as again:
        audit_phases.acknowledge_audit(audit, actor=principal)
    assert again.value.code == "cannot_acknowledge"


def test_inventory_staff_who_do_not_work_requests_cannot_move_an_audit_on(
    district, scanned, people
):
    with pytest.raises(DomainError) as refused:
        audit_phases.end_scanning(scanned, actor=people[Role.INVENTORY])

    assert refused.value.code == "not_allowed"
    assert Audit.objects.get(pk=scanned.pk).phase == Phase.SCANNING


def test_every_step_of_the_table_names_a_known_phase():
    phases = set(Phase.values)
    for allowed, after in audit_workflow.STEPS.values():
        assert allowed <= phases and after in phases
    assert set(audit_workflow.PHASE_PRIORITY) == phases - {Phase.COMPLETED}
