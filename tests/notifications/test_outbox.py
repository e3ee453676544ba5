"""The outbox: who is told about each event, written in the step's own transaction."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from districtdesk.activity.events import record_event
from districtdesk.core.models import Role
from districtdesk.notifications.models import Notification, Preference, Rule
from districtdesk.notifications.services.reading import set_delivery
from districtdesk.service_requests.services import working
from tests.core.factories import PersonFactory, TeamMembershipFactory
from tests.notifications.builders import acknowledged, phoned_in
from tests.service_requests.builders import local, submit

pytestmark = pytest.mark.django_db

Channel = Notification.Channel


def told(event_code: str) -> set[tuple[str, str]]:
    return set(
        Notification.objects.filter(event__code=event_code).values_list(
            "recipient__username", "channel"
        )
    )


def test_a_phoned_in_request_tells_the_requester_and_the_team_but_not_the_analyst(people, now):
    phoned_in(people, now=now)

    assert told("request.submitted") == {("requester", "in_app"), ("requester", "email")}
    assert told("request.categorised") == {
        ("teamlead", "in_app"),
        ("teamlead", "email"),
        ("technician", "in_app"),
        ("technician", "email"),
    }
    assert not Notification.objects.filter(recipient=people[Role.CCC_ANALYST]).exists()


def test_nobody_is_told_of_their_own_step(people, now):
    submit(people[Role.REQUESTER], now=now)

    assert not Notification.objects.exists()


def test_the_email_row_waits_for_delivery_and_the_in_app_row_for_reading(people, now):
    phoned_in(people, now=now)

    email = Notification.objects.get(event__code="request.submitted", channel=Channel.EMAIL)
    in_app = Notification.objects.get(event__code="request.submitted", channel=Channel.IN_APP)
    assert (email.status, email.next_attempt_at, email.attempts) == ("pending", now, 0)
    assert (in_app.status, in_app.read_at) == ("sent", None)


def test_a_step_that_fails_leaves_no_notification(people, now):
    request = submit(people[Role.REQUESTER], now=now)

    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(
            request, actor=people[Role.TECHNICIAN], code="request.resolved", resolution="x"
        )
        raise RuntimeError("the step failed after writing its event")

    assert not Notification.objects.exists()


def test_each_reply_tells_the_other_side(people, now):
    request = acknowledged(people, now=now)
    Notification.objects.all().delete()

    working.add_note(request, actor=people[Role.TECHNICIAN], body="On my way", visibility="reply")
    working.add_note(request, actor=people[Role.REQUESTER], body="Thanks!", visibility="reply")

    assert told("request.reply_added") == {
        ("requester", "in_app"),
        ("requester", "email"),
        ("technician", "in_app"),
        ("technician", "email"),
    }


def test_in_app_only_writes_no_email_and_the_digest_waits_for_the_morning(people, now):
    set_delivery(people[Role.TEAM_LEAD], delivery=Preference.Delivery.IN_APP)
    set_delivery(people[Role.TECHNICIAN], delivery=Preference.Delivery.DIGEST)

    phoned_in(people, now=now)

    assert told("request.categorised") == {
        ("teamlead", "in_app"),
        ("technician", "in_app"),
        ("technician", "digest"),
    }
    digest = Notification.objects.get(channel=Channel.DIGEST)
    assert digest.next_attempt_at == local(2027, 2, 3, 7)


def test_who_is_told_is_data_an_administrator_changes(people, now):
    Rule.objects.filter(event_code="request.submitted").update(is_active=False)
    Rule.objects.create(event_code="request.submitted", audience="requester_supervisor", role="")
    Rule.objects.create(event_code="request.submitted", audience="role", role=Role.DIRECTOR)

    phoned_in(people, now=now)

    assert {name for name, _ in told("request.submitted")} == {"principal", "director"}


def test_the_receiver_costs_the_same_few_queries_for_a_small_team_or_a_large_one(
    people, district, now
):
    request = phoned_in(people, now=now)
    costs = []
    for extra in (0, 20):
        for _ in range(extra):
            TeamMembershipFactory(team=district.campus_team, person=PersonFactory())
        with CaptureQueriesContext(connection) as queries:
            record_event(request, actor=people[Role.CCC_ANALYST], code="request.categorised")
        costs.append(len(queries))

    # The event's insert, then the rules, the people, one insert of every row.
    assert costs == [4, 4]
    assert Notification.objects.filter(event__code="request.categorised").count() == 4 + 4 + 44
