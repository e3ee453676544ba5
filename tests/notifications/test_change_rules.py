"""The shipped rules for change-control events: the submitter hears the decision, directors
hear of every emergency, the coordinator of submissions and of changes awaiting review, the
committee of a published agenda, and the principals of the affected campuses and the
superintendent of completion, at a constant cost in queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districtdesk.activity.events import record_event
from districtdesk.changes.services import decisions, implementation, meetings, reminders
from districtdesk.core.models import Role
from districtdesk.notifications.models import Notification, Rule
from districtdesk.notifications.reference_data import CHANGE_RULES
from tests.changes.builders import NEXT_MONDAY_MEETING, open_meeting_with_agenda, submitted
from tests.core.factories import CampusFactory, PersonFactory
from tests.reference_data import restore_shipped_reference_data
from tests.service_requests.builders import local

pytestmark = pytest.mark.django_db


def told(event_code: str) -> set[str]:
    return set(
        Notification.objects.filter(event__code=event_code, channel="in_app").values_list(
            "recipient__username", flat=True
        )
    )


def test_the_coordinator_hears_of_a_submission(district):
    submitted(district)  # by the technician
    assert told("change.submitted") == {"coordinator"}


@pytest.mark.parametrize("decide", ["approve", "deny", "defer"])
def test_the_submitter_hears_the_committees_decision(district, people, decide):
    change = submitted(district)
    open_meeting_with_agenda(district)
    committee = people[Role.CHANGE_COMMITTEE]

    if decide == "approve":
        decisions.approve_change(change, actor=committee, now=NEXT_MONDAY_MEETING)
    elif decide == "deny":
        decisions.deny_change(
            change, actor=committee, denial_reason="timing", now=NEXT_MONDAY_MEETING
        )
    else:
        decisions.defer_change(change, actor=committee, now=NEXT_MONDAY_MEETING)

    code = {"approve": "change.approved", "deny": "change.denied", "defer": "change.deferred"}
    assert told(code[decide]) == {"technician"}


def test_directors_hear_of_every_emergency_when_it_is_implemented(district, people):
    emergency = submitted(
        district,
        change_type="emergency",
        planned_start=local(2027, 2, 3, 9),
        planned_end=local(2027, 2, 3, 10),
    )
    implementation.complete_change(
        emergency, actor=people[Role.TECHNICIAN], outcome="successful", now=local(2027, 2, 3, 10)
    )
    assert told("change.emergency_implemented") == {"director"}


def test_principals_of_the_affected_campuses_and_the_superintendent_hear_of_completion(
    district, people
):
    # The cast's principal is at the north campus; the south change is not hers
    north = submitted(district, title="North")
    south = submitted(
        district,
        title="South",
        campuses=[district.south],
        planned_start=local(2027, 2, 27, 20),
        planned_end=local(2027, 2, 27, 22),
    )
    technician = people[Role.TECHNICIAN]

    record_event(
        north, actor=technician, code="change.completed", notify_campus_ids=[district.north.pk]
    )
    assert told("change.completed") == {"principal", "superintendent"}
    Notification.objects.all().delete()
    record_event(
        south, actor=technician, code="change.completed", notify_campus_ids=[district.south.pk]
    )
    assert told("change.completed") == {"superintendent"}


def test_the_affected_campuses_principal_hears_a_change_is_scheduled_before_it_happens(
    district, people
):
    north = submitted(district, title="North")
    record_event(
        north,
        actor=people[Role.TECHNICIAN],
        code="change.scheduled",
        notify_campus_ids=[district.north.pk],
    )
    assert told("change.scheduled") == {"principal", "superintendent"}


def test_completion_costs_the_same_queries_however_many_campuses_and_principals(district, people):
    change = submitted(district)
    technician = people[Role.TECHNICIAN]

    def queries(campus_ids: list[int]) -> int:
        with CaptureQueriesContext(connection) as captured:
            record_event(
                change, actor=technician, code="change.completed", notify_campus_ids=campus_ids
            )
        return len(captured)

    one = queries([district.north.pk])
    campuses = [CampusFactory() for _ in range(5)]
    for campus in campuses:
        PersonFactory(roles=[(Role.PRINCIPAL, campus)])
    many = queries([campus.pk for campus in campuses])

    assert one == many
    completed = Notification.objects.filter(channel="in_app", event__code="change.completed")
    assert completed.count() == 2 + 6


def test_the_committee_hears_the_agenda_is_published_and_the_coordinator_of_reviews(
    district, people
):
    meeting = meetings.plan_meeting(
        actor=people[Role.CHANGE_COORDINATOR], scheduled_for=NEXT_MONDAY_MEETING
    )
    reminders.publish_due_agendas(NEXT_MONDAY_MEETING - timedelta(hours=1))
    assert told("meeting.agenda_published") == {"committee", "coordinator"}
    assert meeting.items.count() == 0

    change = submitted(
        district,
        change_type="emergency",
        planned_start=local(2027, 2, 3, 9),
        planned_end=local(2027, 2, 3, 10),
    )
    implementation.complete_change(
        change, actor=people[Role.TECHNICIAN], outcome="successful", now=local(2027, 2, 3, 10)
    )
    reminders.remind_of_reviews(local(2027, 2, 8, 9))
    assert told("change.review_reminder") == {"coordinator"}


def test_the_change_rules_are_restored_after_a_flush():
    Rule.objects.all().delete()

    restore_shipped_reference_data()

    shipped = set(Rule.objects.values_list("event_code", "audience", "role"))
    assert set(CHANGE_RULES) <= shipped
