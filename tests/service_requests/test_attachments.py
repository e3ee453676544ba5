"""Files on requests: what is accepted (judged by content), who attaches, who downloads,
and what the portal, the request page and the API say when a file is refused."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.service_requests.file_types import display_name
from districtdesk.service_requests.models import Attachment, Note, ServiceRequest
from districtdesk.service_requests.services import working
from districtdesk.service_requests.services.attachments import attach_files
from tests.core.factories import PersonFactory
from tests.service_requests.builders import local, submit
from tests.service_requests.files import ALLOWED, HTML, PDF, PNG, SVG, TEXT, upload
from tests.service_requests.pages import categorised, portal_data, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(people):
    """The teacher's request, routed to the north campus technicians."""
    return categorised(submit(people[Role.REQUESTER], now=local(2027, 2, 1, 9)), people)


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


def work_note_with_file(request, technician) -> Attachment:
    note = working.add_note(request, actor=technician, body="Vendor quote", visibility="work_note")
    return attach_files(request, actor=technician, files=[upload("quote.pdf", PDF)], note=note)[0]


def api(person) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=person)
    return client


# --- What is accepted -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_each_allowed_type_is_stored_under_its_hash(request_, people, media_root, settings, name):
    content = ALLOWED[name]

    [attachment] = attach_files(
        request_, actor=people[Role.REQUESTER], files=[upload(name, content)]
    )

    digest = hashlib.sha256(content).hexdigest()
    assert attachment.content_type == settings.ATTACHMENT_TYPES["." + name.rsplit(".")[-1]]
    assert (attachment.original_name, attachment.size, attachment.sha256) == (
        name,
        len(content),
        digest,
    )
    assert attachment.file.name == f"attachments/{digest[:2]}/{digest}"
    assert (media_root / attachment.file.name).read_bytes() == content
    event = Event.objects.get(code="request.attachment_added")
    assert event.params == {"file": name, "size": len(content)}


def test_the_same_file_twice_is_stored_once(request_, people, media_root):
    requester = people[Role.REQUESTER]

    attach_files(request_, actor=requester, files=[upload("a.png", PNG)])
    attach_files(request_, actor=requester, files=[upload("b.png", PNG)])

    assert Attachment.objects.count() == 2
    assert len(stored_files(media_root)) == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("screen.png", HTML, "its content is a web page (HTML) or an SVG image, not a PNG image"),
        ("logo.png", SVG, "its content is a web page (HTML) or an SVG image, not a PNG image"),
        ("logo.svg", SVG, "only .csv, .docx,"),
        ("page.html", HTML, "only .csv, .docx,"),
        ("notes.txt", HTML, "its content is a web page (HTML) or an SVG image, not plain text"),
        ("quote.pdf", PNG, "its content is a PNG image, not a PDF document"),
        ("letter.docx", PDF, "its content is a PDF document, not a Word document"),
        ("photo.jpg", b"\x00\x01garbage", "its content is not a JPEG image"),
        ("empty.pdf", b"", "the file is empty"),
    ],
)
def test_disguised_forbidden_and_empty_files_are_refused_with_the_reason(
    request_, people, media_root, name, content, reason
):
    with pytest.raises(DomainError) as refused:
        attach_files(request_, actor=people[Role.REQUESTER], files=[upload(name, content)])

    assert refused.value.field == "files"
    assert refused.value.message.startswith(f"{name} was not attached: ")
    assert reason in refused.value.message
    assert not Attachment.objects.exists()
    assert not stored_files(media_root)


def test_an_oversize_file_is_refused_naming_the_limit(request_, people, settings, media_root):
    settings.ATTACHMENT_MAX_BYTES = 1024

    with pytest.raises(DomainError) as refused:
        attach_files(request_, actor=people[Role.REQUESTER], files=[upload("big.txt", b"x" * 1025)])

    assert refused.value.code == "file_too_large"
    assert "over the 1.0\xa0KB limit" in refused.value.message
    assert not stored_files(media_root)


