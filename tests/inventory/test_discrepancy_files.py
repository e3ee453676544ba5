"""Files documenting a discrepancy: checked by content as service requests' files are, all
of them or none, an event on the audit for each, and served as downloads only to those who
see the discrepancy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.inventory.models import AuditDiscrepancy, DiscrepancyAttachment
from districtdesk.inventory.services import audit_phases, discrepancies
from districtdesk.inventory.services.auditing import start_audit
from tests.inventory.factories import register

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def missing(district, now, tech) -> AuditDiscrepancy:
    register(district, bar_tag="NE000001")
    audit = audit_phases.end_scanning(start_audit(district.north, actor=tech), actor=tech)
    return audit.discrepancies.get()


def upload(name: str, content: bytes, kind: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=kind)


def test_files_are_attached_with_an_event_each(missing, tech, now, media_root):
    attached = discrepancies.attach_to_discrepancy(
        missing,
        actor=tech,
        files=[upload("cart.png", PNG), upload("email.txt", b"Seen in 104 on Friday.")],
    )

    assert [a.original_name for a in attached] == ["cart.png", "email.txt"]
    assert [a.content_type for a in attached] == ["image/png", "text/plain"]
    assert (media_root / attached[0].file.name).read_bytes() == PNG
    events = Event.objects.for_subject(missing.audit).filter(code="audit.discrepancy_file_added")
    assert [e.params["file"] for e in events.order_by("id")] == ["cart.png", "email.txt"]


def test_a_file_whose_content_lies_is_refused_and_nothing_is_kept(missing, tech, now, media_root):
    with pytest.raises(DomainError) as refused:
        discrepancies.attach_to_discrepancy(
            missing,
            actor=tech,
            files=[upload("fine.png", PNG), upload("photo.png", b"<svg onload=alert(1)>")],
        )

    assert (refused.value.code, refused.value.field) == ("file_content_mismatch", "files")
    assert "photo.png" in refused.value.message
    assert not DiscrepancyAttachment.objects.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_only_the_inventory_team_attaches_while_it_may_document(
    missing, tech, people, now, media_root
):
    with pytest.raises(DomainError) as refused:
        discrepancies.attach_to_discrepancy(
            missing, actor=people[Role.DIRECTOR], files=[upload("a.png", PNG)]
        )
    assert refused.value.code == "not_allowed"
    with pytest.raises(DomainError) as refused:
        discrepancies.attach_to_discrepancy(missing, actor=tech, files=[])
    assert refused.value.code == "no_files"


def test_the_page_attaches_and_serves_files_as_downloads(
    client, missing, tech, people, now, media_root
):
    audit = missing.audit
    keys = {"pk": audit.pk, "discrepancy_pk": missing.pk}
    client.force_login(tech)

    refused = client.post(
        reverse("discrepancy_attach", kwargs=keys), {"files": upload("x.png", b"<html>")}
    )
    page = client.post(
        reverse("discrepancy_attach", kwargs=keys), {"files": upload("cart.png", PNG)}, follow=True
    )

    assert refused.status_code == 200 and "x.png was not attached" in refused.content.decode()
    assert "cart.png" in page.content.decode()
    attachment = DiscrepancyAttachment.objects.get()
    file_url = reverse("discrepancy_file", kwargs={**keys, "attachment_pk": attachment.pk})
    client.force_login(people[Role.DIRECTOR])  # sees south and north alike
    response = client.get(file_url)
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''cart.png"
    assert "sandbox" in response["Content-Security-Policy"]
    client.force_login(people[Role.REQUESTER])
    assert client.get(file_url).status_code == 404
