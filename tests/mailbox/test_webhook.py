"""The inbound webhook: a hosted mail service posts the raw message with the shared
secret; the same filing as the IMAP poller answers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.mailbox.models import InboundMessage
from districtdesk.service_requests.models import ServiceRequest
from tests.mailbox.messages import email

pytestmark = pytest.mark.django_db

SECRET = "a-long-random-shared-secret"
URL = "/mailbox/inbound/"


@pytest.fixture(autouse=True)
def secret(settings):
    settings.MAILBOX_WEBHOOK_SECRET = SECRET


def post_raw(client, raw: bytes, secret: str | None = SECRET):
    headers = {"X-Mailbox-Secret": secret} if secret is not None else {}
    return client.generic("POST", URL, raw, content_type="message/rfc822", headers=headers)


def test_the_route_is_where_the_docs_say():
    assert reverse("mailbox_inbound") == URL


def test_it_refuses_a_post_without_the_secret(client, people):
    response = post_raw(client, email(people[Role.REQUESTER].email), secret=None)

    assert response.status_code == 403
    assert not InboundMessage.objects.exists()


def test_it_refuses_a_wrong_secret_even_from_a_signed_in_analyst(client, people):
    client.force_login(people[Role.CCC_ANALYST])

    response = post_raw(client, email(people[Role.REQUESTER].email), secret="guess")

    assert response.status_code == 403
    assert not InboundMessage.objects.exists()


def test_it_refuses_everything_while_no_secret_is_configured(client, people, settings):
    settings.MAILBOX_WEBHOOK_SECRET = ""

    response = post_raw(client, email(people[Role.REQUESTER].email), secret="")

    assert response.status_code == 403


def test_a_good_post_files_the_message_and_answers_its_outcome(client, people, now):
    teacher = people[Role.REQUESTER]

    response = post_raw(client, email(teacher.email))

    assert response.status_code == 202
    request = ServiceRequest.objects.get()
    body = response.json()
    assert body["outcome"] == "created"
    assert body["request"] == request.number
    assert body["duplicate"] is False
    assert (request.requester, request.channel) == (teacher, ServiceRequest.Channel.EMAIL)
    assert InboundMessage.objects.get().source == InboundMessage.Source.WEBHOOK


def test_a_duplicate_answers_the_same_outcome_and_adds_no_row(client, people, now):
    raw = email(people[Role.REQUESTER].email)
    first = post_raw(client, raw).json()

    again = post_raw(client, raw)

    assert again.status_code == 200
    assert again.json() == {**first, "duplicate": True}
    assert InboundMessage.objects.count() == 1
    assert ServiceRequest.objects.count() == 1


def test_it_takes_the_message_as_a_multipart_field(client, people, now):
    upload = SimpleUploadedFile("message.eml", email(people[Role.REQUESTER].email))

    response = client.post(URL, {"message": upload}, headers={"X-Mailbox-Secret": SECRET})

    assert response.status_code == 202
    assert response.json()["outcome"] == "created"


def test_an_unknown_sender_is_held(client, now):
    response = post_raw(client, email("someone@elsewhere.example"))

    assert response.status_code == 202
    assert response.json()["outcome"] == "held"
    assert response.json()["request"] is None


def test_a_message_over_the_limit_is_413(client, people, settings):
    settings.MAILBOX_MAX_MESSAGE_BYTES = 500

    response = post_raw(client, email(people[Role.REQUESTER].email, body="x" * 2_000))

    assert response.status_code == 413
    assert not InboundMessage.objects.exists()


def test_a_post_without_a_message_is_400(client):
    response = client.post(URL, {"other": "x"}, headers={"X-Mailbox-Secret": SECRET})

    assert response.status_code == 400


def test_it_rejects_get(client):
    assert client.get(URL, headers={"X-Mailbox-Secret": SECRET}).status_code == 405