def test_too_many_files_are_refused_and_one_bad_file_refuses_them_all(
    request_, people, settings, media_root
):
    settings.ATTACHMENT_MAX_FILES = 2
    requester = people[Role.REQUESTER]

    with pytest.raises(DomainError, match=r"Attach at most 2 files at a time\."):
        attach_files(request_, actor=requester, files=[upload(f"{n}.png", PNG) for n in "abc"])
    with pytest.raises(DomainError, match=r"screen\.png was not attached"):
        attach_files(
            request_, actor=requester, files=[upload("ok.pdf", PDF), upload("screen.png", HTML)]
        )

    assert not Attachment.objects.exists()
    assert not stored_files(media_root)


def test_a_file_name_is_shown_without_folders_or_control_characters():
    assert display_name("../../etc/passwd.txt") == "passwd.txt"
    assert display_name("C:\\Users\\rosa\\screen.png") == "screen.png"
    # A right-to-left override would show "photo\u202egnp.exe" as "photoexe.png".
    assert display_name("photo\u202egnp.exe") == "photognp.exe"
    assert display_name("a\x00b\r\n.png") == "ab.png"
    assert display_name("...") == "attachment"
    long = display_name("x" * 300 + ".pdf")
    assert len(long) == 200 and long.endswith(".pdf")


# --- Who attaches ---------------------------------------------------------------------


def test_only_the_requester_and_the_staff_who_work_it_attach(request_, people):
    for role in (Role.REQUESTER, Role.TECHNICIAN):
        attach_files(request_, actor=people[role], files=[upload("notes.txt", TEXT)])

    # The principal sees her teacher's request, but does not work it.
    with pytest.raises(DomainError) as refused:
        attach_files(request_, actor=people[Role.PRINCIPAL], files=[upload("notes.txt", TEXT)])

    assert refused.value.code == "not_allowed"
    assert Attachment.objects.count() == 2


def test_files_on_a_work_note_are_for_staff(request_, people):
    note = working.add_note(
        request_, actor=people[Role.TECHNICIAN], body="Quote", visibility="work_note"
    )

    with pytest.raises(DomainError) as refused:
        attach_files(
            request_, actor=people[Role.REQUESTER], files=[upload("a.pdf", PDF)], note=note
        )

    assert refused.value.code == "not_allowed"
    assert not Attachment.objects.exists()


# --- The portal and the request page --------------------------------------------------


def test_the_portal_submits_a_request_with_its_files(client, people, district, now):
    client.force_login(people[Role.REQUESTER])
    files = [upload("screen.png", PNG), upload("notes.txt", TEXT)]

    response = client.post(reverse("request_new"), {**portal_data(district), "files": files})

    created = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert [a.original_name for a in created.attachments.all()] == ["screen.png", "notes.txt"]
    assert {a.uploaded_at for a in created.attachments.all()} == {created.submitted_at}


def test_the_portal_form_states_the_limits(client, people):
    client.force_login(people[Role.REQUESTER])

    page = text(client.get(reverse("request_new")))

    assert 'type="file" name="files"' in page and " multiple" in page
    assert '<label for="id_files">Screenshots or documents</label>' in page
    assert "Up to 5 files, each at most 10.0\xa0MB: .csv, .docx" in page


def test_the_portal_refuses_a_disguised_file_and_submits_nothing(
    client, people, district, media_root
):
    client.force_login(people[Role.REQUESTER])
    files = [upload("screen.png", HTML, "image/png")]

    response = client.post(reverse("request_new"), {**portal_data(district), "files": files})

    assert response.status_code == 200
    assert response.context["form"].errors["files"] == [
        "screen.png was not attached: its content is a web page (HTML) or an SVG image, "
        "not a PNG image."
    ]
    assert "screen.png was not attached" in text(response)
    assert not ServiceRequest.objects.exists()
    assert not stored_files(media_root)


