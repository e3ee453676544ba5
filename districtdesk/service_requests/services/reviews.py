"""The Customer Care Center's odd-hour review of the uncategorised queue (seed 003, step 4)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person, Role
from districtdesk.service_requests.models import QueueReview, ServiceRequest

REVIEWERS = (Role.CCC_ANALYST, Role.SYSTEM_ADMIN)


@transaction.atomic
def record_queue_review(*, actor: Person, now: datetime | None = None) -> QueueReview:
    """An analyst has gone through the uncategorised queue: note who, when, and how many
    requests were still waiting."""
    if not actor.has_role(*REVIEWERS):
        raise DomainError(
            _("Customer Care Center analysts review the uncategorised queue."),
            code="not_allowed",
        )
    review = QueueReview.objects.create(
        reviewed_by=actor,
        reviewed_at=now or timezone.now(),
        waiting_count=ServiceRequest.objects.filter(status=ServiceRequest.Status.NEW).count(),
    )
    record_event(
        review,
        actor=actor,
        code="queue.reviewed",
        occurred_at=review.reviewed_at,
        waiting=review.waiting_count,
    )
    return review
