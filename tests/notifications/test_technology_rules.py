"""The shipped rules for technology-request events (seed 002): the approver hears a request
is waiting, the requester and the technology team hear the decision either way, the Business
Office what waits for funds, inventory what is on order, the requester the end."""

from datetime import timedelta

import pytest

from districtdesk.acquisitions.reminders import remind_waiting_approvals
from districtdesk.acquisitions.services import approval
from districtdesk.core.models import Role
from districtdesk.notifications.models import Notification, Rule
from districtdesk.notifications.reference_data import TECHNOLOGY_RULES
from tests.acquisitions import builders
from tests.acquisitions.conftest import TUESDAY
from tests.core.factories import PersonFactory
from tests.reference_data import restore_shipped_reference_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(district):
    return builders.standards()


def told(event_code: str) -> set[str]:
    return set(
        Notification.objects.filter(event__code=event_code, channel="in_app").values_list(
            "recipient__username", flat=True
        )
    )


def test_the_approver_hears_a_request_waits_and_again_when_it_waits_too_long(district, catalogue):
    builders.forwarded(
        district, builders.ask(district, item=catalogue["camera"], now=TUESDAY), now=TUESDAY
    )
    assert told("technology.forwarded") == {"principal"}
    remind_waiting_approvals(TUESDAY + timedelta(days=2))
    assert told("technology.approval_waiting") == {"principal"}


def test_an_approvers_delegate_hears_it_too_while_the_delegation_runs(district, catalogue):
    principal = district.people[Role.PRINCIPAL]
    PersonFactory(username="away", first_name="Not", last_name="Delegated")
    approval.delegate_approvals(
        actor=principal,
        delegate=PersonFactory(username="assistant", first_name="Al", last_name="Ito"),
        starts_on=TUESDAY.date(),
        ends_on=TUESDAY.date() + timedelta(days=7),
        now=TUESDAY,
    )
    builders.forwarded(
        district, builders.ask(district, item=catalogue["camera"], now=TUESDAY), now=TUESDAY
    )
    assert told("technology.forwarded") == {"principal", "assistant"}
    remind_waiting_approvals(TUESDAY + timedelta(days=2))
    assert told("technology.approval_waiting") == {"principal", "assistant"}


def test_the_requester_and_the_team_hear_the_decision_either_way(district, catalogue):
    approved = builders.approved(district, builders.ask(district, item=catalogue["camera"]))
    assert told("technology.approved") == {"requester", "technician", "teamlead"}
    denied = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    approval.deny(
        denied,
        actor=district.people[Role.PRINCIPAL],
        reason="no_funds",
        explanation="Budget spent.",
    )
    assert told("technology.denied") == {"requester", "technician", "teamlead"}
    assert approved.pk != denied.pk


def test_funding_and_delivery_reach_the_business_office_inventory_and_the_requester(
    district, catalogue
):
    builders.deployed(district, builders.ask(district, item=catalogue["camera"]))
    assert told("technology.funding_requested") == {"businessoffice"}
    assert told("technology.funded") == {"requester", "inventory"}
    # The technician deploys; the actor is never told of their own step.
    assert told("technology.deployed") == {"requester"}


def test_the_rules_come_back_with_the_shipped_reference_data():
    Rule.objects.filter(event_code__startswith="technology.").delete()
    restore_shipped_reference_data()
    assert Rule.objects.filter(event_code__startswith="technology.").count() == len(
        TECHNOLOGY_RULES
    )
