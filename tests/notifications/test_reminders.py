"""Reminders at pinned times: each once per target and due time, however often the tick runs."""

from datetime import date

import pytest

from districtdesk.activity.models import Event
from districtdesk.core.models import Role
from districtdesk.notifications.models import Notification, Reminder
from districtdesk.notifications.services.engine import tick
from districtdesk.notifications.services.reminders import Occasion, remind, send_reminders
from districtdesk.service_requests.services import reviews, working
from tests.notifications.builders import phoned_in
from tests.service_requests.builders import local, priority, submit

pytestmark = pytest.mark.django_db

TUESDAY_10 = local(2027, 2, 2, 10)


def queue_reviewed(people, at) -> None:
    """An analyst made the odd-hour review of the uncategorised queue at `at`, so only the
    reminder a test is about is due."""
    reviews.record_queue_review(actor=people[Role.CCC_ANALYST], now=at)


def reminded(code: str) -> set[str]:
    return set(
        Notification.objects.filter(event__code=code, channel="in_app").values_list(
            "recipient__username", flat=True
        )
    )


def test_analysts_hear_30_minutes_before_a_categorisation_breach_and_at_the_breach(people):
    # A portal request at 10:00 must be categorised by 12:00 (2 business hours)
    request = submit(people[Role.REQUESTER], now=TUESDAY_10)
    queue_reviewed(people, local(2027, 2, 2, 11, 5))

    assert send_reminders(local(2027, 2, 2, 11, 29)) == 0
    assert send_reminders(local(2027, 2, 2, 11, 30)) == 1
    assert send_reminders(local(2027, 2, 2, 11, 45)) == 0
    assert reminded("request.categorise_due_soon") == {"analyst"}
    assert send_reminders(local(2027, 2, 2, 12, 0)) == 1
    assert send_reminders(local(2027, 2, 2, 12, 30)) == 0
    assert reminded("request.categorise_breached") == {"analyst"}

    soon = Event.objects.for_subject(request).get(code="request.categorise_due_soon")
    assert (soon.actor, soon.occurred_at) == (None, local(2027, 2, 2, 11, 30))
    assert soon.params == {"number": request.number, "due": "2027-02-02 12:00"}


def test_a_request_categorised_in_time_gets_no_categorisation_reminder(people):
    request = submit(people[Role.REQUESTER], now=TUESDAY_10)
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
        now=local(2027, 2, 2, 11),
    )

    send_reminders(local(2027, 2, 2, 11, 45))
    send_reminders(local(2027, 2, 2, 12, 5))

    assert not Reminder.objects.filter(key__startswith="categorise").exists()


def test_assignee_and_team_lead_are_warned_before_acknowledge_and_resolve_breaches(people):
    # Phoned in Tuesday 10:00: acknowledge by Wednesday 10:00, resolve by Friday 10:00
    request = phoned_in(people, now=TUESDAY_10)
    working.assign_request(
        request,
        actor=people[Role.TEAM_LEAD],
        team=request.team,
        assignee=people[Role.TECHNICIAN],
        now=TUESDAY_10,
    )

    assert send_reminders(local(2027, 2, 3, 7, 59)) == 0
    assert send_reminders(local(2027, 2, 3, 8, 0)) == 1
    assert reminded("request.acknowledge_due_soon") == {"technician", "teamlead"}
    assert send_reminders(local(2027, 2, 3, 10, 0)) == 1
    assert reminded("request.acknowledge_breached") == {"technician", "teamlead"}

    working.acknowledge_request(
        request, actor=people[Role.TECHNICIAN], now=local(2027, 2, 3, 10, 30)
    )
    assert send_reminders(local(2027, 2, 5, 8, 0)) == 1
    assert send_reminders(local(2027, 2, 5, 10, 0)) == 1
    assert send_reminders(local(2027, 2, 5, 10, 1)) == 0
    assert reminded("request.resolve_due_soon") == {"technician", "teamlead"}
    assert reminded("request.resolve_breached") == {"technician", "teamlead"}


def test_a_due_time_that_moves_is_a_new_occasion(people):
    request = phoned_in(people, now=TUESDAY_10)
    working.acknowledge_request(request, actor=people[Role.TECHNICIAN], now=TUESDAY_10)
    assert send_reminders(local(2027, 2, 5, 8, 0)) == 1

    # On hold Friday 8:30–9:30: the resolve clock stops for that hour, due 11:00
    technician = people[Role.TECHNICIAN]
    working.wait_on(
        request, actor=technician, waiting_on="vendor", reason="Lamp", now=local(2027, 2, 5, 8, 30)
    )
    assert send_reminders(local(2027, 2, 5, 9, 0)) == 0  # paused: no due time
    working.resume_request(request, actor=technician, now=local(2027, 2, 5, 9, 30))

    assert send_reminders(local(2027, 2, 5, 9, 31)) == 1
    assert Reminder.objects.filter(key__startswith="resolve_due_soon").count() == 2


