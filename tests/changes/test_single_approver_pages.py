"""The pages where the district has no committee (seed 001): the technology coordinator
approves, denies or defers each change from its page, with and without htmx; nobody else
is offered those steps, and the meeting pages offer no meeting."""

import pytest
from django.urls import reverse

from districtdesk.changes.models import ChangeControlSettings, ChangeRequest, Meeting
from districtdesk.core.models import Role
from tests.changes.builders import submitted
from tests.changes.pages import text
from tests.service_requests.builders import local

pytestmark = pytest.mark.django_db
Status = ChangeRequest.Status


@pytest.fixture(autouse=True)
def single_approver(db):
    ChangeControlSettings.objects.filter(pk=1).update(
        approval_model=ChangeControlSettings.ApprovalModel.SINGLE_APPROVER
    )


def offered(response) -> list[str]:
    return [step for step, *_rest in response.context["actions"]]


def form_of(response, step: str):
    return {name: form for name, *_rest, form in response.context["actions"]}[step]


def test_the_coordinator_is_offered_the_decision_and_nobody_else(client, district, people, now):
    change = submitted(district)
    url = reverse("change_detail", args=[change.pk])

    client.force_login(people[Role.CHANGE_COORDINATOR])
    response = client.get(url)
    assert offered(response) == ["approve", "deny", "defer"]
    assert "The technology coordinator, to approve or deny it." in text(response)
    for role in (Role.CHANGE_COMMITTEE, Role.TECHNICIAN, Role.DIRECTOR):
        client.force_login(people[role])
        assert offered(client.get(url)) == []


def test_approving_without_javascript_makes_the_change_eligible_at_once(
    client, district, people, now
):
    change = submitted(district)
    client.force_login(people[Role.CHANGE_COORDINATOR])

    response = client.post(
        reverse("change_approve", args=[change.pk]),
        {"status": "submitted", "approve-notes": "Back-out plan checked."},
    )

    change.refresh_from_db()
    assert response.status_code == 302
    assert (change.status, change.decision_notes) == (Status.APPROVED, "Back-out plan checked.")
    assert change.eligible_at == now
    client.force_login(people[Role.TECHNICIAN])
    assert offered(client.get(reverse("change_detail", args=[change.pk]))) == ["schedule"]


def test_a_denial_with_htmx_needs_its_reason_and_then_answers_the_panels(
    client, district, people, now
):
    change = submitted(district)
    client.force_login(people[Role.CHANGE_COORDINATOR])
    url = reverse("change_deny", args=[change.pk])

    refused = client.post(url, {"status": "submitted"}, headers={"HX-Request": "true"})
    assert "denial_reason" in form_of(refused, "deny").errors
    assert "<html" not in text(refused)
    change.refresh_from_db()
    assert change.status == Status.SUBMITTED

    denied = client.post(
        url,
        {"status": "submitted", "deny-denial_reason": "resources"},
        headers={"HX-Request": "true"},
    )
    assert f"{change.number} denied." in text(denied)
    change.refresh_from_db()
    assert (change.status, change.denial_reason) == (Status.DENIED, "resources")
    assert offered(denied) == []


def test_a_deferred_change_is_decided_later_from_its_page(client, district, people, now):
    change = submitted(district)
    client.force_login(people[Role.CHANGE_COORDINATOR])

    client.post(reverse("change_defer", args=[change.pk]), {"status": "submitted"})
    change.refresh_from_db()
    assert change.status == Status.DEFERRED
    response = client.get(reverse("change_detail", args=[change.pk]))
    assert offered(response) == ["approve", "deny"]

    client.post(reverse("change_approve", args=[change.pk]), {"status": "deferred"})
    change.refresh_from_db()
    assert change.status == Status.APPROVED


def test_short_notice_is_overridden_then_approved_on_the_page(client, district, people, now):
    # Ten days' notice: less than the district's fourteen
    change = submitted(
        district, planned_start=local(2027, 2, 13, 20), planned_end=local(2027, 2, 13, 22)
    )
    client.force_login(people[Role.CHANGE_COORDINATOR])
    url = reverse("change_approve", args=[change.pk])

    refused = client.post(url, {"status": "submitted"})
    assert "The coordinator must override it first." in text(refused)
    client.post(
        reverse("change_override_lead_time", args=[change.pk]),
        {"status": "submitted", "override_lead_time-reason": "Vendor fix for a live fault."},
    )
    approved = client.post(url, {"status": "submitted"})

    change.refresh_from_db()
    assert approved.status_code == 302
    assert change.status == Status.APPROVED


def test_others_cannot_decide_and_there_is_no_meeting_to_plan(client, district, people, now):
    change = submitted(district)
    client.force_login(people[Role.CHANGE_COMMITTEE])
    assert (
        client.post(reverse("change_approve", args=[change.pk]), {"status": "submitted"})
    ).status_code == 404

    client.force_login(people[Role.CHANGE_COORDINATOR])
    listed = client.get(reverse("meeting_list"))
    assert "Plan the meeting and build its agenda" not in text(listed)
    planned = client.post(reverse("meeting_plan"), {"scheduled_for": ""}, follow=True)
    assert "This district uses a single approver" in text(planned)
    assert not Meeting.objects.exists()