def test_the_portal_refuses_too_many_files(client, people, district, settings):
    settings.ATTACHMENT_MAX_FILES = 1
    client.force_login(people[Role.REQUESTER])
    files = [upload("a.png", PNG), upload("b.png", PNG)]

    response = client.post(reverse("request_new"), {**portal_data(district), "files": files})

    assert "Attach at most 1 files at a time." in response.context["form"].errors["files"]
    assert not ServiceRequest.objects.exists()


def test_a_reply_carries_its_files_and_the_page_lists_them(client, people, request_):
    client.force_login(people[Role.REQUESTER])
    url = reverse("request_note", args=[request_.pk])

    client.post(
        url,
        {
            "note-body": "Here is the error.",
            "note-visibility": "reply",
            "note-files": upload("screen.png", PNG),
        },
    )
    page = text(client.get(reverse("request_detail", args=[request_.pk])))

    attachment = Attachment.objects.get()
    assert attachment.note == Note.objects.get(body="Here is the error.")
    assert reverse("request_attachment", args=[request_.pk, attachment.pk]) in page
    assert "screen.png" in page and "Rosa Alvarez" in page


def test_a_reply_with_a_refused_file_is_not_saved(client, people, request_, media_root):
    client.force_login(people[Role.REQUESTER])

    response = client.post(
        reverse("request_note", args=[request_.pk]),
        {"note-body": "Logo", "note-visibility": "reply", "note-files": upload("logo.png", SVG)},
    )

    assert response.status_code == 200
    assert "logo.png was not attached" in text(response)
    assert not Note.objects.exists()
    assert not stored_files(media_root)


def test_the_requester_never_sees_files_on_work_notes(client, people, request_):
    work_note_with_file(request_, people[Role.TECHNICIAN])
    attach_files(request_, actor=people[Role.REQUESTER], files=[upload("screen.png", PNG)])

    client.force_login(people[Role.REQUESTER])
    as_requester = text(client.get(reverse("request_detail", args=[request_.pk])))
    client.force_login(people[Role.TECHNICIAN])
    as_technician = text(client.get(reverse("request_detail", args=[request_.pk])))

    assert "screen.png" in as_requester and "quote.pdf" not in as_requester
    assert "screen.png" in as_technician and "quote.pdf" in as_technician


def test_the_request_page_costs_the_same_queries_with_more_files(client, people, request_):
    client.force_login(people[Role.TECHNICIAN])
    url = reverse("request_detail", args=[request_.pk])
    attach_files(request_, actor=people[Role.REQUESTER], files=[upload("a.png", PNG)])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    work_note_with_file(request_, people[Role.TECHNICIAN])
    attach_files(request_, actor=people[Role.TECHNICIAN], files=[upload("n.txt", TEXT)])

    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three) == len(one)


# --- Downloads ------------------------------------------------------------------------


