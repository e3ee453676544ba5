"""The review queue fills itself: once a change's planned window has closed, a change still
scheduled or in progress (or an emergency nobody started in the system) moves to
"completed" with its outcome not yet known, and waits for its change review (seed 001: a
review for every change, successful or not). A periodic job, registered in apps.py."""

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from districtdesk.activity.events import record_event
from districtdesk.changes import selectors, workflow
from districtdesk.changes.lock_objects import lock_change
from districtdesk.changes.models import ChangeRequest
from districtdesk.core.models import Person

Status = ChangeRequest.Status


def past_their_window(now: datetime):
    """Changes whose window has closed and that have not reached the review queue."""
    return ChangeRequest.objects.filter(
        Q(status__in=[Status.SCHEDULED, Status.IN_PROGRESS])
        | Q(status=Status.SUBMITTED, change_type=ChangeRequest.Type.EMERGENCY),
        planned_end__lte=now,
    ).order_by("planned_end", "pk")


@transaction.atomic
def enter_review_queue(
    change: ChangeRequest, *, actor: Person | None = None, now: datetime | None = None
) -> bool:
    """Move one change whose window has closed to the review queue; False when there is
    nothing to do (another run moved it, or its window is still open)."""
    now = now or timezone.now()
    change = lock_change(change)
    model = selectors.current_settings().approval_model
    if change.planned_end > now or not workflow.can(change, "await_review", model):
        return False
    change.status = workflow.check(change, "await_review", model)
    change.save(update_fields=["status"])
    record_event(
        change,
        actor=actor,
        code="change.window_closed",
        occurred_at=now,
        number=change.number,
        planned_end=f"{timezone.localtime(change.planned_end):%Y-%m-%d %H:%M}",
    )
    return True


def queue_for_review(now: datetime) -> int:
    """The periodic job: every change past its window, each in its own transaction."""
    return sum(enter_review_queue(change, now=now) for change in past_their_window(now))
