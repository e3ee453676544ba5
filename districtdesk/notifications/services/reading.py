"""A person's own notifications: marking them read, and choosing how to be told."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from districtdesk.core.models import Person
from districtdesk.notifications.models import Notification, Preference


def mark_read(pk: int, *, actor: Person, now: datetime | None = None) -> int:
    """Only the recipient's own unread row changes; 0 when there is none (or not theirs)."""
    return Notification.objects.filter(
        pk=pk, recipient=actor, channel=Notification.Channel.IN_APP, read_at__isnull=True
    ).update(read_at=now or timezone.now())


def mark_all_read(*, actor: Person, now: datetime | None = None) -> int:
    return Notification.objects.filter(
        recipient=actor, channel=Notification.Channel.IN_APP, read_at__isnull=True
    ).update(read_at=now or timezone.now())


@transaction.atomic
def set_delivery(person: Person, *, delivery: str) -> Preference:
    """From the next notification on; rows already written keep their channel."""
    preference, _ = Preference.objects.update_or_create(
        person=person, defaults={"delivery": Preference.Delivery(delivery)}
    )
    return preference
