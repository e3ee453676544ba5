"""Read queries: the held messages an analyst works through, and the request an email
answers."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from districtdesk.core.models import Person
from districtdesk.mailbox import policies
from districtdesk.mailbox.models import InboundMessage
from districtdesk.mailbox.parsing import ParsedMessage, ours
from districtdesk.service_requests.models import ServiceRequest


def held_messages(person: Person) -> QuerySet[InboundMessage]:
    """Oldest first: the order they are answered in (index mailbox_held)."""
    return (
        policies.messages_visible_to(person)
        .filter(outcome=InboundMessage.Outcome.HELD)
        .select_related("sender")
        .defer("raw")
        .order_by("received_at", "pk")
    )


def _notified_request_ids(notification_ids: list[int]) -> list[str]:
    """The requests our notification emails with these numbers were about. Notifications
    live beside this app, so their rows are read by model name, never imported; their
    Message-ID format is documented in docs/notifications.md."""
    if not notification_ids or not apps.is_installed("districtdesk.notifications"):
        return []
    notification_model = apps.get_model("notifications", "Notification")
    return list(
        notification_model.objects.filter(
            pk__in=notification_ids,
            event__subject_type=ContentType.objects.get_for_model(ServiceRequest),
        ).values_list("event__subject_id", flat=True)
    )


def replied_request(parsed: ParsedMessage) -> tuple[bool, ServiceRequest | None]:
    """Whether the email answers a request, and which: by the number in its subject
    ("[SR-000123]"), else by the Message-IDs it replies to (our notifications', or an
    earlier email that was filed on a request). (True, None): it names a request that
    does not exist."""
    number = parsed.request_number
    if number is not None:
        return True, ServiceRequest.objects.filter(pk=number).first()
    if not parsed.references:
        return False, None
    notified = [
        int(match.group(2))
        for match in map(ours, parsed.references)
        if match and match.group(1).lower() == "notification"
    ]
    request_ids = _notified_request_ids(notified)
    if not request_ids:
        request_ids = list(
            InboundMessage.objects.filter(
                message_id__in=parsed.references[:50], request__isnull=False
            ).values_list("request_id", flat=True)
        )
    if not request_ids:
        return False, None
    return True, ServiceRequest.objects.filter(pk=request_ids[0]).first()