def test_the_weekly_status_note_on_scheduled_maintenance_is_reminded_when_due(people):
    request = submit(people[Role.REQUESTER], now=TUESDAY_10, summary="New bell server")
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("5.4").category,
        priority=priority("5.4"),
        planned_completion=date(2027, 3, 1),
        now=TUESDAY_10,
    )
    working.acknowledge_request(request, actor=people[Role.TECHNICIAN], now=TUESDAY_10)

    # Due a week after categorising: Tuesday 9 February, 10:00
    assert send_reminders(local(2027, 2, 9, 9, 59)) == 0
    assert send_reminders(local(2027, 2, 9, 10, 0)) == 1
    assert send_reminders(local(2027, 2, 9, 15, 0)) == 0
    assert reminded("request.status_note_due") == {"technician", "teamlead"}

    # The note resets the weekly clock: the next week is a new occasion
    working.add_note(
        request,
        actor=people[Role.TECHNICIAN],
        body="Rack installed",
        visibility="work_note",
        now=local(2027, 2, 9, 16),
    )
    assert send_reminders(local(2027, 2, 16, 15, 59)) == 0
    assert send_reminders(local(2027, 2, 16, 16, 0)) == 1


def test_a_second_scheduler_racing_for_the_same_occasion_reminds_nobody_twice(people):
    request = submit(people[Role.REQUESTER], now=TUESDAY_10)
    queue_reviewed(people, local(2027, 2, 2, 11, 5))
    at = local(2027, 2, 2, 11, 30)
    assert send_reminders(at) == 1
    occasion = Occasion(
        key=Reminder.objects.get().key,
        request=request,
        code="request.categorise_due_soon",
        due=local(2027, 2, 2, 12),
    )

    # The other scheduler read the keys before the first one wrote its reminder
    assert remind(occasion, now=at) is False
    assert Event.objects.filter(code="request.categorise_due_soon").count() == 1
    assert Notification.objects.filter(event__code="request.categorise_due_soon").count() == 2


def test_tick_twice_sends_each_reminder_once(people, smtp):
    submit(people[Role.REQUESTER], now=TUESDAY_10)
    queue_reviewed(people, local(2027, 2, 2, 11, 5))

    at = local(2027, 2, 2, 11, 30)
    first, second = tick(at), tick(at)

    assert (first.reminders, first.delivery.sent) == (1, 1)
    assert (second.reminders, second.delivery.sent) == (0, 0)
    [message] = smtp.inbox.messages
    assert message["To"] == people[Role.CCC_ANALYST].email


def test_analysts_are_reminded_of_the_odd_hour_queue_review_once_while_requests_wait(people):
    request = submit(people[Role.REQUESTER], now=TUESDAY_10)
    queue_reviewed(people, local(2027, 2, 2, 10, 0))
    # The 11:00 review falls due; an analyst hears it once, on the longest-waiting request.
    assert not [k for k in _reminded_keys(local(2027, 2, 2, 10, 59)) if "queue" in k]
    send_reminders(local(2027, 2, 2, 11, 1))
    send_reminders(local(2027, 2, 2, 11, 20))
    assert reminded("request.queue_review_due") == {"analyst"}
    event = Event.objects.get(code="request.queue_review_due")
    assert event.subject_id == str(request.pk)
    assert event.params["due"] == "2027-02-02 11:00"
    # Reviewed at 11:25: the 13:00 review is the next occasion, not a repeat of 11:00.
    queue_reviewed(people, local(2027, 2, 2, 11, 25))
    send_reminders(local(2027, 2, 2, 12, 30))
    assert Event.objects.filter(code="request.queue_review_due").count() == 1
    send_reminders(local(2027, 2, 2, 13, 5))
    assert Event.objects.filter(code="request.queue_review_due").count() == 2


def test_no_queue_review_reminder_when_nothing_waits_or_out_of_hours(people):
    request = submit(people[Role.REQUESTER], now=TUESDAY_10)
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
        now=local(2027, 2, 2, 10, 30),
    )
    send_reminders(local(2027, 2, 2, 11, 5))
    submit(people[Role.REQUESTER], now=local(2027, 2, 2, 18))
    send_reminders(local(2027, 2, 2, 19, 5))  # 19:00 is after working hours
    assert not Event.objects.filter(code="request.queue_review_due").exists()


def _reminded_keys(at) -> list[str]:
    send_reminders(at)
    return list(Reminder.objects.values_list("key", flat=True))
