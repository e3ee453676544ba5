"""The change-control pages through Django's test client: the list, the form with its
check of the rules, a change's page with the steps each person is offered, and the steps."""

import pytest
from django.urls import reverse

from districtdesk.changes.models import ChangeRequest
from districtdesk.changes.services import decisions, meetings
from districtdesk.core.models import Role
from tests.changes.builders import (
    NEXT_MONDAY_MEETING,
    TUESDAY,
    draft,
    open_meeting_with_agenda,
    submitted,
)
from tests.changes.pages import form_data, text
from tests.service_requests.builders import local

pytestmark = pytest.mark.django_db
Status = ChangeRequest.Status


def offered(response) -> list[str]:
    return [step for step, *_rest in response.context["actions"]]


# --- The list --------------------------------------------------------------------------


def test_the_list_filters_by_status_type_system_campus_and_words_in_the_url(
    client, district, people, now
):
    upgrade = submitted(district)
    emergency = draft(
        district,
        title="Replace failed UPS",
        change_type=ChangeRequest.Type.EMERGENCY,
        systems=[],
        campuses=[district.south],
    )
    client.force_login(people[Role.DIRECTOR])
    url = reverse("change_list")

    def shown(**query) -> set[int]:
        return {change.pk for change in client.get(url, query).context["page"]}

    assert shown() == {upgrade.pk, emergency.pk}
    assert shown(status="submitted") == {upgrade.pk}
    assert shown(change_type="emergency") == {emergency.pk}
    assert shown(campus=district.south.pk) == {emergency.pk}
    assert shown(system=upgrade.systems.get().pk) == {upgrade.pk}
    assert shown(q="ups") == {emergency.pk}
    assert shown(q=upgrade.number) == {upgrade.pk}
    assert shown(status="no-such-status") == set()


def test_the_list_answers_a_fragment_to_htmx(client, district, people, now):
    submitted(district)
    client.force_login(people[Role.TECHNICIAN])

    response = client.get(reverse("change_list"), headers={"HX-Request": "true"})

    assert '<div id="change-results">' in text(response)
    assert "<html" not in text(response)


def test_the_list_costs_the_same_queries_for_few_or_many_changes(
    client, district, people, now, django_assert_max_num_queries
):
    submitted(district)
    client.force_login(people[Role.TECHNICIAN])
    with django_assert_max_num_queries(9):
        client.get(reverse("change_list"))
    for number in range(8):
        submitted(district, title=f"Patch {number}", campuses=[district.south])

    with django_assert_max_num_queries(9):
        response = client.get(reverse("change_list"))

    assert len(response.context["page"]) == 9


def test_the_navigation_offers_changes_to_staff_only(client, people):
    client.force_login(people[Role.TECHNICIAN])
    assert 'href="/changes/"' in text(client.get(reverse("home")))
    client.force_login(people[Role.REQUESTER])
    assert 'href="/changes/"' not in text(client.get(reverse("home")))


# --- The form --------------------------------------------------------------------------


def test_the_form_says_what_needs_no_change_request_before_anyone_starts(client, people):
    client.force_login(people[Role.TEAM_LEAD])

    page = text(client.get(reverse("change_new")))

    assert "No change request is needed" in page
    assert "update repository" in page
    for label in ("Back-out plan", "Test plan", "Affects user connectivity", "Service request"):
        assert label in page


