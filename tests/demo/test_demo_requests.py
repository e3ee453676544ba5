"""The demo district's service requests: every state present, all made through services."""

from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.activity.models import Event
from districtdesk.inventory.models import AuditDiscrepancy, AuditPhase, InventoryWorkItem
from districtdesk.service_requests.models import QueueReview, ServiceRequest

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 2, 10, 17, 0, tzinfo=UTC)  # a Wednesday, 11:00 in Chicago


@pytest.fixture
def loaded():
    with time_machine.travel(NOW, tick=False):
        out = StringIO()
        call_command("load_demo_district", "--size", "small", "--requests", "80", stdout=out)
    return out.getvalue()


def test_the_demo_holds_requests_in_every_state(loaded):
    statuses = set(ServiceRequest.objects.values_list("status", flat=True))

    assert statuses == set(ServiceRequest.Status.values)
    # Besides the requests each demo change answers, and those other demo work files: the
    # audits' phases and investigations, the inventory work items and the technology requests.
    other_work = [
        *AuditPhase.objects.values_list("request", flat=True),
        *InventoryWorkItem.objects.values_list("request", flat=True),
        *AuditDiscrepancy.objects.exclude(request=None).values_list("request", flat=True),
        *TechnologyRequest.objects.values_list("service_request", flat=True),
    ]
    own = ServiceRequest.objects.filter(changes__isnull=True).exclude(pk__in=other_work)
    assert own.count() == 80
    assert "80 service requests" in loaded


def test_every_demo_request_was_made_through_the_services(loaded):
    submitted = Event.objects.filter(code="request.submitted").count()
    categorised = ServiceRequest.objects.exclude(status=ServiceRequest.Status.NEW)

    assert submitted == ServiceRequest.objects.count()
    assert all(request.targets.filter(kind="resolve").exists() for request in categorised)
    assert not ServiceRequest.objects.filter(submitted_at__gt=NOW).exists()
    assert not Event.objects.filter(occurred_at__gt=NOW).exists()


def test_the_demo_teacher_has_requests_to_follow(loaded):
    assert ServiceRequest.objects.filter(requester__username="requester").count() >= 5


def test_waiting_requests_have_their_clock_stopped(loaded):
    waiting = ServiceRequest.objects.filter(status=ServiceRequest.Status.WAITING)

    assert waiting.exists()
    for request in waiting:
        wait = request.waits.get(ended_at__isnull=True)
        due = request.targets.get(kind="resolve").due_at
        # Stopped, unless its working time had run out when the wait began: a breach stays.
        assert due is None or due <= NOW
        assert wait.reason


def test_the_analysts_reviewed_most_odd_hours_of_the_demo_weeks(loaded):
    reviews = QueueReview.objects.all()
    assert reviews.count() > 30
    assert not reviews.filter(reviewed_at__gt=NOW).exists()
    assert all(timezone.localtime(review.reviewed_at).hour % 2 == 1 for review in reviews)
