"""Read queries: a person's in-app notifications and their unread count."""

from django.db.models import QuerySet

from districtdesk.core.models import Person
from districtdesk.notifications.models import Notification, Preference


def in_app_for(person: Person) -> QuerySet[Notification]:
    """Newest first, with everything a row shows in a constant few queries."""
    return (
        Notification.objects.filter(recipient=person, channel=Notification.Channel.IN_APP)
        .select_related("event__actor", "event__subject_type")
        .prefetch_related("event__subject")
        .order_by("-created_at", "-pk")
    )


def unread_count(person: Person) -> int:
    return Notification.objects.filter(
        recipient=person, channel=Notification.Channel.IN_APP, read_at__isnull=True
    ).count()


def delivery_of(person: Person) -> str:
    preference = Preference.objects.filter(person=person).values_list("delivery", flat=True)
    return preference.first() or Preference.Delivery.EMAIL
