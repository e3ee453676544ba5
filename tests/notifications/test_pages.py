"""The bell, the notifications page, marking read, and preferences."""

import pytest
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.notifications.models import Notification, Preference
from districtdesk.service_requests.services import working
from tests.notifications.builders import acknowledged, phoned_in

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_every_page_has_the_bell_and_it_costs_the_page_no_query(client, people, now):
    client.force_login(people[Role.REQUESTER])

    page = text(client.get(reverse("home")))

    assert f'hx-get="{reverse("notification_bell")}"' in page
    assert 'hx-trigger="load, every 30s"' in page
    assert 'role="status"' in page


def test_the_bell_answers_the_count_then_stays_quiet_until_it_changes(client, people, now):
    phoned_in(people, now=now)
    client.force_login(people[Role.REQUESTER])
    bell = reverse("notification_bell")

    first = client.get(bell)
    assert first.status_code == 200
    assert ">1<" in text(first) and "?shown=1" in text(first)
    assert 'id="bell-announce"' not in text(first)  # a first load is not announced

    assert client.get(bell, {"shown": "1"}).status_code == 204

    request = working.acknowledge_request(
        phoned_in(people, now=now), actor=people[Role.TECHNICIAN], now=now
    )
    working.add_note(request, actor=people[Role.TECHNICIAN], body="Fixed", visibility="reply")
    more = client.get(bell, {"shown": "1"})
    assert "You have 3 unread notifications." in text(more)


def test_the_page_lists_a_persons_own_notifications_and_marks_them_read(client, people, now):
    request = acknowledged(people, now=now)
    working.add_note(request, actor=people[Role.TECHNICIAN], body="Fixed", visibility="reply")
    client.force_login(people[Role.REQUESTER])

    page = text(client.get(reverse("notification_list")))
    assert "Replied to the requester" in page
    assert f'href="/requests/{request.pk}/"' in page
    assert "2 unread." in page

    newest = Notification.objects.filter(recipient=people[Role.REQUESTER], channel="in_app")[0]
    response = client.post(reverse("notification_read", args=[newest.pk]))
    assert response.status_code == 302
    newest.refresh_from_db()
    assert newest.read_at == now

    client.post(reverse("notification_read_all"))
    assert not Notification.objects.filter(
        recipient=people[Role.REQUESTER], channel="in_app", read_at__isnull=True
    ).exists()


def test_marking_read_goes_back_only_to_a_page_of_this_site(client, people, now):
    phoned_in(people, now=now)
    client.force_login(people[Role.REQUESTER])
    row = Notification.objects.get(recipient=people[Role.REQUESTER], channel="in_app")
    url = reverse("notification_read", args=[row.pk])

    assert client.post(url, {"next": "https://evil.example/"}).url == reverse("notification_list")
    assert client.post(url, {"next": "/requests/"}).url == "/requests/"


def test_nobody_reads_someone_elses_notification(client, people, now):
    phoned_in(people, now=now)
    row = Notification.objects.get(recipient=people[Role.REQUESTER], channel="in_app")
    client.force_login(people[Role.TECHNICIAN])

    assert client.post(reverse("notification_read", args=[row.pk])).status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_a_person_chooses_the_daily_digest(client, people):
    client.force_login(people[Role.TECHNICIAN])
    url = reverse("notification_preferences")
    assert client.get(url).context["form"]["delivery"].value() == "email"

    response = client.post(url, {"delivery": "digest"})

    assert response.status_code == 302
    assert Preference.objects.get(person=people[Role.TECHNICIAN]).delivery == "digest"
    assert client.get(url).context["form"]["delivery"].value() == "digest"
    bad = client.post(url, {"delivery": "pigeon"})
    assert bad.status_code == 200 and "Select a valid choice" in text(bad)
