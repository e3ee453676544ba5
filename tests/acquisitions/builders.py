"""Technology requests for tests, moved along the chain through the services as people
would move them, so every event, wait and asset exists as it would in real life."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from districtdesk.acquisitions.models import Quote, StandardItem, TechnologyRequest
from districtdesk.acquisitions.services import (
    approval,
    deployment,
    purchasing,
    receiving,
    requesting,
    review,
)
from districtdesk.core.models import Role, Room
from districtdesk.inventory.models import AssetType
from tests.cast import District
from tests.inventory.factories import AssetModelFactory


def standards() -> dict[str, StandardItem]:
    cameras, _ = AssetType.objects.get_or_create(
        code="document-camera", defaults={"name": "Document cameras"}
    )
    model = AssetModelFactory(asset_type=cameras, name="Visualiser 5", model_number="DC-5")
    return {
        "camera": StandardItem.objects.create(
            name="Visualiser 5 document camera",
            kind=StandardItem.Kind.HARDWARE,
            asset_type=cameras,
            asset_model=model,
            price_low=Decimal("89.00"),
            price_high=Decimal("129.00"),
            supported_until=date(2030, 6, 30),
        ),
        "camera_plus": StandardItem.objects.create(
            name="Visualiser 8 document camera",
            kind=StandardItem.Kind.HARDWARE,
            asset_type=cameras,
            price_low=Decimal("150.00"),
            price_high=Decimal("199.00"),
        ),
    }


def ask(
    district: District,
    *,
    item: StandardItem | None = None,
    quantity: int = 1,
    urgency: str = "medium",
    now: datetime | None = None,
    **fields,
) -> TechnologyRequest:
    """The teacher at north 101 asks for a document camera (or what `item` names)."""
    fields.setdefault("kind", TechnologyRequest.Kind.NEW_EQUIPMENT)
    fields.setdefault("actor", district.people[Role.REQUESTER])
    return requesting.submit_technology_request(
        need="Students cannot see worked examples from the back of the room.",
        impact="Daily maths lessons for 28 students.",
        urgency=urgency,
        requirements="USB, works with the classroom panel.",
        quantity=quantity,
        campus=district.north,
        room=Room.objects.get(campus=district.north, number="101"),
        standard_item=item,
        now=now,
        **fields,
    )


def forwarded(district: District, request: TechnologyRequest, now=None) -> TechnologyRequest:
    return review.forward_for_approval(
        request, actor=district.people[Role.TECHNICIAN], notes="Fits the standard.", now=now
    )


def approved(district: District, request: TechnologyRequest, now=None) -> TechnologyRequest:
    forwarded(district, request, now=now)
    return approval.approve(
        request, actor=district.people[Role.PRINCIPAL], feedback="Yes, for maths.", now=now
    )


def quoted(district: District, request: TechnologyRequest, *, quantity: int = 1, now=None) -> Quote:
    approved(district, request, now=now)
    model = request.standard_item.asset_model if request.standard_item else None
    today = (now or datetime.now()).date()
    return purchasing.add_quote(
        request,
        actor=district.people[Role.TECHNICIAN],
        vendor="Classroom Supply Co.",
        reference="Q-1001",
        valid_until=today + timedelta(days=30),
        lines=[
            purchasing.LineInput(
                description="Visualiser 5 document camera",
                quantity=quantity,
                unit_price=Decimal("99.00"),
                asset_model=model,
            )
        ],
        now=now,
    )


def funded(
    district: District, request: TechnologyRequest, *, quantity: int = 1, now=None
) -> TechnologyRequest:
    quote = quoted(district, request, quantity=quantity, now=now)
    purchasing.request_funding(request, actor=district.people[Role.TECHNICIAN], now=now)
    return purchasing.fund(
        request,
        actor=district.people[Role.BUSINESS_OFFICE],
        quote=quote,
        funding="bond",
        budget_code="B-2027-410",
        purchase_order="PO-77001",
        now=now,
    )


def received(district: District, request: TechnologyRequest, now=None) -> TechnologyRequest:
    request = funded(district, request, now=now)
    line = request.chosen_quote.lines.get()
    receiving.receive_item(
        request,
        actor=district.people[Role.INVENTORY],
        line=line,
        bar_tag="NE700001",
        serial_number="VZ5-0001",
        now=now,
    )
    request.refresh_from_db()
    return request


def deployed(district: District, request: TechnologyRequest, now=None) -> TechnologyRequest:
    request = received(district, request, now=now)
    technician = district.people[Role.TECHNICIAN]
    deployment.assign_deployer(
        request, actor=district.people[Role.TEAM_LEAD], technician=technician, now=now
    )
    return deployment.deploy(
        request, actor=technician, notes="Mounted on the teacher's desk in 101.", now=now
    )