def test_a_download_is_an_attachment_the_browser_will_not_run(client, people, request_):
    [attachment] = attach_files(
        request_, actor=people[Role.REQUESTER], files=[upload("Prüfung 1.png", PNG)]
    )
    client.force_login(people[Role.REQUESTER])

    response = client.get(reverse("request_attachment", args=[request_.pk, attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''Pr%C3%BCfung%201.png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_download_outside_ones_scope_is_a_404_like_a_missing_file(
    client, people, district, request_
):
    [attachment] = attach_files(
        request_, actor=people[Role.REQUESTER], files=[upload("screen.png", PNG)]
    )
    other = submit(PersonFactory(home_campus=district.south), now=local(2027, 2, 1, 9))
    client.force_login(PersonFactory(home_campus=district.south))  # a teacher elsewhere

    outsider = client.get(reverse("request_attachment", args=[request_.pk, attachment.pk]))
    missing = client.get(reverse("request_attachment", args=[request_.pk, attachment.pk + 99]))
    client.force_login(other.requester)
    wrong_request = client.get(reverse("request_attachment", args=[other.pk, attachment.pk]))

    assert outsider.status_code == missing.status_code == wrong_request.status_code == 404
    assert outsider.content == missing.content


def test_a_work_note_file_is_a_404_for_the_requester(client, people, request_):
    attachment = work_note_with_file(request_, people[Role.TECHNICIAN])
    url = reverse("request_attachment", args=[request_.pk, attachment.pk])

    client.force_login(people[Role.REQUESTER])
    as_requester = client.get(url)
    client.force_login(people[Role.DIRECTOR])
    as_director = client.get(url)

    assert as_requester.status_code == 404
    assert as_director.status_code == 200


def test_a_row_whose_file_is_gone_answers_404(client, people, request_, media_root):
    [attachment] = attach_files(
        request_, actor=people[Role.REQUESTER], files=[upload("screen.png", PNG)]
    )
    (media_root / attachment.file.name).unlink()
    client.force_login(people[Role.REQUESTER])

    response = client.get(reverse("request_attachment", args=[request_.pk, attachment.pk]))

    assert response.status_code == 404


# --- The API --------------------------------------------------------------------------


def attachments_url(request) -> str:
    return f"/api/v1/requests/{request.pk}/attachments/"


def test_the_api_attaches_files_and_answers_with_them(people, request_):
    response = api(people[Role.REQUESTER]).post(
        attachments_url(request_),
        {"files": [upload("screen.png", PNG), upload("quote.pdf", PDF)]},
        format="multipart",
    )

    assert response.status_code == 201
    assert [(a["name"], a["content_type"], a["size"]) for a in response.json()] == [
        ("screen.png", "image/png", len(PNG)),
        ("quote.pdf", "application/pdf", len(PDF)),
    ]
    assert response.json()[0]["uploaded_by"]["name"] == "Rosa Alvarez"
    assert response.json()[0]["download"].endswith(
        reverse("request_attachment", args=[request_.pk, response.json()[0]["id"]])
    )


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ([("screen.png", HTML)], "screen.png was not attached: its content is a web page"),
        ([("logo.svg", SVG)], "logo.svg was not attached: only .csv"),
        ([("empty.txt", b"")], "empty.txt was not attached: the file is empty."),
        ([(f"{n}.png", PNG) for n in "abcdef"], "Attach at most 5 files at a time."),
    ],
)
def test_the_api_refuses_bad_files_with_400_and_stores_nothing(
    people, request_, media_root, files, reason
):
    response = api(people[Role.REQUESTER]).post(
        attachments_url(request_),
        {"files": [upload(name, content) for name, content in files]},
        format="multipart",
    )

    assert response.status_code == 400
    assert reason in response.json()["files"][0]
    assert not Attachment.objects.exists()
    assert not stored_files(media_root)


def test_the_api_refuses_an_oversize_file_naming_the_limit(people, request_, settings):
    settings.ATTACHMENT_MAX_BYTES = 10

    response = api(people[Role.REQUESTER]).post(
        attachments_url(request_), {"files": [upload("a.txt", b"x" * 11)]}, format="multipart"
    )

    assert response.status_code == 400
    assert "over the 10\xa0bytes limit" in response.json()["files"][0]


def test_the_api_lists_files_as_each_caller_may_have_them(people, request_):
    work_note_with_file(request_, people[Role.TECHNICIAN])
    attach_files(request_, actor=people[Role.REQUESTER], files=[upload("screen.png", PNG)])
    url = f"/api/v1/requests/{request_.pk}/"

    as_requester = api(people[Role.REQUESTER]).get(url).json()["attachments"]
    as_technician = api(people[Role.TECHNICIAN]).get(url).json()["attachments"]

    assert [a["name"] for a in as_requester] == ["screen.png"]
    assert [a["name"] for a in as_technician] == ["quote.pdf", "screen.png"]


def test_the_timeline_does_not_name_a_work_note_s_file(client, people, request_):
    work_note_with_file(request_, people[Role.TECHNICIAN])

    event = Event.objects.get(code="request.work_note_file_added")
    client.force_login(people[Role.REQUESTER])
    page = text(client.get(reverse("request_detail", args=[request_.pk])))

    assert event.params == {"file": "quote.pdf", "size": len(PDF)}
    assert "Attached a file to a work note" in page
    assert "quote.pdf" not in page
