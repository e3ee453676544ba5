"""The campus audit's scanning phase: starting marks every expected tag Missing; each scan
answers Verified, Found, Misplaced, Unknown or Already scanned; a retried scan changes
nothing."""

import pytest
from django.urls import reverse

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.inventory import policies, selectors
from districtdesk.inventory.models import Asset, AuditItem, AuditScan
from districtdesk.inventory.services.auditing import record_scan, start_audit
from districtdesk.inventory.services.movement import change_asset_status
from tests.inventory.factories import register, room

pytestmark = pytest.mark.django_db
Result = AuditScan.Result


@pytest.fixture
def campus_assets(district, now, people):
    """North: two in 101, one in 102, one lost; south: one in A100."""
    inventory = people[Role.INVENTORY]
    assets = {
        "first": register(district, bar_tag="NE000001"),
        "second": register(district, bar_tag="NE000002"),
        "in_102": register(district, bar_tag="NE000003", room_number="102"),
        "lost": register(district, bar_tag="NE000004"),
        "south": register(district, bar_tag="SH000005", campus=district.south, room_number="A100"),
    }
    change_asset_status(assets["lost"], actor=inventory, status="lost", reason="Gone", report="L-1")
    return assets


@pytest.fixture
def audit(district, campus_assets, tech):
    return start_audit(district.north, actor=tech)


def test_starting_an_audit_marks_every_expected_tag_missing(audit, campus_assets, now):
    expected = set(audit.items.values_list("asset__bar_tag", "state"))

    assert expected == {(tag, "missing") for tag in ("NE000001", "NE000002", "NE000003")}
    assert audit.expected_count == 3
    [started] = Event.objects.for_subject(audit)
    assert (started.code, started.params["expected"], started.occurred_at) == (
        "audit.started",
        3,
        now,
    )


def test_a_campus_has_one_audit_under_way_at_a_time(district, audit, tech):
    with pytest.raises(DomainError) as refused:
        start_audit(district.north, actor=tech)
    assert refused.value.code == "audit_open"


@pytest.mark.parametrize("role", [Role.TECHNICIAN, Role.PRINCIPAL, Role.DIRECTOR, Role.INVENTORY])
def test_only_the_inventory_team_runs_audits(district, campus_assets, people, role):
    with pytest.raises(DomainError) as refused:
        start_audit(district.north, actor=people[role])
    assert refused.value.code == "not_allowed"


def test_each_scan_is_answered_at_once(district, audit, people):
    inventory = people[Role.INVENTORY]
    room_101 = room(district.north, "101")

    def scan(tag: str) -> str:
        return record_scan(audit, actor=inventory, tag=tag, room=room_101).result

    assert scan("ne000001") == Result.VERIFIED
    assert scan("NE000003") == Result.MISPLACED  # belongs in 102
    assert scan("NE000004") == Result.FOUND  # on record as lost
    assert scan("SH000005") == Result.MISPLACED  # belongs to another campus
    assert scan("ZZ999999") == Result.UNKNOWN
    assert scan("NE000001") == Result.ALREADY_SCANNED
    assert scan("ZZ999999") == Result.ALREADY_SCANNED

    states = dict(audit.items.values_list("asset__bar_tag", "state"))
    assert states == {
        "NE000001": "verified",
        "NE000002": "missing",
        "NE000003": "misplaced",
        "NE000004": "found",
        "SH000005": "misplaced",
    }
    progress = selectors.audit_progress(audit)
    assert (progress["expected"], progress["scanned"], progress["missing"]) == (3, 2, 1)


def test_a_retried_scan_gets_its_first_answer_and_changes_nothing(district, audit, people):
    inventory = people[Role.INVENTORY]
    room_101 = room(district.north, "101")

    first = record_scan(audit, actor=inventory, tag="NE000001", room=room_101, client_id="s-1")
    again = record_scan(audit, actor=inventory, tag="NE000001", room=room_101, client_id="s-1")

    assert first.pk == again.pk and again.result == Result.VERIFIED
    assert AuditScan.objects.count() == 1


