"""The analysts' held-email pages: who sees them, finding the person, refusals shown
beside their fields, discarding with a reason."""

import pytest
from django.urls import reverse

from districtdesk.activity.models import Event
from districtdesk.core.models import Role
from districtdesk.mailbox.models import InboundMessage
from districtdesk.mailbox.services import held
from districtdesk.mailbox.services.receiving import receive_message
from districtdesk.service_requests.models import ServiceRequest
from tests.mailbox.messages import email

pytestmark = pytest.mark.django_db

Outcome = InboundMessage.Outcome


@pytest.fixture
def message(now) -> InboundMessage:
    raw = email(
        "Sam Substitute <sub.teacher@gmail.example>",
        "Cannot sign in",
        html="<p>My <b>password</b> expired.</p><script>alert(1)</script>",
        body=None,
    )
    return receive_message(raw, source=InboundMessage.Source.WEBHOOK, now=now).message


def test_the_held_page_is_only_for_analysts_and_administrators(client, people, message):
    for role, expected in [
        (Role.CCC_ANALYST, 200),
        (Role.SYSTEM_ADMIN, 200),
        (Role.TECHNICIAN, 404),
        (Role.REQUESTER, 404),
    ]:
        client.force_login(people[role])
        assert client.get(reverse("mailbox_held_list")).status_code == expected, role
        detail = client.get(reverse("mailbox_held_detail", args=[message.pk]))
        assert detail.status_code == expected, role


def test_the_senders_html_is_shown_as_text_never_as_markup(client, people, message):
    client.force_login(people[Role.CCC_ANALYST])

    page = client.get(reverse("mailbox_held_detail", args=[message.pk])).content.decode()

    assert "My password expired." in page
    assert "<b>password</b>" not in page
    assert "alert(1)" not in page


def test_finding_the_person_without_javascript(client, people, message):
    client.force_login(people[Role.CCC_ANALYST])

    page = client.post(
        reverse("mailbox_held_detail", args=[message.pk]),
        {"caller_query": "Alvarez", "find_caller": "1", "summary": "Cannot sign in"},
    ).content.decode()

    assert "Rosa Alvarez" in page
    assert f'value="{people[Role.REQUESTER].pk}"' in page
    assert not ServiceRequest.objects.exists()


def test_creating_without_a_person_says_what_is_missing(client, people, message):
    client.force_login(people[Role.CCC_ANALYST])

    response = client.post(
        reverse("mailbox_held_detail", args=[message.pk]), {"summary": "Cannot sign in"}
    )

    assert response.status_code == 200
    assert "Find the person who sent it and choose them." in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_a_person_without_a_home_campus_needs_a_campus(client, people, message, district):
    client.force_login(people[Role.CCC_ANALYST])
    technician = people[Role.TECHNICIAN]  # no home campus

    response = client.post(
        reverse("mailbox_held_detail", args=[message.pk]),
        {"requester": technician.pk, "summary": "Cannot sign in"},
    )

    assert response.status_code == 200
    assert "has no home campus: choose one." in response.content.decode()
    assert InboundMessage.objects.get().outcome == Outcome.HELD

    response = client.post(
        reverse("mailbox_held_detail", args=[message.pk]),
        {"requester": technician.pk, "summary": "Cannot sign in", "campus": district.south.pk},
    )
    assert response.status_code == 302
    assert ServiceRequest.objects.get().campus == district.south


def test_discarding_needs_a_reason_and_keeps_the_record(client, people, message, now):
    analyst = people[Role.CCC_ANALYST]
    client.force_login(analyst)
    url = reverse("mailbox_held_discard", args=[message.pk])

    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()

    done = client.post(url, {"reason": "Spam"})
    assert done.status_code == 302
    message.refresh_from_db()
    assert (message.outcome, message.detail, message.handled_by) == (
        Outcome.DISCARDED,
        "Spam",
        analyst,
    )
    assert Event.objects.for_subject(message).filter(code="mailbox.discarded").exists()


def test_a_message_handled_twice_is_refused_the_second_time(people, message, now):
    analyst = people[Role.CCC_ANALYST]
    held.discard_held(message, actor=analyst, reason="Spam", now=now)

    with pytest.raises(held.DomainError) as refused:
        held.create_request_from_held(
            message, actor=analyst, requester=people[Role.REQUESTER], now=now
        )

    assert refused.value.code == "not_held"
    assert not ServiceRequest.objects.exists()


def test_only_handlers_may_file_held_mail(people, message, now):
    with pytest.raises(held.DomainError) as refused:
        held.create_request_from_held(
            message,
            actor=people[Role.TECHNICIAN],
            requester=people[Role.REQUESTER],
            now=now,
        )
    assert refused.value.code == "not_allowed"
