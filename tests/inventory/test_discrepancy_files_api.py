"""A discrepancy's files through the API: uploaded as multipart with the page's checks
(type by content, size, count; all or none), listed, and downloaded as attachments, by
whoever sees the discrepancy; answers match the published schema."""

import io

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from werkzeug.test import Client

from districtdesk.activity.models import Event
from districtdesk.core.models import Role
from districtdesk.inventory.models import AuditDiscrepancy, DiscrepancyAttachment
from districtdesk.inventory.services import audit_phases
from districtdesk.inventory.services.auditing import start_audit
from districtdesk.wsgi import application
from tests.inventory.factories import register

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def missing(district, now, tech) -> AuditDiscrepancy:
    register(district, bar_tag="NE000001")
    audit = audit_phases.end_scanning(start_audit(district.north, actor=tech), actor=tech)
    return audit.discrepancies.get()


@pytest.fixture
def api():
    return APIClient()


def upload(name: str, content: bytes):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def files_url(discrepancy) -> str:
    return reverse("auditdiscrepancy-files", args=[discrepancy.pk])


def validated(response, template: str, method: str):
    """The answer as the published schema describes it."""
    operation = schema[template][method]
    operation.validate_response(response)
    return response


def test_inventory_staff_upload_files_and_list_them(api, missing, tech, now, media_root):
    api.force_authenticate(tech)

    response = api.post(
        files_url(missing),
        {"files": [upload("cart.png", PNG), upload("email.txt", b"Seen in 104 on Friday.")]},
        format="multipart",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert [(f["name"], f["content_type"], f["size"]) for f in body] == [
        ("cart.png", "image/png", len(PNG)),
        ("email.txt", "text/plain", 22),
    ]
    assert body[0]["uploaded_by"]["id"] == tech.pk
    assert body[0]["download"].endswith(
        reverse("auditdiscrepancy-file", kwargs={"pk": missing.pk, "file_pk": body[0]["id"]})
    )
    events = Event.objects.for_subject(missing.audit).filter(code="audit.discrepancy_file_added")
    assert events.count() == 2
    listed = api.get(files_url(missing))
    assert [f["id"] for f in listed.json()] == [f["id"] for f in body]


def test_a_file_whose_content_lies_is_refused_and_nothing_is_kept(
    api, missing, tech, now, media_root
):
    api.force_authenticate(tech)

    response = api.post(
        files_url(missing),
        {"files": [upload("fine.png", PNG), upload("photo.png", b"<svg onload=alert(1)>")]},
        format="multipart",
    )

    assert response.status_code == 400
    assert "photo.png" in response.json()["files"][0]
    assert not DiscrepancyAttachment.objects.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_too_many_files_are_refused_as_on_the_page(api, missing, tech, now, settings):
    settings.ATTACHMENT_MAX_FILES = 1
    api.force_authenticate(tech)

    response = api.post(
        files_url(missing),
        {"files": [upload("a.txt", b"one"), upload("b.txt", b"two")]},
        format="multipart",
    )

    assert response.status_code == 400
    assert "files" in response.json()
    assert not DiscrepancyAttachment.objects.exists()


def test_no_file_or_a_json_body_is_a_400_or_415(api, missing, tech, now):
    api.force_authenticate(tech)

    empty = api.post(files_url(missing), {}, format="multipart")
    as_json = api.post(files_url(missing), {"files": []}, format="json")

    assert empty.status_code == 400 and "files" in empty.json()
    assert as_json.status_code == 415


def test_a_director_sees_the_files_but_may_not_add_any(api, missing, tech, people, now):
    api.force_authenticate(people[Role.DIRECTOR])

    listed = api.get(files_url(missing))
    refused = api.post(files_url(missing), {"files": [upload("a.png", PNG)]}, format="multipart")

    assert listed.status_code == 200 and listed.json() == []
    assert refused.status_code == 403
    assert not DiscrepancyAttachment.objects.exists()


def test_files_are_downloaded_as_attachments_that_run_nothing(
    api, missing, tech, people, now, media_root
):
    api.force_authenticate(tech)
    [added] = api.post(
        files_url(missing), {"files": [upload("cart photo.png", PNG)]}, format="multipart"
    ).json()
    api.force_authenticate(people[Role.DIRECTOR])

    response = api.get(added["download"])

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''cart%20photo.png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_discrepancy_out_of_scope_or_a_file_of_another_is_a_404(
    api, district, missing, tech, people, now
):
    api.force_authenticate(tech)
    [added] = api.post(
        files_url(missing), {"files": [upload("a.png", PNG)]}, format="multipart"
    ).json()
    register(district, bar_tag="SH000001", campus=district.south, room_number="A100")
    south = audit_phases.end_scanning(start_audit(district.south, actor=tech), actor=tech)
    other = south.discrepancies.get()

    # North's campus technician does not see south's audit; and a file is found only
    # under its own discrepancy.
    api.force_authenticate(people[Role.TECHNICIAN])
    out_of_scope = api.get(files_url(other))
    api.force_authenticate(tech)
    wrong_pair = api.get(
        reverse("auditdiscrepancy-file", kwargs={"pk": other.pk, "file_pk": added["id"]})
    )

    assert out_of_scope.status_code == 404
    assert wrong_pair.status_code == 404


@pytest.mark.usefixtures("keep_the_test_connection")
def test_the_answers_match_the_published_schema(missing, tech, now, media_root):
    headers = {"Authorization": f"Token {Token.objects.create(user=tech).key}"}
    client = Client(application)
    path = files_url(missing)
    template = "/api/v1/audit-discrepancies/{id}/files/"

    posted = client.post(path, headers=headers, data={"files": (io.BytesIO(PNG), "cart.png")})
    assert posted.status_code == 201, posted.get_data()
    validated(posted, template, "POST")
    listed = client.get(path, headers={**headers, "Accept": "application/json"})
    validated(listed, template, "GET")
    assert listed.get_json()[0]["name"] == "cart.png"
