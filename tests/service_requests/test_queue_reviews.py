"""The uncategorised queue's odd-hour review: who did the last one, when the next is due."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from districtdesk.activity.models import Event
from districtdesk.core.calendars import to_sla_calendar
from districtdesk.core.errors import DomainError
from districtdesk.core.models import BusinessCalendar, Role
from districtdesk.service_requests import selectors
from districtdesk.service_requests.services.reviews import record_queue_review
from tests.service_requests.builders import local, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    calendar = BusinessCalendar.objects.prefetch_related("working_periods", "closures")
    return to_sla_calendar(calendar.get(is_default=True))


def cadence(clock, now: datetime):
    return selectors.review_cadence(clock, now=now)


def test_an_analyst_records_a_review_with_the_count_waiting(people):
    submit(people[Role.REQUESTER], now=local(2027, 2, 2, 10, 40))

    review = record_queue_review(actor=people[Role.CCC_ANALYST], now=local(2027, 2, 2, 11, 5))

    assert (review.reviewed_by, review.waiting_count) == (people[Role.CCC_ANALYST], 1)
    assert Event.objects.for_subject(review).get().code == "queue.reviewed"


def test_only_analysts_record_reviews(people):
    with pytest.raises(DomainError):
        record_queue_review(actor=people[Role.TECHNICIAN])


def test_a_review_is_due_from_the_odd_hour_until_someone_does_it(people, clock):
    # Given no review yet, at Tuesday 11:20 the 11:00 review is due
    assert cadence(clock, local(2027, 2, 2, 11, 20)).due_since == local(2027, 2, 2, 11)

    # When an analyst reviews at 11:25
    record_queue_review(actor=people[Role.CCC_ANALYST], now=local(2027, 2, 2, 11, 25))

    # Then nothing is due until 13:00, and at 13:10 the 13:00 review is due
    on_time = cadence(clock, local(2027, 2, 2, 11, 30))
    assert (on_time.due_since, on_time.next_due) == (None, local(2027, 2, 2, 13))
    assert on_time.last.reviewed_by == people[Role.CCC_ANALYST]
    assert cadence(clock, local(2027, 2, 2, 13, 10)).due_since == local(2027, 2, 2, 13)


def test_the_last_due_review_of_friday_stays_due_over_the_weekend(people, clock):
    # 15:00 is Friday's last odd hour in working time (the day ends 16:30)
    assert cadence(clock, local(2027, 2, 6, 10)).due_since == local(2027, 2, 5, 15)


def test_the_queue_page_shows_the_cadence_and_records_a_review(client, people):
    with time_machine.travel(local(2027, 2, 2, 11, 20), tick=False):
        client.force_login(people[Role.CCC_ANALYST])
        before = client.get(reverse("request_queue", args=["uncategorised"])).content.decode()
        response = client.post(reverse("request_queue_review"))
        after = client.get(reverse("request_queue", args=["uncategorised"])).content.decode()

    assert "Review due since" in before
    assert response.status_code == 302
    assert "Last reviewed by Ana Costa" in after
    assert "Next review" in after