def test_a_scan_in_a_room_of_another_campus_is_refused(district, audit, people):
    with pytest.raises(DomainError) as refused:
        record_scan(
            audit,
            actor=people[Role.INVENTORY],
            tag="NE000001",
            room=room(district.south, "A100"),
        )
    assert refused.value.code == "room_not_at_campus"
    assert not AuditScan.objects.exists()
    assert not AuditItem.objects.exclude(state="missing").exists()


def test_audits_are_seen_by_whoever_sees_the_campuss_assets(district, audit, people, tech):
    assert policies.audits_visible_to(people[Role.PRINCIPAL]).get() == audit
    assert policies.audits_visible_to(people[Role.TECHNICIAN]).get() == audit
    assert not policies.audits_visible_to(people[Role.REQUESTER]).exists()
    south = start_audit(district.south, actor=tech)
    assert south not in policies.audits_visible_to(people[Role.TECHNICIAN])
    assert Asset.objects.filter(campus=district.south).count() == south.expected_count


def test_the_api_starts_an_audit_and_answers_each_scan(client, district, campus_assets, tech):
    client.force_login(tech)
    started = client.post(
        reverse("audit-list"), {"campus": district.north.pk}, content_type="application/json"
    )
    assert started.status_code == 201, started.json()
    audit_id = started.json()["id"]
    scans_url = reverse("audit-scans", kwargs={"pk": audit_id})
    room_101 = room(district.north, "101").pk

    def scan(tag: str, client_id: str = "", answered: int = 201) -> dict:
        response = client.post(
            scans_url,
            {"tag": tag, "room": room_101, "client_id": client_id},
            content_type="application/json",
        )
        assert response.status_code == answered, response.json()
        return response.json()

    assert scan("NE000001", "a")["result"] == "verified"
    assert scan("NE000001", "a", 200)["id"] == AuditScan.objects.get(client_id="a").pk
    assert scan("NOPE1234")["result"] == "unknown"
    assert scan("SH000005")["result"] == "misplaced"
    progress = client.get(reverse("audit-detail", kwargs={"pk": audit_id})).json()
    assert {key: progress[key] for key in ("expected_count", "scanned", "missing", "unknown")} == {
        "expected_count": 3,
        "scanned": 1,
        "missing": 2,
        "unknown": 1,
    }
    refused = client.post(
        scans_url,
        {"tag": "NE000002", "room": room(district.south, "A100").pk},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "room" in refused.json()


def test_the_api_refuses_audits_to_viewers_who_may_not_run_them(client, district, audit, people):
    client.force_login(people[Role.PRINCIPAL])
    started = client.post(
        reverse("audit-list"), {"campus": district.north.pk}, content_type="application/json"
    )
    scanned = client.post(
        reverse("audit-scans", kwargs={"pk": audit.pk}),
        {"tag": "NE000001", "room": room(district.north, "101").pk},
        content_type="application/json",
    )
    assert (started.status_code, scanned.status_code) == (403, 403)
    assert not AuditScan.objects.exists()


def test_the_scanning_page_answers_each_scan_and_keeps_the_room(client, district, audit, people):
    client.force_login(people[Role.INVENTORY])
    room_102 = room(district.north, "102")
    url = reverse("audit_scan", kwargs={"pk": audit.pk})

    verified = client.post(url, {"room": room_102.pk, "tag": "ne000003"}, HTTP_HX_REQUEST="true")
    unknown = client.post(url, {"room": room_102.pk, "tag": "QQ123456"})

    assert "NE000003</strong>: Verified" in verified.content.decode()
    assert b"<html" not in verified.content
    assert verified.context["form"]["room"].value() == room_102.pk
    assert "QQ123456</strong>: Unknown tag" in unknown.content.decode()
    assert unknown.context["audit"].scanned_count == 1


def test_the_audit_pages_cost_the_same_queries_for_more_scans(
    client, district, audit, people, django_assert_max_num_queries
):
    client.force_login(people[Role.INVENTORY])
    url = reverse("audit_detail", kwargs={"pk": audit.pk})
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for number in range(10):
        record_scan(
            audit,
            actor=people[Role.INVENTORY],
            tag=f"XX{number:06d}",
            room=room(district.north, "101"),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("audit_list"))
