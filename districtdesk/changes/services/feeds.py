"""Issuing and revoking a person's calendar-feed secret. A new secret revokes the old one;
the secret is shown once, and only its SHA-256 digest is stored."""

import hashlib
import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from districtdesk.changes.models import CalendarFeed
from districtdesk.core.models import Person


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_feed(*, actor: Person, now: datetime | None = None) -> str:
    """A new secret for the actor's feed; any earlier one stops working."""
    now = now or timezone.now()
    revoke_feeds(actor=actor, now=now)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(person=actor, digest=digest_of(token), created_at=now)
    return token


def revoke_feeds(*, actor: Person, now: datetime | None = None) -> int:
    return CalendarFeed.objects.filter(person=actor, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


def feed_owner(token: str) -> Person | None:
    """Whose live feed the secret opens; None for an unknown or revoked one."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.filter(
            digest=digest_of(token), revoked_at__isnull=True, person__is_active=True
        )
        .select_related("person")
        .first()
    )
    return feed.person if feed else None


def has_live_feed(person: Person) -> bool:
    return CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).exists()
