"""The technology request's chain, step by step (seed 002), with the service request that
carries its clock and the inventory it fills."""

from datetime import timedelta

import pytest

from districtdesk.acquisitions import workflow
from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.acquisitions.services import approval, purchasing, receiving, requesting
from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset, AssetMove
from districtdesk.service_requests.models import ServiceRequest
from tests.acquisitions import builders

Status = TechnologyRequest.Status
SR = ServiceRequest.Status


def codes(request: TechnologyRequest) -> list[str]:
    return list(
        Event.objects.filter(subject_id=str(request.pk), code__startswith="technology.")
        .order_by("pk")
        .values_list("code", flat=True)
    )


def test_submission_opens_a_categorised_acquisition_request_routed_to_the_campus_team(
    district, catalogue, now
):
    request = builders.ask(district, item=catalogue["camera"], urgency="high")
    service_request = request.service_request
    assert request.status == Status.IN_REVIEW
    assert (service_request.category.number, service_request.priority.number) == (3, 2)
    assert service_request.status == SR.OPEN
    assert service_request.team == district.campus_team
    assert service_request.channel == ServiceRequest.Channel.PORTAL
    assert request.asset_type == catalogue["camera"].asset_type
    assert not request.is_off_standard
    assert codes(request) == ["technology.submitted"]


@pytest.mark.parametrize(
    ("urgency", "priority"), [("critical", 1), ("high", 2), ("medium", 3), ("low", 4)]
)
def test_urgency_names_the_charts_acquisition_priority(district, catalogue, now, urgency, priority):
    request = builders.ask(district, item=catalogue["camera"], urgency=urgency)
    assert request.service_request.priority.number == priority


def test_a_request_off_the_standards_is_flagged(district, catalogue, now):
    request = builders.ask(district, asset_type=catalogue["camera"].asset_type)
    assert request.is_off_standard
    other = builders.ask(district, kind=TechnologyRequest.Kind.OTHER)
    assert not other.is_off_standard


def test_the_whole_chain_fills_inventory_and_resolves_the_service_request(district, catalogue, now):
    request = builders.ask(district, item=catalogue["camera"])
    builders.deployed(district, request, now=now)
    request.refresh_from_db()
    assert request.status == Status.DEPLOYED
    assert codes(request) == [
        "technology.submitted",
        "technology.forwarded",
        "technology.approved",
        "technology.quote_added",
        "technology.funding_requested",
        "technology.funded",
        "technology.item_received",
        "technology.all_received",
        "technology.deployer_assigned",
        "technology.deployed",
    ]
    asset = Asset.objects.get(bar_tag="NE700001")
    assert (asset.campus, asset.room.number) == (district.north, "101")
    assert asset.asset_model == catalogue["camera"].asset_model
    assert (asset.funding, asset.budget_code, asset.purchase_order) == (
        "bond",
        "B-2027-410",
        "PO-77001",
    )
    assert str(asset.cost) == "99.00"
    assert asset.assigned_to == district.people[Role.REQUESTER]
    move = AssetMove.objects.get(asset=asset)
    assert move.kind == AssetMove.Kind.NEW_DELIVERY
    assert "PO-77001" in move.reason
    service_request = request.service_request
    service_request.refresh_from_db()
    assert service_request.status == SR.RESOLVED
    assert service_request.resolution.startswith("Deployed:")
    # Waits on the supervisor and the Business Office (district) and the vendor, each apart.
    assert list(service_request.waits.order_by("pk").values_list("waiting_on", flat=True)) == [
        "district",
        "district",
        "vendor",
    ]


def test_waiting_on_approval_stops_the_service_requests_clock(district, catalogue, now):
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    service_request = ServiceRequest.objects.get(pk=request.service_request_id)
    assert service_request.status == SR.WAITING
    assert service_request.waiting_on == ServiceRequest.WaitingOn.DISTRICT
    assert service_request.acknowledged_at is not None
    request.refresh_from_db()
    assert request.approver == district.people[Role.PRINCIPAL]
    # Two business days after Tuesday 10:00 is Thursday 10:00.
    assert request.approval_overdue_at == now + timedelta(days=2)


