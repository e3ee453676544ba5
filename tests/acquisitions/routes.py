"""The technology-request rows of the route matrix (tests/test_route_matrix.py) and the
objects they need: one request in each step that has a page or an action of its own."""

from districtdesk.acquisitions.services import approval, deployment, purchasing, receiving
from districtdesk.core.models import Role
from tests.acquisitions import builders
from tests.acquisitions.api_routes import API_ROUTES
from tests.acquisitions.page_routes import PAGE_ROUTES
from tests.cast import District

ROUTES: dict = {**API_ROUTES, **PAGE_ROUTES}


def fixtures(district: District) -> dict:
    catalogue = builders.standards()
    camera = catalogue["camera"]
    assistant = district.people[Role.TEAM_LEAD]
    principal = district.people[Role.PRINCIPAL]
    today = builders.datetime.now().date()
    awaiting_funding = builders.ask(district, item=camera)
    builders.quoted(district, awaiting_funding)
    purchasing.request_funding(awaiting_funding, actor=district.people[Role.TECHNICIAN])
    deploying = builders.funded(district, builders.ask(district, item=camera))
    receiving.receive_item(
        deploying,
        actor=district.people[Role.INVENTORY],
        line=deploying.chosen_quote.lines.get(),
        bar_tag="NE700002",
        serial_number="VZ5-0002",
    )
    deployment.assign_deployer(
        deploying, actor=assistant, technician=district.people[Role.TECHNICIAN]
    )
    return {
        "standard_item": camera,
        "awaiting_funding": awaiting_funding,
        "deploying": deploying,
        "in_review": builders.ask(district, item=camera),
        "awaiting_approval": builders.forwarded(district, builders.ask(district, item=camera)),
        "quoting": builders.approved(district, builders.ask(district, item=camera)),
        "ordered": builders.funded(district, builders.ask(district, item=camera)),
        "received": builders.received(district, builders.ask(district, item=camera)),
        "delegation": approval.delegate_approvals(
            actor=principal, delegate=assistant, starts_on=today, ends_on=today
        ),
    }
