"""Approvals waiting too long (issue: "technology-request approvals waiting more than 2
business days"): once per forwarding, an event on the request tells the approver (the
notification rules name who hears it). The claim is one conditional UPDATE per request, so
two ticks at once remind once."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from districtdesk.acquisitions import policies
from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.activity.events import record_event

BATCH = 500


def remind_waiting_approvals(now: datetime) -> int:
    due = (
        TechnologyRequest.objects.filter(
            status=TechnologyRequest.Status.AWAITING_APPROVAL,
            approval_overdue_at__lte=now,
            approval_reminded_at__isnull=True,
        )
        .select_related("approver")
        .order_by("approval_overdue_at")[:BATCH]
    )
    reminded = 0
    for request in due:
        with transaction.atomic():
            claimed = TechnologyRequest.objects.filter(
                pk=request.pk,
                status=TechnologyRequest.Status.AWAITING_APPROVAL,
                approval_reminded_at__isnull=True,
            ).update(approval_reminded_at=now)
            if not claimed:
                continue
            record_event(
                request,
                actor=None,
                code="technology.approval_waiting",
                occurred_at=now,
                approver=str(request.approver),
                since=timezone.localtime(request.forwarded_at).strftime("%Y-%m-%d %H:%M"),
                notify_delegate_ids=policies.delegates_of(
                    request.approver_id, timezone.localdate(now)
                ),
            )
            reminded += 1
    return reminded
