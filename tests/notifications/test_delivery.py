"""Delivery through a real SMTP server on loopback: retries, backoff, dead letters, digests,
and nothing lost or sent twice."""

from datetime import timedelta
from email.header import decode_header, make_header

import pytest

from districtdesk.core.models import Role
from districtdesk.notifications.models import Notification, Preference
from districtdesk.notifications.services.delivery import backoff, deliver_due
from districtdesk.notifications.services.reading import set_delivery
from districtdesk.service_requests.services import working
from tests.notifications.builders import acknowledged, phoned_in
from tests.service_requests.builders import local

pytestmark = pytest.mark.django_db

Status = Notification.Status
EMAILS = ("requester@example.org", "teamlead@example.org", "technician@example.org")


def subject(message) -> str:
    """The Subject header unfolded and decoded."""
    return str(make_header(decode_header(message["Subject"].replace("\r\n", ""))))


def part(message, content_type: str) -> str:
    body = next(p for p in message.walk() if p.get_content_type() == content_type)
    return body.get_payload(decode=True).decode()


def addresses(people) -> dict[str, str]:
    return {role: people[role].email for role in (Role.REQUESTER, Role.TEAM_LEAD, Role.TECHNICIAN)}


def test_mail_written_while_the_server_is_down_arrives_exactly_once_when_it_is_back(
    people, smtp, now
):
    # Given the mail server is down while three requests are phoned in
    smtp.stop()
    for minute in range(3):
        phoned_in(people, now=now + timedelta(minutes=minute))
    expected = Notification.objects.filter(channel="email").count()
    assert expected == 9  # each: the requester, the team lead, the technician

    # When delivery runs during the outage, the rows back off instead of being lost
    later = now + timedelta(minutes=5)
    report = deliver_due(later)
    assert (report.sent, report.failed) == (0, 9)
    assert set(Notification.objects.filter(channel="email").values_list("status", flat=True)) == {
        "failed"
    }
    assert deliver_due(later).sent == 0  # not yet due again

    # Then once the server is back, everything arrives, exactly once, however often it runs
    smtp.start()
    retry_at = later + backoff(1)
    assert deliver_due(retry_at).sent == 9
    assert deliver_due(retry_at).sent == 0
    assert deliver_due(retry_at + timedelta(days=1)).sent == 0
    ids = [message["Message-ID"] for message in smtp.inbox.messages]
    assert len(ids) == len(set(ids)) == 9
    assert not Notification.objects.filter(channel="email").exclude(status="sent").exists()


def test_each_message_is_html_and_text_with_a_stable_id_and_marked_automatic(people, smtp, now):
    request = phoned_in(people, now=now)

    deliver_due(now)

    [message] = smtp.inbox.to(people[Role.REQUESTER].email)
    row = Notification.objects.get(recipient=people[Role.REQUESTER], channel="email")
    assert message["Message-ID"] == f"<notification-{row.pk}@district.example>"
    assert message["Auto-Submitted"] == "auto-generated"
    assert request.number in message["Subject"]
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }
    assert set(parts) == {"text/plain", "text/html"}
    assert f"/requests/{request.pk}/" in parts["text/plain"]
    assert f'href="http://127.0.0.1:8000/requests/{request.pk}/"' in parts["text/html"]
    assert "Submitted " + request.number in parts["text/plain"]


def test_mail_is_written_in_the_recipients_language(people, smtp, now, spanish):
    requester = people[Role.REQUESTER]
    requester.language = "es"
    requester.save(update_fields=["language"])

    request = phoned_in(people, now=now)
    deliver_due(now)

    [message] = smtp.inbox.to(requester.email)
    assert message["Content-Language"] == "es"
    assert f"Envió {request.number} por el canal" in subject(message)
    html = part(message, "text/html")
    assert '<html lang="es">' in html
    assert "Hola, " in html and "Abrirlo en DistrictDesk" in html
    assert "Recibe este mensaje por su función en este trabajo." in html
    text = part(message, "text/plain")
    assert f"Envió {request.number} por el canal" in text
    assert "Abrirlo en DistrictDesk: http://127.0.0.1:8000/requests/" in text
    assert "Hello" not in text and "Open it" not in text
    # The technician on the same request reads theirs in English.
    [english] = smtp.inbox.to(people[Role.TECHNICIAN].email)
    assert english["Content-Language"] == "en"
    assert "Hello " in part(english, "text/plain") and "Hola" not in part(english, "text/plain")


def test_a_row_that_keeps_failing_is_dead_after_the_last_attempt(people, smtp, settings, now):
    dead_after_three_attempts(people, smtp, settings, now)


def dead_after_three_attempts(people, smtp, settings, now) -> Notification:
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    smtp.stop()
    phoned_in(people, now=now)
    row = Notification.objects.get(recipient=people[Role.REQUESTER], channel="email")

    moment = now
    for attempt in range(1, 4):
        deliver_due(moment)
        row.refresh_from_db()
        assert row.attempts == attempt
        moment += backoff(attempt)

    assert row.status == Status.DEAD
    assert "ConnectionRefusedError" in row.last_error
    smtp.start()
    assert deliver_due(moment + timedelta(days=1)).sent == 0
    return row


def test_an_administrator_sends_dead_mail_again_once_the_cause_is_fixed(
    people, smtp, settings, now, client
):
    row = dead_after_three_attempts(people, smtp, settings, now)
    sent_before = Notification.objects.filter(status=Status.SENT, channel="email").count()
    client.force_login(people[Role.SYSTEM_ADMIN])
    answer = client.post(
        "/admin/notifications/notification/",
        {"action": "send_again", "_selected_action": [row.pk]},
        follow=True,
    )
    assert "1 notification will be sent again." in answer.content.decode()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.PENDING, 0)
    assert deliver_due(now + timedelta(days=2)).sent == 1
    assert Notification.objects.filter(status=Status.SENT, channel="email").count() == (
        sent_before + 1
    )


def test_backoff_doubles_up_to_its_cap(settings):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    settings.NOTIFICATIONS_RETRY_MAX_SECONDS = 600

    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4, 5, 6)] == [60, 120, 240, 480, 600, 600]


def test_a_digest_gathers_the_days_notifications_into_one_morning_email(people, smtp, now):
    requester = people[Role.REQUESTER]
    set_delivery(requester, delivery=Preference.Delivery.DIGEST)
    request = acknowledged(people, now=now)
    working.wait_on(request, actor=people[Role.TECHNICIAN], waiting_on="vendor", reason="Lamp")
    working.resume_request(request, actor=people[Role.TECHNICIAN])

    deliver_due(now + timedelta(hours=5))
    assert smtp.inbox.to(requester.email) == []

    morning = local(2027, 2, 3, 7)
    deliver_due(morning)
    deliver_due(morning + timedelta(minutes=1))

    [digest] = smtp.inbox.to(requester.email)
    text = next(p for p in digest.walk() if p.get_content_type() == "text/plain")
    body = text.get_payload(decode=True).decode()
    assert "3 notifications" in digest["Subject"]
    assert "Put on hold, waiting on a vendor: Lamp" in body
    assert "Resumed work" in body