def test_denied_in_review_tells_the_requester_the_reason_and_alternatives(district, catalogue, now):
    request = builders.ask(district, asset_type=catalogue["camera"].asset_type)
    from districtdesk.acquisitions.services import review

    review.deny_in_review(
        request,
        actor=district.people[Role.TECHNICIAN],
        reason=TechnologyRequest.DenialReason.OFF_STANDARD,
        explanation="That model is not supported on our network.",
        alternatives=[catalogue["camera"]],
        now=now,
    )
    request.refresh_from_db()
    assert request.status == Status.DENIED
    assert request.denied_at_step == TechnologyRequest.DeniedAt.REVIEW
    assert list(request.alternatives.all()) == [catalogue["camera"]]
    resolution = ServiceRequest.objects.get(pk=request.service_request_id).resolution
    assert "not supported" in resolution
    assert "Visualiser 5" in resolution


def test_denial_needs_a_reason_and_an_explanation(district, catalogue, now):
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    with pytest.raises(DomainError) as error:
        approval.deny(request, actor=district.people[Role.PRINCIPAL], reason="", explanation="x")
    assert error.value.field == "denial_reason"
    with pytest.raises(DomainError) as error:
        approval.deny(
            request,
            actor=district.people[Role.PRINCIPAL],
            reason=TechnologyRequest.DenialReason.NO_FUNDS,
            explanation="  ",
        )
    assert error.value.field == "explanation"
    request.refresh_from_db()
    assert request.status == Status.AWAITING_APPROVAL


def test_the_supervisor_denies_and_the_requester_is_answered(district, catalogue, now):
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    approval.deny(
        request,
        actor=district.people[Role.PRINCIPAL],
        reason=TechnologyRequest.DenialReason.NO_FUNDS,
        explanation="The campus budget is spent for this year.",
        alternatives_text="Borrow the library's camera cart.",
        now=now,
    )
    request.refresh_from_db()
    assert (request.status, request.denied_at_step) == (Status.DENIED, "approval")
    service_request = ServiceRequest.objects.get(pk=request.service_request_id)
    assert service_request.status == SR.RESOLVED
    assert "library" in service_request.resolution


def test_business_office_funds_only_approved_quoted_requests(district, catalogue, now):
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    quote_owner = builders.ask(district, item=catalogue["camera"])
    quote = builders.quoted(district, quote_owner, now=now)
    with pytest.raises(DomainError) as error:
        purchasing.fund(
            request,
            actor=district.people[Role.BUSINESS_OFFICE],
            quote=quote,
            funding="bond",
            budget_code="B-1",
            purchase_order="PO-1",
        )
    assert error.value.code == "cannot_fund"


def test_funding_refuses_another_requests_quote_and_an_expired_one(district, catalogue, now):
    first = builders.ask(district, item=catalogue["camera"])
    second = builders.ask(district, item=catalogue["camera"])
    builders.quoted(district, first, now=now)
    other_quote = builders.quoted(district, second, now=now)
    purchasing.request_funding(first, actor=district.people[Role.TECHNICIAN], now=now)
    business_office = district.people[Role.BUSINESS_OFFICE]
    with pytest.raises(DomainError) as error:
        purchasing.fund(
            first,
            actor=business_office,
            quote=other_quote,
            funding="bond",
            budget_code="B-1",
            purchase_order="PO-1",
            now=now,
        )
    assert error.value.code == "foreign_quote"
    quote = first.quotes.get()
    with pytest.raises(DomainError) as error:
        purchasing.fund(
            first,
            actor=business_office,
            quote=quote,
            funding="bond",
            budget_code="B-1",
            purchase_order="PO-1",
            now=now + timedelta(days=31),
        )
    assert error.value.code == "quote_expired"


def test_sending_for_funding_needs_a_quote(district, catalogue, now):
    request = builders.approved(district, builders.ask(district, item=catalogue["camera"]))
    with pytest.raises(DomainError) as error:
        purchasing.request_funding(request, actor=district.people[Role.TECHNICIAN], now=now)
    assert error.value.code == "no_quote"


def test_receiving_more_items_than_ordered_is_refused_with_a_clear_message(
    district, catalogue, now
):
    request = builders.received(district, builders.ask(district, item=catalogue["camera"]))
    assert request.status == Status.RECEIVED
    line = request.chosen_quote.lines.get()
    request.status = Status.ORDERED  # as if the last receipt had not closed the order
    request.save(update_fields=["status"])
    with pytest.raises(DomainError) as error:
        receiving.receive_item(
            request,
            actor=district.people[Role.INVENTORY],
            line=line,
            bar_tag="NE700002",
            serial_number="VZ5-0002",
            now=now,
        )
    assert error.value.code == "over_received"
    assert "ordered 1" in error.value.message
    assert not Asset.objects.filter(bar_tag="NE700002").exists()


