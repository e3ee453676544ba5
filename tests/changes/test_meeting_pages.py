"""The coordinator's meeting page, the printable agenda and the Change Control Reports."""

import csv
import io

import pytest
from django.urls import reverse

from districtdesk.changes.models import ChangeRequest, Meeting
from districtdesk.changes.services import implementation, meetings
from districtdesk.core.models import Role
from tests.changes.builders import (
    NEXT_MONDAY_MEETING,
    approved,
    draft,
    open_meeting_with_agenda,
    submitted,
)
from tests.changes.pages import text
from tests.service_requests.builders import local

pytestmark = pytest.mark.django_db
Status = ChangeRequest.Status
Type = ChangeRequest.Type


def emergency_completed(district, **fields):
    """An emergency firmware fix done on Wednesday 3 February."""
    technician = district.people[Role.TECHNICIAN]
    change = submitted(
        district,
        change_type=Type.EMERGENCY,
        title="Patch the firewall",
        planned_start=local(2027, 2, 3, 9),
        planned_end=local(2027, 2, 3, 10),
        **fields,
    )
    return implementation.complete_change(
        change, actor=technician, outcome="successful", now=local(2027, 2, 3, 10)
    )


def test_planning_the_meeting_builds_its_agenda_in_sections(client, district, people, now):
    scheduled = submitted(district)
    emergency = emergency_completed(district)
    client.force_login(people[Role.CHANGE_COORDINATOR])

    response = client.post(reverse("meeting_plan"), {"scheduled_for": ""})

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.scheduled_for == NEXT_MONDAY_MEETING
    page = client.get(reverse("meeting_detail", args=[meeting.pk]))
    sections = {
        s["purpose"]: [r["item"].change for r in s["rows"]] for s in page.context["sections"]
    }
    assert sections == {"decide": [scheduled], "review": [emergency], "inform": []}
    assert "Open the meeting" in text(page)


def test_a_meeting_already_planned_for_that_time_is_refused_in_words(client, district, people, now):
    client.force_login(people[Role.CHANGE_COORDINATOR])
    client.post(reverse("meeting_plan"), {"scheduled_for": ""})

    response = client.post(reverse("meeting_plan"), {"scheduled_for": ""}, follow=True)

    assert "A meeting is already planned for that time." in text(response)
    assert Meeting.objects.count() == 1


def test_the_committee_decides_each_item_and_the_coordinator_closes(
    client, district, people, at_the_meeting
):
    change = submitted(district)
    meeting = open_meeting_with_agenda(district)
    item = meeting.items.get()
    client.force_login(people[Role.CHANGE_COMMITTEE])
    page = client.get(reverse("meeting_detail", args=[meeting.pk]))
    assert page.context["sections"][0]["rows"][0]["form"] is not None
    assert "Close the meeting" not in text(page)

    response = client.post(
        reverse("meeting_decide", args=[meeting.pk, item.pk]),
        {f"item-{item.pk}-decision": "approve", f"item-{item.pk}-notes": "Go."},
    )
    assert response.status_code == 302
    client.force_login(people[Role.CHANGE_COORDINATOR])
    response = client.post(
        reverse("meeting_close", args=[meeting.pk]), {"status": "open", "minutes": "Quorum."}
    )

    change.refresh_from_db()
    meeting.refresh_from_db()
    assert response.status_code == 302
    assert (change.status, meeting.status, meeting.minutes) == (
        Status.APPROVED,
        Meeting.Status.CLOSED,
        "Quorum.",
    )
    assert change.eligible_at is not None


def test_a_denial_without_its_reason_shows_beside_the_item(client, district, people, now):
    submitted(district)
    meeting = open_meeting_with_agenda(district)
    item = meeting.items.get()
    client.force_login(people[Role.CHANGE_COMMITTEE])

    response = client.post(
        reverse("meeting_decide", args=[meeting.pk, item.pk]),
        {f"item-{item.pk}-decision": "deny", f"item-{item.pk}-denial_reason": ""},
    )

    form = response.context["sections"][0]["rows"][0]["form"]
    assert form.errors["denial_reason"] == ["Choose the reason for the denial."]
    item.refresh_from_db()
    assert item.decision == ""


def test_closing_with_undecided_items_is_refused_in_words(client, district, people, at_the_meeting):
    submitted(district)
    meeting = open_meeting_with_agenda(district)
    client.force_login(people[Role.CHANGE_COORDINATOR])

    response = client.post(reverse("meeting_close", args=[meeting.pk]), {"status": "open"})

    assert "Approve, deny or defer every change" in text(response)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.OPEN


