"""Who sees a technology request and who may take each step: the list and the page agree,
only the requester's own supervisor (or their delegate, while it runs) approves."""

from datetime import date, timedelta

import pytest

from districtdesk.acquisitions import policies
from districtdesk.acquisitions.models import ApprovalDelegation, TechnologyRequest
from districtdesk.acquisitions.services import approval, purchasing, receiving, review
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from tests.acquisitions import builders
from tests.core.factories import PersonFactory


@pytest.fixture
def request_(district, catalogue, now):
    return builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))


def test_list_and_object_checks_agree_for_every_role(district, request_, now):
    today = now.date()
    stranger = PersonFactory(username="stranger")
    for person in [*district.people.values(), stranger]:
        listed = policies.visible_to(person, today).filter(pk=request_.pk).exists()
        assert listed == policies.can_view(person, request_, today), person


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Role.REQUESTER, True),
        (Role.PRINCIPAL, True),  # the supervisor it went to
        (Role.TECHNICIAN, True),  # the campus team its service request is routed to
        (Role.TEAM_LEAD, True),
        (Role.BUSINESS_OFFICE, True),
        (Role.INVENTORY, True),
        (Role.DIRECTOR, True),
        (Role.CHANGE_COMMITTEE, False),
        (Role.CHANGE_COORDINATOR, False),
    ],
)
def test_who_sees_a_request(district, request_, now, role, sees):
    assert policies.can_view(district.people[role], request_, now.date()) is sees


def test_a_technician_of_another_campus_does_not_see_it(district, request_, now):
    from tests.core.factories import TeamFactory, TeamMembershipFactory

    south_team = TeamFactory(code="CT-S", name="South Campus Technicians")
    south_team.campuses.set([district.south])
    other = PersonFactory(username="southtech", roles=[Role.TECHNICIAN])
    TeamMembershipFactory(team=south_team, person=other)
    assert not policies.can_view(other, request_, now.date())


def test_only_the_requesters_supervisor_approves(district, request_, now):
    for role in (Role.DIRECTOR, Role.SUPERINTENDENT, Role.TEAM_LEAD, Role.SYSTEM_ADMIN):
        with pytest.raises(DomainError) as error:
            approval.approve(request_, actor=district.people[role], now=now)
        assert error.value.code == "not_allowed"
    approval.approve(request_, actor=district.people[Role.PRINCIPAL], now=now)


def test_a_delegate_approves_only_while_the_delegation_runs(district, request_, now):
    principal = district.people[Role.PRINCIPAL]
    assistant = PersonFactory(username="assistant", first_name="Al", last_name="Ito")
    delegation = approval.delegate_approvals(
        actor=principal,
        delegate=assistant,
        starts_on=now.date() + timedelta(days=1),
        ends_on=now.date() + timedelta(days=5),
        now=now,
    )
    assert not policies.can_approve(assistant, request_, now.date())
    assert not policies.visible_to(assistant, now.date()).filter(pk=request_.pk).exists()
    tomorrow = now + timedelta(days=1)
    assert policies.can_approve(assistant, request_, tomorrow.date())
    assert policies.can_view(assistant, request_, tomorrow.date())
    approval.revoke_delegation(delegation, actor=principal, now=tomorrow)
    assert not policies.can_approve(assistant, request_, tomorrow.date())
    approval.delegate_approvals(
        actor=principal, delegate=assistant, starts_on=now.date(), ends_on=now.date(), now=now
    )
    approved = approval.approve(request_, actor=assistant, now=now)
    assert approved.decided_by == assistant


def test_delegation_refuses_nonsense(district, now):
    principal = district.people[Role.PRINCIPAL]
    requester = district.people[Role.REQUESTER]
    cases = [
        (principal, now.date(), now.date(), "delegate_self"),
        (requester, now.date(), now.date() - timedelta(days=1), "ends_before_start"),
        (requester, date(2026, 1, 1), date(2026, 1, 2), "ends_in_past"),
    ]
    for delegate, starts, ends, code in cases:
        with pytest.raises(DomainError) as error:
            approval.delegate_approvals(
                actor=principal, delegate=delegate, starts_on=starts, ends_on=ends, now=now
            )
        assert error.value.code == code
    with pytest.raises(DomainError):
        approval.delegate_approvals(
            actor=district.people[Role.TECHNICIAN],
            delegate=requester,
            starts_on=now.date(),
            ends_on=now.date(),
            now=now,
        )
    assert not ApprovalDelegation.objects.exists()


def test_only_the_technology_team_reviews(district, catalogue, now):
    request = builders.ask(district, item=catalogue["camera"])
    for role in (Role.REQUESTER, Role.PRINCIPAL, Role.BUSINESS_OFFICE, Role.INVENTORY):
        with pytest.raises(DomainError):
            review.forward_for_approval(request, actor=district.people[role], now=now)
    request.refresh_from_db()
    assert request.status == TechnologyRequest.Status.IN_REVIEW


def test_forwarding_needs_a_supervisor_in_the_directory(district, catalogue, now):
    requester = district.people[Role.REQUESTER]
    requester.supervisor = None
    requester.save(update_fields=["supervisor"])
    request = builders.ask(district, item=catalogue["camera"])
    with pytest.raises(DomainError) as error:
        review.forward_for_approval(request, actor=district.people[Role.TECHNICIAN], now=now)
    assert error.value.code == "no_supervisor"


def test_only_the_business_office_funds_and_only_inventory_receives(district, catalogue, now):
    request = builders.ask(district, item=catalogue["camera"])
    quote = builders.quoted(district, request, now=now)
    purchasing.request_funding(request, actor=district.people[Role.TECHNICIAN], now=now)
    with pytest.raises(DomainError) as error:
        purchasing.fund(
            request,
            actor=district.people[Role.TECHNICIAN],
            quote=quote,
            funding="bond",
            budget_code="B",
            purchase_order="P",
            now=now,
        )
    assert error.value.code == "not_allowed"
    request = purchasing.fund(
        request,
        actor=district.people[Role.BUSINESS_OFFICE],
        quote=quote,
        funding="bond",
        budget_code="B",
        purchase_order="P",
        now=now,
    )
    with pytest.raises(DomainError) as error:
        receiving.receive_item(
            request,
            actor=district.people[Role.TECHNICIAN],
            line=quote.lines.get(),
            bar_tag="NE700099",
            serial_number="X",
            now=now,
        )
    assert error.value.code == "not_allowed"


def test_the_approvals_inbox_is_the_approvers_and_their_delegators(district, request_, now):
    from districtdesk.acquisitions import selectors

    principal = district.people[Role.PRINCIPAL]
    assert list(selectors.approvals_for(principal, now.date())) == [request_]
    assert not selectors.approvals_for(district.people[Role.DIRECTOR], now.date()).exists()
