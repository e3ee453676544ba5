"""The demo's audits: four campuses, each left in another phase, every step taken through
the audit services, so phase requests, discrepancies, moves and events exist."""

from datetime import UTC, datetime

import pytest
import time_machine

from districtdesk.activity.models import Event
from districtdesk.core.models import Role
from districtdesk.inventory.demo_assets import load_demo_assets
from districtdesk.inventory.demo_audits import load_demo_audits
from districtdesk.inventory.models import Audit, AuditDiscrepancy, AuditPhase
from tests.cast import build_district
from tests.core.factories import CampusFactory, PersonFactory, RoomFactory
from tests.inventory.factories import inventory_technician

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 2, 10, 17, 0, tzinfo=UTC)
Phase = Audit.Phase


@pytest.fixture
def loaded():
    district = build_district()
    PersonFactory(username="south.principal", roles=[(Role.PRINCIPAL, district.south)])
    for code in ("ES-201", "ES-202"):
        campus = CampusFactory(code=code, name=f"Campus {code}")
        for number in ("1", "2", "3"):
            RoomFactory(campus=campus, number=number)
        PersonFactory(username=f"principal.{code}", roles=[(Role.PRINCIPAL, campus)])
    inventory_technician()
    with time_machine.travel(NOW, tick=False):
        load_demo_assets(count=100, seed=3, now=NOW)
        return load_demo_audits(seed=3, now=NOW)


def test_the_demo_leaves_an_audit_in_each_phase(loaded):
    assert loaded == {
        phase: 1
        for phase in (Phase.COMPLETED, Phase.RECONCILIATION, Phase.DISCREPANCY, Phase.SCANNING)
    }
    audits = {audit.phase: audit for audit in Audit.objects.all()}
    scanning = audits[Phase.SCANNING]
    assert 0 < scanning.scans.count() < scanning.expected_count  # part-way through
    assert not scanning.discrepancies.exists()
    in_discrepancy = audits[Phase.DISCREPANCY].discrepancies
    assert in_discrepancy.filter(documented_at__isnull=True).exists()
    assert in_discrepancy.filter(documented_at__isnull=False).exists()
    reconciling = audits[Phase.RECONCILIATION].discrepancies
    assert reconciling.filter(outcome=AuditDiscrepancy.Outcome.OPEN).exists()
    assert reconciling.exclude(outcome=AuditDiscrepancy.Outcome.OPEN).exists()
    completed = audits[Phase.COMPLETED]
    assert completed.acknowledged_by.has_role(Role.PRINCIPAL)
    assert not completed.discrepancies.filter(outcome=AuditDiscrepancy.Outcome.OPEN).exists()
    assert load_demo_audits(seed=3, now=NOW) == {}  # loaded once


def test_each_phase_has_its_request_and_each_step_its_event(loaded):
    for audit in Audit.objects.all():
        phases = list(audit.phases.order_by("opened_at").values_list("phase", flat=True))
        assert phases[-1] == audit.phase or audit.phase == Phase.COMPLETED
    assert AuditPhase.objects.filter(ended_at__isnull=True).count() == 3  # one open per audit
    codes = set(Event.objects.values_list("code", flat=True))
    assert {
        "audit.started",
        "audit.scanning_ended",
        "audit.discrepancy_documented",
        "audit.discrepancies_submitted",
        "audit.discrepancy_settled",
        "audit.reconciled",
        "audit.acknowledged",
        "audit.completed",
        "asset.moved",
        "asset.status_changed",
    } <= codes
    assert not Event.objects.filter(occurred_at__gt=NOW).exists()
