"""A scan sent again (a flaky connection, the page's offline queue) is recorded once: the
service, the scanning page and the API answer a repeated scan id with the first answer and
write nothing. A label's QR address counts as its tag."""

import uuid

import pytest
from django.urls import reverse

from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.inventory.models import AuditItem, AuditScan
from districtdesk.inventory.services import auditing
from districtdesk.inventory.services.auditing import record_scan, start_audit
from districtdesk.inventory.tags import tag_in_scan
from tests.inventory.factories import register, room

pytestmark = pytest.mark.django_db
Result = AuditScan.Result


@pytest.fixture
def audit(district, now, tech):
    register(district, bar_tag="NE000001")
    register(district, bar_tag="NE000002", room_number="102")
    return start_audit(district.north, actor=tech)


@pytest.fixture
def room_101(district):
    return room(district.north, "101")


def test_a_scan_sent_again_gets_its_first_answer_and_writes_nothing(audit, tech, room_101):
    scan_id = str(uuid.uuid4())
    first = record_scan(audit, actor=tech, tag="NE000002", room=room_101, client_id=scan_id)

    again = record_scan(audit, actor=tech, tag="ne000002", room=room_101, client_id=scan_id)

    assert (first.is_repeat, again.is_repeat) == (False, True)
    assert (again.pk, again.result) == (first.pk, Result.MISPLACED)
    assert AuditScan.objects.count() == 1
    # Not "already scanned": the repeat is the same scan, not a second one.
    assert AuditItem.objects.get(asset__bar_tag="NE000002").state == "misplaced"


def test_a_scan_id_used_for_another_tag_is_refused(audit, tech, room_101):
    record_scan(audit, actor=tech, tag="NE000001", room=room_101, client_id="one")

    with pytest.raises(DomainError) as refused:
        record_scan(audit, actor=tech, tag="NE000002", room=room_101, client_id="one")

    assert (refused.value.code, refused.value.field) == ("client_id_reused", "client_id")
    assert AuditScan.objects.count() == 1


def test_the_second_of_two_racing_sends_answers_with_the_first(audit, tech, room_101, monkeypatch):
    # Given the first send recorded, and a second send of the same id that did not see it
    # (where the audit's row lock does not hold)
    first = record_scan(audit, actor=tech, tag="NE000001", room=room_101, client_id="race")
    look_up = auditing._earlier_scan
    blind = iter([None])
    monkeypatch.setattr(
        auditing, "_earlier_scan", lambda *args: next(blind, None) or look_up(*args)
    )

    # When it is written, the unique constraint stops it
    again = record_scan(audit, actor=tech, tag="NE000001", room=room_101, client_id="race")

    # Then it answers with the first scan, and its own changes are undone
    assert (again.pk, again.result, again.is_repeat) == (first.pk, Result.VERIFIED, True)
    assert AuditScan.objects.count() == 1
    assert AuditItem.objects.get(asset__bar_tag="NE000001").state == "verified"


@pytest.mark.parametrize(
    ("scanned", "tag"),
    [
        ("ne000001", "NE000001"),
        ("https://desk.district.example/inventory/t/NE000001/", "NE000001"),
        ("http://10.0.0.5:8000/inventory/t/ne000001", "NE000001"),
        ("/inventory/t/NE000001/?from=label", "NE000001"),
        ("https://desk.district.example/inventory/", "HTTPS://DESK.DISTRICT.EXAMPLE/INVENTORY/"),
    ],
)
def test_a_labels_qr_address_scans_as_its_tag(scanned, tag):
    assert tag_in_scan(scanned) == tag


def test_a_scanned_qr_address_resolves_the_tag(audit, tech, room_101):
    scan = record_scan(
        audit, actor=tech, tag="https://desk.district.example/inventory/t/NE000001/", room=room_101
    )
    assert (scan.tag, scan.result) == ("NE000001", Result.VERIFIED)


def test_a_scan_too_long_to_be_a_tag_is_refused(audit, tech, room_101):
    with pytest.raises(DomainError) as refused:
        record_scan(audit, actor=tech, tag="X" * 60, room=room_101)
    assert refused.value.code == "tag_too_long"
    assert not AuditScan.objects.exists()


def test_the_api_answers_a_repeat_with_200_and_the_first_answer(client, audit, tech, room_101):
    client.force_login(tech)
    url = reverse("audit-scans", kwargs={"pk": audit.pk})
    body = {"tag": "NE000001", "room": room_101.pk, "client_id": str(uuid.uuid4())}

    first = client.post(url, body, content_type="application/json")
    again = client.post(url, body, content_type="application/json")
    reused = client.post(url, {**body, "tag": "NE000002"}, content_type="application/json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert first.json()["result"] == "verified"
    assert reused.status_code == 400 and "client_id" in reused.json()
    assert AuditScan.objects.count() == 1


def test_the_scanning_page_records_a_form_sent_twice_once(client, audit, tech, room_101):
    client.force_login(tech)
    page = client.get(reverse("audit_detail", kwargs={"pk": audit.pk}))
    scan_id = page.context["form"]["client_id"].value()
    assert uuid.UUID(str(scan_id))  # each form carries a new scan id
    url = reverse("audit_scan", kwargs={"pk": audit.pk})
    body = {"room": room_101.pk, "tag": "NE000001", "client_id": scan_id}

    first = client.post(url, body)
    again = client.post(url, body)

    assert "NE000001</strong>: Verified" in again.content.decode()
    assert "Already scanned" not in again.content.decode()
    assert AuditScan.objects.get().client_id == str(scan_id)
    assert first.context["form"]["client_id"].value() != scan_id  # the next scan's own id


def test_the_scanning_page_carries_the_queue_and_the_camera(client, audit, tech):
    client.force_login(tech)
    url = reverse("audit_detail", kwargs={"pk": audit.pk})

    page = client.get(url).content.decode()
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()

    assert "inventory/scanning.js" in page and "inventory/scanning.css" in page
    assert f'data-scan-api="{reverse("audit-scans", kwargs={"pk": audit.pk})}"' in page
    assert 'data-zxing-src="/static/vendor/zxing/index.min.js"' in page
    assert "Scan with camera" in page and "<script" not in fragment
    assert 'id="scan-progress"' in fragment and 'id="scan-lists"' in fragment


def test_viewers_who_do_not_scan_get_no_scanning_script(client, audit, people):
    client.force_login(people[Role.PRINCIPAL])
    page = client.get(reverse("audit_detail", kwargs={"pk": audit.pk})).content.decode()
    assert "scanning.js" not in page and "data-scan-queue" not in page


def test_the_camera_library_is_served_from_the_front_end_packages(client, tech):
    client.force_login(tech)
    response = client.get("/static/vendor/zxing/index.min.js")
    assert response.status_code == 200
    assert b"MultiFormatReader" in b"".join(response.streaming_content)