def test_attendance_and_minutes_are_recorded(client, district, people, now):
    meeting = open_meeting_with_agenda(district)
    client.force_login(people[Role.CHANGE_COORDINATOR])
    present = [people[Role.CHANGE_COMMITTEE], people[Role.DIRECTOR]]

    client.post(
        reverse("meeting_attendance", args=[meeting.pk]),
        {"status": "open", "attendees": [p.pk for p in present], "minutes": "Both present."},
    )

    meeting.refresh_from_db()
    assert set(meeting.attendees.all()) == set(present)
    assert meeting.minutes == "Both present."


def test_only_the_coordinator_runs_the_meeting(client, district, people, now):
    meeting = meetings.plan_meeting(actor=people[Role.CHANGE_COORDINATOR], now=now)
    client.force_login(people[Role.CHANGE_COMMITTEE])

    assert (
        client.post(reverse("meeting_open", args=[meeting.pk]), {"status": "planned"}).status_code
        == 404
    )
    assert "Open the meeting" not in text(client.get(reverse("meeting_detail", args=[meeting.pk])))


def test_the_meeting_page_costs_the_same_queries_for_a_long_agenda(
    client, district, people, now, django_assert_max_num_queries
):
    submitted(district)
    meeting = meetings.plan_meeting(actor=people[Role.CHANGE_COORDINATOR], now=now)
    meetings.build_agenda(meeting, actor=people[Role.CHANGE_COORDINATOR], now=now)
    client.force_login(people[Role.CHANGE_COORDINATOR])
    url = reverse("meeting_detail", args=[meeting.pk])
    with django_assert_max_num_queries(21):
        client.get(url)
    for number in range(5):
        submitted(district, title=f"Patch {number}", campuses=[district.south])
        emergency_completed(district, campuses=[district.south])
    meetings.build_agenda(meeting, actor=people[Role.CHANGE_COORDINATOR], now=now)

    with django_assert_max_num_queries(21):
        response = client.get(url)

    assert sum(len(s["rows"]) for s in response.context["sections"]) == 11


def test_past_meetings_list_their_minutes(client, district, people, now):
    change = submitted(district)
    approved(district, change)
    Meeting.objects.update(minutes="Approved the firmware upgrade.")
    client.force_login(people[Role.TECHNICIAN])

    response = client.get(reverse("meeting_list"))

    assert "Approved the firmware upgrade." in text(response)


def test_the_printable_agenda_lists_each_item_with_its_flags(client, district, people, now):
    # Thursday at 10:00: outside every window.
    submitted(district, planned_start=local(2027, 2, 25, 10), planned_end=local(2027, 2, 25, 11))
    meeting = open_meeting_with_agenda(district)
    client.force_login(people[Role.DIRECTOR])

    response = client.get(reverse("meeting_agenda", args=[meeting.pk]))

    assert "outside the maintenance windows" in text(response)
    assert "data-print" in text(response)


# --- The Change Control Reports --------------------------------------------------------


def test_each_report_holds_its_changes(client, district, people, now):
    scheduled = approved(district, submitted(district))
    emergency = emergency_completed(district)
    informational = submitted(
        district,
        change_type=Type.INFORMATIONAL,
        title="New help-desk phone tree",
        service_request=None,
    )
    draft(district, change_type=Type.INFORMATIONAL, title="Unsent")
    client.force_login(people[Role.DIRECTOR])

    def report(kind):
        return list(client.get(reverse("change_report", args=[kind])).context["changes"])

    assert report("approved") == [scheduled]
    assert report("emergency") == [emergency]
    assert report("informational") == [informational]
    assert report("scheduled") == []


def test_the_csv_defuses_cells_a_spreadsheet_would_run(client, district, people, now):
    approved(district, submitted(district, title='=HYPERLINK("http://x")'))
    client.force_login(people[Role.CHANGE_COORDINATOR])

    response = client.get(reverse("change_report_csv", args=["approved"]))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][0] == "number"
    assert rows[1][1] == '\'=HYPERLINK("http://x")'


def test_an_unknown_report_is_a_404(client, people):
    client.force_login(people[Role.DIRECTOR])
    assert client.get(reverse("change_report", args=["nonsense"])).status_code == 404
    assert client.get(reverse("change_report_csv", args=["nonsense"])).status_code == 404
