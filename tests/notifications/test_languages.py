"""Email and pages in each person's own language (Person.language): Spanish where it is
Spanish, English otherwise, whatever the language of the person who acted."""

from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.notifications.models import Preference
from districtdesk.notifications.services.delivery import deliver_due
from districtdesk.notifications.services.reading import set_delivery
from districtdesk.service_requests.services import working
from tests.notifications.builders import acknowledged
from tests.service_requests.builders import local

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spanish")]


def subject(message) -> str:
    """The Subject header unfolded and decoded."""
    return str(make_header(decode_header(message["Subject"].replace("\r\n", ""))))


def part(message, content_type: str) -> str:
    body = next(p for p in message.walk() if p.get_content_type() == content_type)
    return body.get_payload(decode=True).decode()


def speaks_spanish(person) -> None:
    person.language = "es"
    person.save(update_fields=["language"])


def test_a_spanish_requester_is_told_of_the_resolution_in_spanish(people, smtp, now):
    requester = people[Role.REQUESTER]
    speaks_spanish(requester)
    request = acknowledged(people, now=now)
    deliver_due(now)
    smtp.inbox.messages.clear()

    working.resolve_request(
        request, actor=people[Role.TECHNICIAN], resolution="Lámpara cambiada", now=now
    )
    deliver_due(now)

    [message] = smtp.inbox.to(requester.email)
    assert subject(message) == f"[DistrictDesk] {request}: Resuelta: Lámpara cambiada"
    text, html = part(message, "text/plain"), part(message, "text/html")
    for body in (text, html):
        assert f"Hola, {requester.get_full_name()}:" in body
        assert "Resuelta: Lámpara cambiada" in body
        assert f"Por {people[Role.TECHNICIAN]}, 2 Feb 2027, 10:00." in body
        assert "Elija correo electrónico, un resumen diario o solo en la aplicación" in body
    assert (
        f'<a href="http://127.0.0.1:8000/requests/{request.pk}/">Abrirlo en DistrictDesk</a>'
        in (html)
    )


def test_an_english_requester_still_reads_english_when_a_spanish_technician_acts(people, smtp, now):
    speaks_spanish(people[Role.TECHNICIAN])
    request = acknowledged(people, now=now)
    deliver_due(now)
    smtp.inbox.messages.clear()

    working.resolve_request(request, actor=people[Role.TECHNICIAN], resolution="New lamp", now=now)
    deliver_due(now)

    [message] = smtp.inbox.to(people[Role.REQUESTER].email)
    assert subject(message) == f"[DistrictDesk] {request}: Resolved: New lamp"
    assert message["Content-Language"] == "en"
    assert "Hello " in part(message, "text/plain") and "Open it in DistrictDesk" in part(
        message, "text/html"
    )


def test_a_spanish_digest_is_spanish(people, smtp, now):
    requester = people[Role.REQUESTER]
    speaks_spanish(requester)
    set_delivery(requester, delivery=Preference.Delivery.DIGEST)
    request = acknowledged(people, now=now)
    working.wait_on(request, actor=people[Role.TECHNICIAN], waiting_on="vendor", reason="Lámpara")
    deliver_due(now + timedelta(hours=1))

    deliver_due(local(2027, 2, 3, 7))

    [digest] = smtp.inbox.to(requester.email)
    assert subject(digest) == "[DistrictDesk] Su resumen diario: 2 notificaciones"
    text = part(digest, "text/plain")
    assert "Esto es lo que ha ocurrido desde su último resumen:" in text
    assert "En espera de un proveedor: Lámpara" in text
    assert "Recibe un resumen al día" in part(digest, "text/html")


def test_a_spanish_reader_reads_the_notifications_page_and_bell_in_spanish(client, people, now):
    speaks_spanish(people[Role.REQUESTER])
    request = acknowledged(people, now=now)
    working.add_note(request, actor=people[Role.TECHNICIAN], body="Listo", visibility="reply")
    client.force_login(people[Role.REQUESTER])

    response = client.get(reverse("notification_list"))

    page = response.content.decode()
    assert response["Content-Language"] == "es"
    assert '<html lang="es">' in page
    assert "Respondió al solicitante" in page
    assert "Marcar todas como leídas" in page and "Mark all as read" not in page
    bell = client.get(reverse("notification_bell"), {"shown": "0"}).content.decode()
    assert "Tiene 2 notificaciones sin leer." in bell


def test_a_signed_in_persons_own_language_wins_over_the_browsers(client, people):
    client.force_login(people[Role.TECHNICIAN])  # English on their record

    response = client.get(reverse("notification_list"), HTTP_ACCEPT_LANGUAGE="es")

    assert response["Content-Language"] == "en"
    assert "Your notifications" in response.content.decode()


def test_a_visitor_who_has_not_signed_in_gets_the_browsers_language(client):
    spanish = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9,en;q=0.5")
    english = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert spanish["Content-Language"] == "es"
    assert '<html lang="es">' in spanish.content.decode()
    assert "Iniciar sesión en DistrictDesk" in spanish.content.decode()
    assert english["Content-Language"] == "en"
    assert "Sign in to DistrictDesk" in english.content.decode()