def test_partial_deliveries_stay_ordered_until_the_last_item(district, catalogue, now):
    request = builders.ask(district, item=catalogue["camera"], quantity=2)
    request = builders.funded(district, request, quantity=2, now=now)
    line = request.chosen_quote.lines.get()
    receiving.receive_item(
        request,
        actor=district.people[Role.INVENTORY],
        line=line,
        bar_tag="NE700011",
        serial_number="S-11",
        now=now,
    )
    request.refresh_from_db()
    assert request.status == Status.ORDERED
    assert receiving.outstanding(request) == {line.pk: 1}
    receiving.receive_item(
        request,
        actor=district.people[Role.INVENTORY],
        line=line,
        bar_tag="NE700012",
        serial_number="S-12",
        now=now,
    )
    request.refresh_from_db()
    assert request.status == Status.RECEIVED
    assert ServiceRequest.objects.get(pk=request.service_request_id).status == SR.IN_PROGRESS


def test_a_bad_tag_writes_nothing(district, catalogue, now):
    request = builders.ask(district, item=catalogue["camera"])
    request = builders.funded(district, request, now=now)
    line = request.chosen_quote.lines.get()
    with pytest.raises(DomainError):
        receiving.receive_item(
            request,
            actor=district.people[Role.INVENTORY],
            line=line,
            bar_tag="not a tag!",
            serial_number="S-1",
            now=now,
        )
    assert not line.received.exists()
    request.refresh_from_db()
    assert request.status == Status.ORDERED


def test_licences_are_received_by_count(district, catalogue, now):
    request = builders.ask(district, kind=TechnologyRequest.Kind.OTHER)
    builders.approved(district, request, now=now)
    quote = purchasing.add_quote(
        request,
        actor=district.people[Role.TECHNICIAN],
        vendor="Soft Co.",
        valid_until=now.date() + timedelta(days=10),
        lines=[purchasing.LineInput("Math app licence", 30, unit_price=builders.Decimal("4.00"))],
        now=now,
    )
    purchasing.request_funding(request, actor=district.people[Role.TECHNICIAN], now=now)
    purchasing.fund(
        request,
        actor=district.people[Role.BUSINESS_OFFICE],
        quote=quote,
        funding="non_bond",
        budget_code="GF-100",
        purchase_order="PO-5",
        now=now,
    )
    line = quote.lines.get()
    with pytest.raises(DomainError) as error:
        receiving.receive_by_count(
            request, actor=district.people[Role.INVENTORY], line=line, quantity=31, now=now
        )
    assert error.value.code == "over_received"
    receiving.receive_by_count(
        request, actor=district.people[Role.INVENTORY], line=line, quantity=30, now=now
    )
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def test_a_stolen_replacement_is_an_emergency_and_names_a_stolen_device(district, catalogue, now):
    from tests.inventory.factories import register

    device = register(district)
    with pytest.raises(DomainError) as error:
        builders.ask(
            district,
            item=catalogue["camera"],
            kind=TechnologyRequest.Kind.STOLEN_REPLACEMENT,
            replaces=device,
        )
    assert error.value.code == "replaces_not_stolen"
    Asset.objects.filter(pk=device.pk).update(status=Asset.Status.STOLEN)
    device.refresh_from_db()
    request = builders.ask(
        district,
        item=catalogue["camera"],
        kind=TechnologyRequest.Kind.STOLEN_REPLACEMENT,
        replaces=device,
        urgency="low",
    )
    assert request.service_request.priority.number == 1


def test_the_requester_withdraws_before_the_order(district, catalogue, now):
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    requesting.withdraw(
        request, actor=district.people[Role.REQUESTER], reason="Got one from a colleague.", now=now
    )
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    assert ServiceRequest.objects.get(pk=request.service_request_id).status == SR.RESOLVED


def test_every_step_is_in_the_table():
    steps = set(workflow.STEPS)
    assert steps == set(workflow.DONE)
    assert set(workflow.HOLDER) == set(TechnologyRequest.OPEN_STATUSES)
