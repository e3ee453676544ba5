"""The change calendar and its iCalendar feed, read back with the icalendar package."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from districtdesk.changes.models import CalendarFeed, ChangeRequest
from districtdesk.changes.services import decisions, feeds, meetings, submission
from districtdesk.core.models import Role
from tests.changes.builders import NEXT_MONDAY_MEETING, draft, open_meeting_with_agenda, submitted
from tests.changes.pages import text
from tests.service_requests.builders import local

pytestmark = pytest.mark.django_db


def month_days(response) -> dict:
    return {day.day: day for week in response.context["weeks"] for day in week}


def test_the_month_shows_changes_meetings_windows_and_blackouts(client, district, people, now):
    change = submitted(district)
    meetings.plan_meeting(actor=people[Role.CHANGE_COORDINATOR], now=now)
    client.force_login(people[Role.TECHNICIAN])

    response = client.get(reverse("change_calendar"), {"month": "2027-02"})

    days = month_days(response)
    saturday = days[local(2027, 2, 20).date()]
    assert saturday.changes == [change] and saturday.all_day_window
    assert len(days[local(2027, 2, 8).date()].meetings) == 1
    tuesday = days[local(2027, 2, 2).date()]
    assert not tuesday.all_day_window and tuesday.windows
    assert "day--window" in text(response)


def test_blackouts_are_shaded_and_named(client, people, now):
    client.force_login(people[Role.DIRECTOR])

    response = client.get(reverse("change_calendar"), {"month": "2027-04", "view": "list"})

    assert month_days(response)[local(2027, 4, 6).date()].blackouts
    assert "Blackout: Spring state testing" in text(response)


def test_the_calendar_filters_by_system_and_campus(client, district, people, now):
    north = submitted(district)
    south = submitted(district, title="South patch", systems=[], campuses=[district.south])
    client.force_login(people[Role.TECHNICIAN])
    url = reverse("change_calendar")

    def shown(**query):
        days = month_days(client.get(url, {"month": "2027-02", **query}))
        return {change for day in days.values() for change in day.changes}

    assert shown() == {north, south}
    assert shown(campus=district.south.pk) == {south}
    assert shown(system=north.systems.get().pk) == {north}


def test_a_bad_month_shows_the_current_one(client, people, now):
    client.force_login(people[Role.DIRECTOR])
    for month in ("2027-13", "x", "9999-01", "-1-1"):
        response = client.get(reverse("change_calendar"), {"month": month})
        assert response.context["first"] == local(2027, 2, 1).date()


# --- The iCalendar feed ----------------------------------------------------------------


def feed(client, token):
    response = client.get(reverse("change_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_lists_changes_and_meetings_without_a_session(client, district, people, now):
    change = submitted(district)
    draft(district, title="Unsent")
    meeting = open_meeting_with_agenda(district)
    token = feeds.issue_feed(actor=people[Role.TECHNICIAN])

    events = events_by_uid(feed(client, token))

    assert set(events) == {f"change-{change.pk}@testserver", f"meeting-{meeting.pk}@testserver"}
    event = events[f"change-{change.pk}@testserver"]
    assert str(event["SUMMARY"]) == f"{change.number} {change.title}"
    assert event.decoded("DTSTART") == change.planned_start
    assert str(event["STATUS"]) == "TENTATIVE"  # on the agenda, not yet decided
    for vevent in events.values():
        assert "DTSTAMP" in vevent and "SEQUENCE" in vevent


def test_sequence_rises_with_each_edit_and_a_denial_cancels(client, district, people, now):
    change = draft(district)
    submission.submit_change(change, actor=people[Role.TECHNICIAN], now=now)
    token = feeds.issue_feed(actor=people[Role.DIRECTOR])
    before = events_by_uid(feed(client, token))[f"change-{change.pk}@testserver"]
    assert str(before["STATUS"]) == "TENTATIVE"
    open_meeting_with_agenda(district)
    decisions.deny_change(
        change, actor=people[Role.CHANGE_COMMITTEE], denial_reason="timing", now=NEXT_MONDAY_MEETING
    )

    after = events_by_uid(feed(client, token))[f"change-{change.pk}@testserver"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(after["STATUS"]) == "CANCELLED"
    assert after.decoded("DTSTAMP") > before.decoded("DTSTAMP")


def test_an_unknown_or_revoked_secret_is_a_404(client, people, now):
    token = feeds.issue_feed(actor=people[Role.TECHNICIAN])
    assert client.get(reverse("change_feed", args=["not-a-secret"])).status_code == 404
    newer = feeds.issue_feed(actor=people[Role.TECHNICIAN])

    assert client.get(reverse("change_feed", args=[token])).status_code == 404
    assert client.get(reverse("change_feed", args=[newer])).status_code == 200
    feeds.revoke_feeds(actor=people[Role.TECHNICIAN])
    assert client.get(reverse("change_feed", args=[newer])).status_code == 404


def test_the_subscribe_page_shows_the_address_once_and_keeps_only_a_digest(client, people, now):
    client.force_login(people[Role.TEAM_LEAD])

    response = client.post(reverse("change_calendar_subscribe"), {"issue": "1"})

    url = response.context["feed_url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in CalendarFeed.objects.get().digest
    assert client.get(reverse("change_calendar_subscribe")).context["feed_url"] is None
    client.post(reverse("change_calendar_subscribe"), {"revoke": "1"})
    assert client.get(url).status_code == 404


def test_a_feed_shows_only_what_its_owner_may_see(client, district, people, now):
    submitted(district)
    CalendarFeed.objects.all().delete()
    token = feeds.issue_feed(actor=people[Role.REQUESTER])

    assert client.get(reverse("change_feed", args=[token])).status_code == 404
    assert ChangeRequest.objects.count() == 1