def test_the_check_flags_a_change_outside_the_window_before_submitting(
    client, district, people, now
):
    client.force_login(people[Role.TEAM_LEAD])
    # Thursday 25 February at 10:00: a school day, outside every window.
    data = form_data(
        district,
        planned_start=local(2027, 2, 25, 10),
        planned_end=local(2027, 2, 25, 11),
    )

    response = client.post(reverse("change_check"), data, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert [flag.code for flag in response.context["flags"]] == ["outside_window"]
    assert "outside the maintenance windows" in text(response)
    assert ChangeRequest.objects.count() == 0


def test_the_check_explains_the_saturday_noon_boundary_and_short_notice(
    client, district, people, now
):
    client.force_login(people[Role.TEAM_LEAD])
    data = form_data(
        district, planned_start=local(2027, 2, 13, 8), planned_end=local(2027, 2, 13, 9)
    )

    response = client.post(reverse("change_check"), data)

    codes = {flag.code for flag in response.context["flags"]}
    assert codes == {"short_lead_time", "needs_emergency"}
    assert "2027-02-13" in text(response)


def test_the_check_refuses_times_the_services_would_refuse(client, district, people, now):
    client.force_login(people[Role.TEAM_LEAD])
    data = form_data(
        district, planned_start=local(2027, 2, 20, 20), planned_end=local(2027, 2, 20, 19)
    )

    response = client.post(reverse("change_check"), data)

    assert response.context["refused"] == "The change must end after it starts."


def test_saving_a_draft_then_revising_it(client, district, people, now):
    client.force_login(people[Role.TEAM_LEAD])

    response = client.post(reverse("change_new"), form_data(district))

    change = ChangeRequest.objects.get()
    assert response.status_code == 302 and change.status == Status.DRAFT
    response = client.post(
        reverse("change_edit", args=[change.pk]),
        {**form_data(district), "title": "Upgrade both core switches", "submit_now": "1"},
    )
    change.refresh_from_db()
    assert response.status_code == 302
    assert (change.title, change.status) == ("Upgrade both core switches", Status.SUBMITTED)


def test_a_refused_submission_shows_beside_its_field_and_leaves_no_draft(
    client, district, people, now
):
    client.force_login(people[Role.TEAM_LEAD])
    # Saturday 13 February, before noon: an emergency under the Saturday-noon boundary.
    data = form_data(
        district, planned_start=local(2027, 2, 13, 8), planned_end=local(2027, 2, 13, 9)
    )

    response = client.post(reverse("change_new"), {**data, "submit_now": "1"})

    assert response.status_code == 200
    assert "an emergency change" in response.context["form"].errors["change_type"][0]
    assert ChangeRequest.objects.count() == 0


def test_an_unknown_service_request_number_is_a_field_error(client, district, people, now):
    client.force_login(people[Role.TEAM_LEAD])

    response = client.post(
        reverse("change_new"), {**form_data(district), "service_request": "SR-999999"}
    )

    assert (
        "No service request has the number" in response.context["form"].errors["service_request"][0]
    )


def test_only_submitters_get_the_form_and_only_editors_revise(client, district, people, now):
    change = draft(district)
    client.force_login(people[Role.CCC_ANALYST])
    assert client.get(reverse("change_new")).status_code == 404
    assert client.get(reverse("change_edit", args=[change.pk])).status_code == 404
    client.force_login(people[Role.CHANGE_COORDINATOR])
    assert client.get(reverse("change_edit", args=[change.pk])).status_code == 200


# --- A change's page and its steps -----------------------------------------------------


def test_each_person_is_offered_only_the_steps_they_may_take_now(client, district, people, now):
    change = submitted(district)
    coordinator = people[Role.CHANGE_COORDINATOR]
    meetings.plan_meeting(actor=coordinator, scheduled_for=NEXT_MONDAY_MEETING, now=TUESDAY)
    url = reverse("change_detail", args=[change.pk])

    client.force_login(coordinator)
    assert offered(client.get(url)) == ["place_on_agenda"]
    client.force_login(people[Role.CHANGE_COMMITTEE])
    assert offered(client.get(url)) == []
    client.force_login(people[Role.TECHNICIAN])
    response = client.get(url)
    assert offered(response) == []
    assert "The change coordinator, to put it on a meeting" in text(response)
    client.force_login(people[Role.REQUESTER])
    assert client.get(url).status_code == 404


def test_the_committee_is_offered_a_decision_while_the_meeting_is_open(
    client, district, people, now
):
    change = submitted(district)
    open_meeting_with_agenda(district)
    client.force_login(people[Role.CHANGE_COMMITTEE])

    response = client.get(reverse("change_detail", args=[change.pk]))

    assert offered(response) == ["approve", "deny", "defer"]


def test_the_submitter_submits_a_draft_from_its_page(client, district, people, now):
    change = draft(district)
    client.force_login(people[Role.TECHNICIAN])
    assert offered(client.get(reverse("change_detail", args=[change.pk]))) == ["submit"]

    response = client.post(reverse("change_submit", args=[change.pk]), {"status": "draft"})

    change.refresh_from_db()
    assert response.status_code == 302 and change.status == Status.SUBMITTED


def test_a_step_from_an_out_of_date_page_is_refused(client, district, people, now):
    change = submitted(district)
    client.force_login(people[Role.TECHNICIAN])

    response = client.post(reverse("change_submit", args=[change.pk]), {"status": "draft"})

    assert response.status_code == 200
    assert "moved on while you were looking" in response.context["announcement"]


def test_a_refusal_from_the_service_shows_beside_its_field(client, district, people, now):
    change = submitted(district)
    open_meeting_with_agenda(district)
    client.force_login(people[Role.CHANGE_COMMITTEE])

    response = client.post(
        reverse("change_deny", args=[change.pk]),
        {"status": "on_agenda", "deny-denial_reason": "other", "deny-notes": ""},
        headers={"HX-Request": "true"},
    )

    form = dict((step, form) for step, *_rest, form in response.context["actions"])["deny"]
    assert form.errors["notes"] == ["Describe the other reason."]
    assert 'id="change-panels"' in text(response) and "<html" not in text(response)
    change.refresh_from_db()
    assert change.status == Status.ON_AGENDA


def test_a_step_nobody_in_the_role_may_take_is_a_404(client, district, people, now):
    change = submitted(district)
    client.force_login(people[Role.INVENTORY])

    response = client.post(reverse("change_close", args=[change.pk]), {"status": "submitted"})

    assert response.status_code == 404


def test_htmx_steps_answer_the_panels_with_the_news(client, district, people, now):
    change = submitted(district, change_type=ChangeRequest.Type.EMERGENCY)
    client.force_login(people[Role.TECHNICIAN])

    response = client.post(
        reverse("change_start", args=[change.pk]),
        {"status": "submitted"},
        headers={"HX-Request": "true"},
    )

    assert f"{change.number} is in progress." in text(response)
    assert offered(response) == ["complete"]


def test_the_page_costs_the_same_queries_with_a_long_history(
    client, district, people, now, django_assert_max_num_queries
):
    change = submitted(district)
    client.force_login(people[Role.CHANGE_COORDINATOR])
    url = reverse("change_detail", args=[change.pk])
    with django_assert_max_num_queries(17):
        client.get(url)
    meeting = open_meeting_with_agenda(district)
    decisions.defer_change(change, actor=people[Role.CHANGE_COMMITTEE], now=NEXT_MONDAY_MEETING)
    meetings.close_meeting(meeting, actor=people[Role.CHANGE_COORDINATOR], now=NEXT_MONDAY_MEETING)
    for number in range(5):
        submitted(district, title=f"Neighbour {number}")

    with django_assert_max_num_queries(17):
        response = client.get(url)

    assert len(response.context["flags"]) == 5  # the five neighbours overlap it
