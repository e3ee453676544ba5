"""A meeting opens (and closes) at its time, or at most the district's grace before it:
the service, the page and the API, at pinned times."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from districtdesk.changes.models import ChangeControlSettings, Meeting
from districtdesk.changes.services import meetings
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from tests.changes.builders import NEXT_MONDAY_MEETING, TUESDAY
from tests.changes.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(people) -> Meeting:
    return meetings.plan_meeting(
        actor=people[Role.CHANGE_COORDINATOR], scheduled_for=NEXT_MONDAY_MEETING, now=TUESDAY
    )


def test_a_meeting_opens_within_its_grace_but_not_before(people, planned):
    coordinator = people[Role.CHANGE_COORDINATOR]

    with pytest.raises(DomainError) as refused:
        meetings.open_meeting(
            planned, actor=coordinator, now=NEXT_MONDAY_MEETING - timedelta(minutes=31)
        )
    assert (refused.value.code, refused.value.field) == ("meeting_too_early", "scheduled_for")
    assert "from 2027-02-08 12:30" in refused.value.message

    opened = meetings.open_meeting(
        planned, actor=coordinator, now=NEXT_MONDAY_MEETING - timedelta(minutes=30)
    )
    assert opened.status == Meeting.Status.OPEN


def test_the_grace_is_the_districts_setting(people, planned):
    ChangeControlSettings.objects.filter(pk=1).update(meeting_grace_minutes=0)

    with pytest.raises(DomainError):
        meetings.open_meeting(
            planned,
            actor=people[Role.CHANGE_COORDINATOR],
            now=NEXT_MONDAY_MEETING - timedelta(minutes=1),
        )


def test_a_meeting_cannot_close_before_its_time(people):
    # A meeting opened within its grace cannot be closed before the same moment either
    coordinator = people[Role.CHANGE_COORDINATOR]
    later = NEXT_MONDAY_MEETING + timedelta(days=7)
    meeting = meetings.plan_meeting(actor=coordinator, scheduled_for=later, now=TUESDAY)
    meetings.open_meeting(meeting, actor=coordinator, now=later - timedelta(minutes=20))
    ChangeControlSettings.objects.filter(pk=1).update(meeting_grace_minutes=10)

    with pytest.raises(DomainError) as refused:
        meetings.close_meeting(meeting, actor=coordinator, now=later - timedelta(minutes=15))

    assert refused.value.code == "meeting_too_early"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.OPEN


def test_opening_early_on_the_page_is_refused_in_words(client, people, planned, now):
    client.force_login(people[Role.CHANGE_COORDINATOR])

    response = client.post(reverse("meeting_open", args=[planned.pk]), {"status": "planned"})

    assert response.status_code == 200
    assert "The meeting can be opened from 2027-02-08 12:30" in text(response)
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.PLANNED


def test_opening_early_through_the_api_is_a_400_on_its_time(people, planned):
    client = APIClient()
    client.force_authenticate(user=people[Role.CHANGE_COORDINATOR])

    with time_machine.travel(TUESDAY, tick=False):
        early = client.post(f"/api/v1/change-meetings/{planned.pk}/open/", {}, format="json")
    with time_machine.travel(NEXT_MONDAY_MEETING, tick=False):
        on_time = client.post(f"/api/v1/change-meetings/{planned.pk}/open/", {}, format="json")

    assert early.status_code == 400
    assert "scheduled_for" in early.json()
    assert on_time.json()["status"] == "open"
