"""The audit's later phases through the pages and the API: documenting and settling a
discrepancy, the principal's acknowledgement, the final tag export and the progress chart."""

import csv
import io

import pytest
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.inventory.models import Audit, AuditDiscrepancy
from districtdesk.inventory.services import audit_phases, discrepancies
from districtdesk.inventory.services.auditing import record_scan, start_audit
from tests.inventory.factories import register, room

pytestmark = pytest.mark.django_db
Kind = AuditDiscrepancy.Kind


@pytest.fixture
def scanned(district, now, tech):
    register(district, bar_tag="NE000001")
    register(district, bar_tag="NE000002")
    audit = start_audit(district.north, actor=tech)
    record_scan(audit, actor=tech, tag="NE000001", room=room(district.north, "102"))
    record_scan(audit, actor=tech, tag="QQ000009", room=room(district.north, "101"))
    return audit_phases.end_scanning(audit, actor=tech)


def test_the_discrepancy_page_documents_and_refuses_empty_notes(client, scanned, tech):
    client.force_login(tech)
    misplaced = scanned.discrepancies.get(kind=Kind.MISPLACED)
    url = reverse("discrepancy_document", kwargs={"pk": scanned.pk, "discrepancy_pk": misplaced.pk})

    empty = client.post(url, {"notes": "   "})
    saved = client.post(url, {"notes": "On the teacher's desk in 102."})

    assert empty.status_code == 200 and "This field is required" in empty.content.decode()
    assert saved.status_code == 302
    misplaced.refresh_from_db()
    assert misplaced.notes == "On the teacher's desk in 102." and misplaced.documented_by == tech


def test_the_api_documents_settles_and_moves_the_audit_on(client, district, scanned, tech):
    client.force_login(tech)
    ids = dict(scanned.discrepancies.values_list("kind", "pk"))

    def post(name: str, pk: int, body: dict | None = None):
        return client.post(reverse(name, kwargs={"pk": pk}), body or {}, "application/json")

    undocumented = post("auditdiscrepancy-move", ids[Kind.MISPLACED])
    assert undocumented.status_code == 400 and "notes" in undocumented.json()
    for pk in ids.values():
        assert post("auditdiscrepancy-document", pk, {"notes": "Checked."}).status_code == 200
    assert post("audit-submit-discrepancies", scanned.pk).json()["phase"] == "reconciliation"
    assert post("auditdiscrepancy-move", ids[Kind.MISPLACED]).json()["settled_as"] == "moved"
    located = post("auditdiscrepancy-locate", ids[Kind.MISSING], {"room": 0})
    assert located.status_code == 400 and "room" in located.json()
    room_lib = room(district.north, "LIB").pk
    assert post("auditdiscrepancy-locate", ids[Kind.MISSING], {"room": room_lib}).status_code == 200
    unknown = post("auditdiscrepancy-investigate", ids[Kind.UNKNOWN], {"reason": "Whose?"})
    assert unknown.json()["request"].startswith("SR-")
    ended = post("audit-end-reconciliation", scanned.pk, {"findings": "All found."})
    assert ended.json()["phase"] == "completion"


@pytest.fixture
def awaiting_acknowledgement(district, scanned, tech) -> Audit:
    for discrepancy in scanned.discrepancies.all():
        discrepancies.document_discrepancy(discrepancy, actor=tech, notes="Checked.")
    audit = audit_phases.submit_discrepancies(scanned, actor=tech)
    for discrepancy in audit.discrepancies.all():
        discrepancies.investigate_discrepancy(discrepancy, actor=tech, reason="Look into it")
    return audit_phases.end_reconciliation(audit, actor=tech, findings="Three to investigate.")


def test_the_principal_acknowledges_on_the_page_and_the_export_opens(
    client, awaiting_acknowledgement, people
):
    audit = awaiting_acknowledgement
    export = reverse("audit_tags_export", kwargs={"pk": audit.pk})
    client.force_login(people[Role.PRINCIPAL])
    assert client.get(export).status_code == 404
    page = client.get(reverse("audit_detail", kwargs={"pk": audit.pk})).content.decode()
    assert "Acknowledge the audit" in page

    client.post(reverse("audit_acknowledge", kwargs={"pk": audit.pk}))
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get(export)).decode("utf-8-sig"))))

    assert Audit.objects.get(pk=audit.pk).acknowledged_by == people[Role.PRINCIPAL]
    by_tag = {row["bar_tag"]: row for row in rows}
    assert set(by_tag) == {"NE000001", "NE000002", "QQ000009"}
    assert (by_tag["NE000001"]["audit_state"], by_tag["NE000001"]["scanned_room"]) == (
        "misplaced",
        "102",
    )
    assert by_tag["QQ000009"]["outcome"] == "investigation"
    assert by_tag["NE000002"]["request"].startswith("SR-")


def test_only_the_campus_principal_sees_the_acknowledge_button(
    client, awaiting_acknowledgement, people
):
    url = reverse("audit_acknowledge", kwargs={"pk": awaiting_acknowledgement.pk})
    client.force_login(people[Role.DIRECTOR])

    assert client.post(url).status_code == 404
    assert Audit.objects.get(pk=awaiting_acknowledgement.pk).acknowledged_at is None


def test_the_overview_draws_each_campus_with_a_text_summary_and_a_table(client, scanned, people):
    client.force_login(people[Role.DIRECTOR])

    page = client.get(reverse("audit_list")).content.decode()

    assert "1 audit under way: 1 of 2 expected tags scanned (50%), 3 discrepancies open." in page
    assert '<rect class="progress-chart__fill" x="0" y="0" width="50"' in page
    assert "Show as table" in page and 'style="' not in page.split("<main")[-1]
