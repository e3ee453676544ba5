"""The technology-request pages people work from, through Django's test client: the
approvals inbox, delegations, the review and funding queues, the standards, the receiving
screen, the home page's links, query counts and garbage input."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districtdesk.acquisitions.models import (
    ApprovalDelegation,
    ReceivedItem,
    TechnologyRequest,
)
from districtdesk.acquisitions.services import purchasing
from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset
from tests.acquisitions import builders
from tests.acquisitions.conftest import TUESDAY
from tests.acquisitions.pages import HTMX, awaiting_funding, step_url, text
from tests.inventory.factories import AssetModelFactory

pytestmark = pytest.mark.django_db
Status = TechnologyRequest.Status


# --- The approvals inbox and delegations -------------------------------------------------


def test_the_inbox_shows_what_waits_on_the_supervisor_and_approves_in_place(
    client, district, people, catalogue, now
):
    first = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    second = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    client.force_login(people[Role.PRINCIPAL])

    inbox = client.get(reverse("technology_approvals"))
    assert [card["item"].pk for card in inbox.context["cards"]] == [first.pk, second.pk]

    swapped = client.post(
        step_url("approve", first),
        {"status": "awaiting_approval", "from": "inbox", f"approve-{first.pk}-feedback": "Yes"},
        headers=HTMX,
    )
    assert swapped.status_code == 200
    assert f'id="approval-{first.pk}"' in text(swapped)
    assert "approved." in text(swapped)

    plain = client.post(
        step_url("approve", second), {"status": "awaiting_approval", "from": "inbox"}
    )
    assert plain.status_code == 302
    assert plain.url == reverse("technology_approvals")
    assert TechnologyRequest.objects.filter(status=Status.QUOTING).count() == 2


def test_a_denial_from_the_inbox_shows_its_errors_on_the_card(
    client, district, people, catalogue, now
):
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    client.force_login(people[Role.PRINCIPAL])
    url = step_url("deny", request)
    prefix = f"deny-{request.pk}"

    swapped = client.post(url, {"status": "awaiting_approval", "from": "inbox"}, headers=HTMX)
    assert swapped.status_code == 200
    assert "This field is required." in text(swapped)
    plain = client.post(url, {"status": "awaiting_approval", "from": "inbox"})
    assert plain.status_code == 200
    assert plain.context["cards"][0]["failed"] == "deny"

    done = client.post(
        url,
        {
            "status": "awaiting_approval",
            "from": "inbox",
            f"{prefix}-denial_reason": "no_funds",
            f"{prefix}-explanation": "The budget is spent until July.",
        },
    )
    assert done.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.denial_reason) == (Status.DENIED, "no_funds")


def test_the_inbox_is_a_404_for_people_who_approve_nothing(client, people):
    client.force_login(people[Role.TECHNICIAN])

    assert client.get(reverse("technology_approvals")).status_code == 404


def test_a_supervisor_delegates_and_revokes(client, district, people, now):
    principal, lead = people[Role.PRINCIPAL], people[Role.TEAM_LEAD]
    client.force_login(principal)
    url = reverse("technology_delegations")

    refused = client.post(
        url, {"delegate": principal.email, "starts_on": "2027-02-02", "ends_on": "2027-02-05"}
    )
    assert refused.context["form"].errors["delegate"] == ["Choose someone other than yourself."]
    created = client.post(
        url, {"delegate": lead.username, "starts_on": "2027-02-02", "ends_on": "2027-02-05"}
    )
    assert created.status_code == 302
    delegation = ApprovalDelegation.objects.get()
    assert lead.username in text(client.get(url)) or "Terry Lee" in text(client.get(url))

    client.force_login(lead)
    revoke = reverse("technology_delegation_revoke", kwargs={"pk": delegation.pk})
    assert client.post(revoke).status_code == 404
    assert client.get(reverse("technology_approvals")).status_code == 200
    client.force_login(principal)
    assert client.post(revoke).status_code == 302
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None


# --- Queues ------------------------------------------------------------------------------


def test_the_review_queue_shows_step_age_flag_and_priority(
    client, district, people, catalogue, now
):
    off = builders.ask(district, asset_type=catalogue["camera"].asset_type)
    client.force_login(people[Role.TECHNICIAN])

    response = client.get(reverse("technology_review"))

    assert [item.pk for item in response.context["page"]] == [off.pk]
    page = text(response)
    assert "Off-standard" in page
    assert "3.3" in page  # the acquisition chart's medium-urgency priority
    client.force_login(people[Role.REQUESTER])
    assert client.get(reverse("technology_review")).status_code == 404


def test_the_funding_queue_shows_quotes_totals_and_spend_by_fund(
    client, district, people, catalogue, now
):
    waiting = awaiting_funding(district, catalogue, quantity=2)
    builders.funded(district, builders.ask(district, item=catalogue["camera"]))
    client.force_login(people[Role.BUSINESS_OFFICE])

    response = client.get(reverse("technology_funding"))

    assert [item.pk for item in response.context["page"]] == [waiting.pk]
    assert response.context["waiting"] == {"count": 1, "amount": Decimal("198.00")}
    assert response.context["spend"][0]["budget_code"] == "B-2027-410"
    page = text(response)
    assert "$198.00" in page and "$99.00" in page
    client.force_login(people[Role.TECHNICIAN])
    assert client.get(reverse("technology_funding")).status_code == 404


def test_the_standards_page_lists_the_catalogue_for_everyone(client, people, catalogue):
    client.force_login(people[Role.REQUESTER])

    response = client.get(reverse("technology_standards"))

    assert "Visualiser 8 document camera" in text(response)
    assert "$150.00–$199.00" in text(response)


# --- Receiving ---------------------------------------------------------------------------


def test_receiving_answers_each_scan_at_once_and_refuses_an_extra_item(
    client, district, people, catalogue, now
):
    request = builders.funded(district, builders.ask(district, item=catalogue["camera"]))
    line = request.chosen_quote.lines.get()
    client.force_login(people[Role.INVENTORY])
    url = reverse("technology_receive", kwargs={"pk": request.pk})
    listing = client.get(reverse("technology_receiving"))
    assert [item.pk for item in listing.context["page"]] == [request.pk]
    screen = client.get(url)
    assert screen.context["item_form"]["line"].value() == line.pk

    refused = client.post(
        url, {"line": line.pk, "serial_number": "VZ5-1", "bar_tag": "bad tag"}, headers=HTMX
    )
    assert refused.status_code == 200
    assert "Not received." in text(refused)
    answered = client.post(
        url, {"line": line.pk, "serial_number": "VZ5-1", "bar_tag": "ne700001"}, headers=HTMX
    )

    asset = Asset.objects.get(bar_tag="NE700001")
    page = text(answered)
    assert "as asset NE700001" in page
    assert "0 left on this line" in page
    assert reverse("asset_detail", kwargs={"pk": asset.pk}) in page
    assert asset.room.number == "101"
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def test_an_extra_item_is_refused_with_the_services_message(
    client, district, people, catalogue, now
):
    request = builders.ask(district, item=catalogue["camera"], quantity=2)
    builders.approved(district, request)
    model = catalogue["camera"].asset_model
    quote = purchasing.add_quote(
        request,
        actor=people[Role.TECHNICIAN],
        vendor="Vendor",
        valid_until=TUESDAY.date() + timedelta(days=30),
        lines=[
            purchasing.LineInput("Camera", 1, Decimal("99"), model),
            purchasing.LineInput("Second camera", 1, Decimal("99"), AssetModelFactory()),
        ],
    )
    purchasing.request_funding(request, actor=people[Role.TECHNICIAN])
    purchasing.fund(
        request,
        actor=people[Role.BUSINESS_OFFICE],
        quote=quote,
        funding="non_bond",
        budget_code="G-1",
        purchase_order="PO-2",
    )
    first = quote.lines.get(description="Camera")
    client.force_login(people[Role.INVENTORY])
    url = reverse("technology_receive", kwargs={"pk": request.pk})
    client.post(url, {"line": first.pk, "serial_number": "S1", "bar_tag": "NE700101"})

    again = client.post(
        url, {"line": first.pk, "serial_number": "S2", "bar_tag": "NE700102"}, headers=HTMX
    )

    assert "an extra item is not on the order" in text(again)
    assert 'role="status"' in text(again)
    assert ReceivedItem.objects.count() == 1


def test_licences_are_received_by_count(client, district, people, catalogue, now):
    request = builders.ask(district, item=catalogue["camera"])
    builders.approved(district, request)
    quote = purchasing.add_quote(
        request,
        actor=people[Role.TECHNICIAN],
        vendor="Vendor",
        valid_until=TUESDAY.date() + timedelta(days=30),
        lines=[purchasing.LineInput("Licence", 3, Decimal("10"))],
    )
    purchasing.request_funding(request, actor=people[Role.TECHNICIAN])
    purchasing.fund(
        request,
        actor=people[Role.BUSINESS_OFFICE],
        quote=quote,
        funding="non_bond",
        budget_code="G-1",
        purchase_order="PO-3",
    )
    line = quote.lines.get()
    client.force_login(people[Role.INVENTORY])
    url = reverse("technology_receive_count", kwargs={"pk": request.pk})

    too_many = client.post(url, {"count-line": line.pk, "count-quantity": "4"}, headers=HTMX)
    assert "an extra item is not on the order" in text(too_many)
    done = client.post(url, {"count-line": line.pk, "count-quantity": "3"})

    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def test_receiving_is_a_404_for_people_outside_inventory(client, district, people, catalogue):
    request = builders.funded(district, builders.ask(district, item=catalogue["camera"]))
    client.force_login(people[Role.TECHNICIAN])

    assert client.get(reverse("technology_receive", kwargs={"pk": request.pk})).status_code == 404
    assert client.get(reverse("technology_receiving")).status_code == 404


# --- Navigation and home -----------------------------------------------------------------


def test_the_home_page_links_each_role_to_its_technology_pages(client, people, catalogue):
    client.force_login(people[Role.PRINCIPAL])
    page = text(client.get(reverse("home")))
    assert reverse("technology_approvals") in page
    assert reverse("technology_list") in page

    client.force_login(people[Role.BUSINESS_OFFICE])
    page = text(client.get(reverse("home")))
    assert reverse("technology_funding") in page
    assert reverse("technology_approvals") not in page


# --- Query counts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "route", "build"),
    [
        (Role.REQUESTER, "technology_list", "ask"),
        (Role.TECHNICIAN, "technology_review", "ask"),
        (Role.PRINCIPAL, "technology_approvals", "forwarded"),
        (Role.BUSINESS_OFFICE, "technology_funding", "awaiting_funding"),
        (Role.INVENTORY, "technology_receiving", "funded"),
    ],
)
def test_lists_cost_the_same_queries_for_one_or_ten_requests(
    client, district, people, catalogue, now, django_assert_max_num_queries, role, route, build
):
    def make() -> None:
        if build == "awaiting_funding":
            awaiting_funding(district, catalogue)
            return
        request = builders.ask(district, item=catalogue["camera"])
        if build != "ask":
            getattr(builders, build)(district, request)

    make()
    client.force_login(people[role])
    url = reverse(route)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert len(response.context["page"].object_list) == 1
    for _number in range(9):
        make()

    with django_assert_max_num_queries(len(one)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 10


def test_garbage_input_is_a_form_error_or_a_404_never_a_crash(
    client, district, people, catalogue, now
):
    ordered = builders.funded(district, builders.ask(district, item=catalogue["camera"]))
    client.force_login(people[Role.INVENTORY])
    receive = reverse("technology_receive", kwargs={"pk": ordered.pk})

    assert (
        client.post(receive, {"line": "abc", "serial_number": "", "bar_tag": ""}).status_code == 200
    )
    count = reverse("technology_receive_count", kwargs={"pk": ordered.pk})
    assert client.post(count, {"count-line": "9999999", "count-quantity": "-4"}).status_code == 200
    assert client.get(reverse("technology_receiving"), {"page": "abc"}).status_code == 200
    assert client.get(reverse("technology_receive", kwargs={"pk": 9999999})).status_code == 404

    client.force_login(people[Role.PRINCIPAL])
    delegations = reverse("technology_delegations")
    junk = {"delegate": "x" * 500, "starts_on": "yesterday", "ends_on": "2027-13-45"}
    assert set(client.post(delegations, junk).context["form"].errors) == {
        "delegate",
        "starts_on",
        "ends_on",
    }
    assert (
        client.post(reverse("technology_check"), {"kind": "??", "asset_type": "x"}).status_code
        == 200
    )

    client.force_login(people[Role.TECHNICIAN])
    quoting = builders.approved(district, builders.ask(district, item=catalogue["camera"]))
    response = client.post(
        step_url("add_quote", quoting),
        {"status": "quoting", "add_quote-line-TOTAL_FORMS": "zz", "add_line": "1"},
    )
    assert response.status_code == 200
    response = client.post(step_url("add_quote", quoting), {"status": "quoting"})
    assert response.status_code == 200
    assert not quoting.quotes.exists()
