"""The demo district's technology requests: every step of the chain, the demo accounts'
inboxes filled, received items in inventory, deterministic for a seed."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import transaction

from districtdesk.acquisitions.demo import load_demo_technology_requests
from districtdesk.acquisitions.models import StandardItem, TechnologyRequest
from districtdesk.core.demo_district.builder import load_demo_district
from districtdesk.inventory.demo_assets import load_demo_assets
from districtdesk.inventory.models import Asset

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 2, 10, 17, 0, tzinfo=UTC)  # a Wednesday, 11:00 in Chicago
Status = TechnologyRequest.Status


def load(seed: int = 5) -> dict[str, int]:
    with time_machine.travel(NOW, tick=False):
        load_demo_assets(count=200, seed=seed, now=NOW)
        return load_demo_technology_requests(seed=seed, now=NOW)


@pytest.fixture
def loaded():
    load_demo_district(size="small", seed=2026)
    return load()


def test_the_demo_holds_requests_in_every_step(loaded):
    requests = TechnologyRequest.objects.all()
    assert loaded == {status: requests.filter(status=status).count() for status in loaded}
    assert set(loaded) == set(Status.values)
    assert requests.filter(status=Status.DENIED, denied_at_step="review").exists()
    assert requests.filter(status=Status.DENIED, denied_at_step="approval").exists()
    assert StandardItem.objects.count() >= 10


def test_the_demo_accounts_have_something_to_do(loaded):
    assert TechnologyRequest.objects.filter(requester__username="requester").count() >= 3
    assert TechnologyRequest.objects.filter(
        approver__username="supervisor", status=Status.AWAITING_APPROVAL
    ).exists()
    assert TechnologyRequest.objects.filter(status=Status.AWAITING_FUNDING).exists()
    assert TechnologyRequest.objects.filter(
        status=Status.AWAITING_APPROVAL, approval_overdue_at__lt=NOW
    ).exists()


def test_received_items_are_in_inventory_with_their_order(loaded):
    ordered = TechnologyRequest.objects.filter(
        status__in=[Status.RECEIVED, Status.DEPLOYING, Status.DEPLOYED]
    )
    for request in ordered:
        assets = Asset.objects.filter(received_as__line__quote=request.chosen_quote_id)
        for asset in assets:
            assert asset.purchase_order == request.purchase_order
            assert asset.campus_id == request.service_request.campus_id
    assert Asset.objects.filter(bar_tag__startswith="TR").exists()


def snapshot() -> list[tuple]:
    return list(
        TechnologyRequest.objects.order_by("service_request__submitted_at").values_list(
            "status", "quantity", "requester__username", "purchase_order", "status_changed_at"
        )
    )


def test_the_same_seed_gives_the_same_requests():
    load_demo_district(size="small", seed=2026)
    runs = []
    for _run in range(2):
        with transaction.atomic():
            load()
            runs.append(snapshot())
            transaction.set_rollback(True)
    assert len(runs[0]) >= 30
    assert runs[0] == runs[1]
