"""Votes and quorum at the Change Control meeting, where the district's committee votes:
the services, who may vote, the meeting page (htmx and without JavaScript) and the API, at
pinned times."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from districtdesk.activity.models import Event
from districtdesk.changes.models import ChangeControlSettings, ChangeRequest, Meeting, Vote
from districtdesk.changes.services import decisions, meetings, votes
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from tests.changes.builders import NEXT_MONDAY_MEETING, open_meeting_with_agenda, submitted
from tests.changes.pages import text

pytestmark = pytest.mark.django_db
AT_MEETING = NEXT_MONDAY_MEETING + timedelta(minutes=5)
MEETINGS = "/api/v1/change-meetings/"


def the_committee_votes(quorum: int = 2) -> None:
    ChangeControlSettings.objects.filter(pk=1).update(committee_votes=True, quorum=quorum)


@pytest.fixture
def meeting(district):
    """Monday's meeting, open, with the technician's firmware upgrade for decision."""
    submitted(district)
    return open_meeting_with_agenda(district)


def present(district, meeting, *roles) -> None:
    meetings.record_attendance(
        meeting,
        actor=district.people[Role.CHANGE_COORDINATOR],
        attendees=[district.people[role] for role in roles],
        now=AT_MEETING,
    )


# --- The services -----------------------------------------------------------------------


def test_no_decision_is_recorded_before_the_quorum_is_present(district, people, meeting):
    # Given a district whose committee votes, with a quorum of two, and one member present
    the_committee_votes(quorum=2)
    present(district, meeting, Role.CHANGE_COMMITTEE)
    change = meeting.items.get().change
    committee = people[Role.CHANGE_COMMITTEE]

    # When the committee tries to approve
    with pytest.raises(DomainError) as refused:
        decisions.approve_change(change, actor=committee, now=AT_MEETING)

    # Then it is refused in words, and nothing is decided
    assert refused.value.code == "no_quorum"
    assert "1 of the 2 members" in refused.value.message
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.ON_AGENDA

    # And once a second member is present, the decision is recorded
    present(district, meeting, Role.CHANGE_COMMITTEE, Role.CHANGE_COORDINATOR)
    decisions.approve_change(change, actor=committee, now=AT_MEETING)
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.APPROVED


def test_without_votes_the_quorum_is_not_asked(district, people, meeting):
    change = meeting.items.get().change
    decisions.defer_change(change, actor=people[Role.CHANGE_COMMITTEE], now=AT_MEETING)
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.DEFERRED


def test_each_present_member_votes_once_and_may_change_their_vote(district, people, meeting):
    the_committee_votes()
    present(district, meeting, Role.CHANGE_COMMITTEE, Role.CHANGE_COORDINATOR, Role.DIRECTOR)
    item = meeting.items.get()
    committee, coordinator = people[Role.CHANGE_COMMITTEE], people[Role.CHANGE_COORDINATOR]

    votes.record_vote(meeting, actor=committee, item=item, choice="deny", now=AT_MEETING)
    votes.record_vote(meeting, actor=committee, item=item, choice="approve", now=AT_MEETING)
    # The coordinator records the director's vote on the committee's instruction
    votes.record_vote(
        meeting,
        actor=coordinator,
        item=item,
        voter=people[Role.DIRECTOR],
        choice="abstain",
        now=AT_MEETING,
    )

    counted = votes.tally(item.votes.all(), {p.pk for p in meeting.attendees.all()})
    assert counted.as_dict() == {
        "approve": 1,
        "deny": 0,
        "defer": 0,
        "abstain": 1,
        "present": 3,
        "not_yet": 1,
    }
    assert Vote.objects.get(voter=people[Role.DIRECTOR]).recorded_by == coordinator
    recorded = Event.objects.for_subject(meeting).filter(code="meeting.vote_recorded")
    assert [e.params["choice"] for e in recorded.order_by("id")] == ["deny", "approve", "abstain"]


def test_a_member_who_is_not_present_cannot_vote(district, people, meeting):
    the_committee_votes()
    present(district, meeting, Role.CHANGE_COORDINATOR)

    with pytest.raises(DomainError) as refused:
        votes.record_vote(
            meeting,
            actor=people[Role.CHANGE_COMMITTEE],
            item=meeting.items.get(),
            choice="approve",
            now=AT_MEETING,
        )

    assert (refused.value.code, refused.value.field) == ("voter_not_present", "voter")
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("no_votes", "no_votes"),
        ("decided", "not_open_for_votes"),
        ("closed", "meeting_cannot_vote"),
        ("bad_choice", "vote_required"),
    ],
)
def test_votes_are_refused_where_they_do_not_belong(district, people, meeting, setup, code):
    committee, coordinator = people[Role.CHANGE_COMMITTEE], people[Role.CHANGE_COORDINATOR]
    item = meeting.items.get()
    if setup != "no_votes":
        the_committee_votes(quorum=1)
    present(district, meeting, Role.CHANGE_COMMITTEE)
    if setup in ("decided", "closed"):
        decisions.defer_change(item.change, actor=committee, now=AT_MEETING)
    if setup == "closed":
        meetings.close_meeting(meeting, actor=coordinator, now=AT_MEETING)

    with pytest.raises(DomainError) as refused:
        votes.record_vote(
            meeting,
            actor=committee,
            item=item,
            choice="maybe" if setup == "bad_choice" else "approve",
            now=AT_MEETING,
        )

    assert refused.value.code == code


# --- Who may vote -----------------------------------------------------------------------


def test_only_the_committee_votes_and_members_vote_only_for_themselves(district, people, meeting):
    the_committee_votes()
    present(district, meeting, Role.CHANGE_COMMITTEE, Role.DIRECTOR)
    item = meeting.items.get()

    with pytest.raises(DomainError) as director:
        votes.record_vote(
            meeting, actor=people[Role.DIRECTOR], item=item, choice="approve", now=AT_MEETING
        )
    with pytest.raises(DomainError) as for_another:
        votes.record_vote(
            meeting,
            actor=people[Role.CHANGE_COMMITTEE],
            voter=people[Role.DIRECTOR],
            item=item,
            choice="approve",
            now=AT_MEETING,
        )

    assert director.value.code == for_another.value.code == "not_allowed"
    assert not Vote.objects.exists()


# --- The meeting page -------------------------------------------------------------------


def test_the_page_shows_the_quorum_and_the_tally_beside_the_decision(
    client, district, people, meeting, at_the_meeting
):
    the_committee_votes(quorum=3)
    present(district, meeting, Role.CHANGE_COMMITTEE, Role.CHANGE_COORDINATOR)
    votes.record_vote(
        meeting,
        actor=people[Role.CHANGE_COMMITTEE],
        item=meeting.items.get(),
        choice="approve",
        now=AT_MEETING,
    )
    client.force_login(people[Role.CHANGE_COMMITTEE])

    response = client.get(reverse("meeting_detail", args=[meeting.pk]))

    row = response.context["sections"][0]["rows"][0]
    assert row["tally"].approve == 1
    assert row["tally"].not_yet == 1
    assert "voter" not in row["vote_form"].fields  # a member votes for themselves
    assert "No quorum yet: no decision can be recorded." in text(response)
    assert "No quorum: 2 of 3 present" in text(response)


def test_a_vote_with_htmx_swaps_the_item_and_without_it_reloads_the_page(
    client, district, people, meeting, at_the_meeting
):
    the_committee_votes()
    present(district, meeting, Role.CHANGE_COMMITTEE, Role.CHANGE_COORDINATOR)
    item = meeting.items.get()
    url = reverse("meeting_vote", args=[meeting.pk, item.pk])
    client.force_login(people[Role.CHANGE_COMMITTEE])

    swapped = client.post(url, {f"vote-{item.pk}-choice": "defer"}, HTTP_HX_REQUEST="true")

    assert swapped.status_code == 200
    assert swapped.templates[0].name == "changes/_decision_row.html"
    assert swapped.context["row"]["tally"].defer == 1
    assert f'id="decide-{item.pk}"' in text(swapped)

    client.force_login(people[Role.CHANGE_COORDINATOR])
    reloaded = client.post(
        url,
        {
            f"vote-{item.pk}-choice": "approve",
            f"vote-{item.pk}-voter": people[Role.CHANGE_COORDINATOR].pk,
        },
    )
    assert reloaded.status_code == 302
    assert Vote.objects.filter(item=item).count() == 2


def test_a_refused_vote_shows_its_reason_beside_the_item(
    client, district, people, meeting, at_the_meeting
):
    the_committee_votes()
    present(district, meeting, Role.CHANGE_COORDINATOR)  # the member is not recorded present
    item = meeting.items.get()
    client.force_login(people[Role.CHANGE_COMMITTEE])
    url = reverse("meeting_vote", args=[meeting.pk, item.pk])

    with_htmx = client.post(url, {f"vote-{item.pk}-choice": "approve"}, HTTP_HX_REQUEST="true")
    without = client.post(url, {f"vote-{item.pk}-choice": "approve"})

    assert "is not recorded as present" in text(with_htmx)
    assert without.status_code == 200
    assert "is not recorded as present" in text(without)
    assert not Vote.objects.exists()


def test_a_decision_before_the_quorum_is_refused_on_the_page(
    client, district, people, meeting, at_the_meeting
):
    the_committee_votes(quorum=2)
    item = meeting.items.get()
    client.force_login(people[Role.CHANGE_COMMITTEE])

    response = client.post(
        reverse("meeting_decide", args=[meeting.pk, item.pk]),
        {f"item-{item.pk}-decision": "approve"},
    )

    assert response.status_code == 200
    assert "No quorum yet: 0 of the 2 members needed are present." in text(response)
    item.refresh_from_db()
    assert item.decision == ""


def test_the_page_with_votes_costs_the_same_queries_for_a_long_agenda(
    client, district, people, at_the_meeting, django_assert_max_num_queries
):
    the_committee_votes()
    for number in range(6):
        submitted(district, title=f"Patch {number}", campuses=[district.south])
    meeting = open_meeting_with_agenda(district)
    present(district, meeting, Role.CHANGE_COMMITTEE, Role.CHANGE_COORDINATOR)
    for item in meeting.items.all():
        votes.record_vote(
            meeting,
            actor=people[Role.CHANGE_COMMITTEE],
            item=item,
            choice="approve",
            now=AT_MEETING,
        )
    client.force_login(people[Role.CHANGE_COORDINATOR])

    with django_assert_max_num_queries(22):
        response = client.get(reverse("meeting_detail", args=[meeting.pk]))

    assert [row["tally"].approve for row in response.context["sections"][0]["rows"]] == [1] * 6


# --- The API ----------------------------------------------------------------------------


def api_post(person, path: str, data: dict):
    client = APIClient()
    client.force_authenticate(user=person)
    with time_machine.travel(AT_MEETING, tick=False):
        return client.post(path, data, format="json")


def test_the_api_records_votes_and_answers_with_the_tally(district, people, meeting):
    the_committee_votes(quorum=2)
    present(district, meeting, Role.CHANGE_COMMITTEE, Role.CHANGE_COORDINATOR)
    item = meeting.items.get()
    url = f"{MEETINGS}{meeting.pk}/vote/"

    response = api_post(people[Role.CHANGE_COMMITTEE], url, {"item": item.pk, "choice": "approve"})

    assert response.status_code == 200, response.json()
    answer = response.json()
    assert (answer["committee_votes"], answer["quorum"], answer["has_quorum"]) == (True, 2, True)
    assert answer["items"][0]["tally"]["approve"] == 1
    assert answer["items"][0]["votes"][0]["voter"]["id"] == people[Role.CHANGE_COMMITTEE].pk


def test_the_api_answers_bad_votes_with_field_errors(district, people, meeting):
    the_committee_votes()
    present(district, meeting, Role.CHANGE_COMMITTEE)
    other = meetings.plan_meeting(
        actor=people[Role.CHANGE_COORDINATOR],
        scheduled_for=NEXT_MONDAY_MEETING + timedelta(days=7),
        now=AT_MEETING,
    )
    url = f"{MEETINGS}{meeting.pk}/vote/"
    committee = people[Role.CHANGE_COMMITTEE]

    assert "choice" in api_post(committee, url, {"item": meeting.items.get().pk}).json()
    unknown = api_post(committee, url, {"item": 0, "choice": "approve"})
    assert unknown.status_code == 400 and "item" in unknown.json()
    informational = submitted(
        district, change_type=ChangeRequest.Type.INFORMATIONAL, service_request=None
    )
    elsewhere = decisions.place_on_agenda(
        informational, actor=people[Role.CHANGE_COORDINATOR], meeting=other, now=AT_MEETING
    )
    wrong_meeting = api_post(committee, url, {"item": elsewhere.pk, "choice": "approve"})
    assert wrong_meeting.status_code == 400
    assert "item" in wrong_meeting.json()
    assert (
        api_post(
            people[Role.DIRECTOR], url, {"item": meeting.items.get().pk, "choice": "deny"}
        ).status_code
        == 403
    )
    assert not Vote.objects.exists()


def test_a_decision_through_the_api_before_the_quorum_is_a_400(district, people, meeting):
    the_committee_votes(quorum=2)
    change = meeting.items.get().change

    response = api_post(people[Role.CHANGE_COMMITTEE], f"/api/v1/changes/{change.pk}/approve/", {})

    assert response.status_code == 400
    assert "No quorum yet" in str(response.json())
    assert Meeting.objects.get().items.get().decision == ""
