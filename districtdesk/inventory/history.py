"""Event rows for many assets at once (imports, demo data): the same rows record_event
writes, built unsaved so they go to the database in a few bulk inserts."""

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType

from districtdesk.activity.events import LABELS
from districtdesk.activity.models import Event
from districtdesk.core.models import Person
from districtdesk.inventory.models import Asset


def asset_event(
    asset: Asset, *, actor: Person | None, code: str, occurred_at: datetime, **params: Any
) -> Event:
    if code not in LABELS:
        raise ValueError(f"Unknown event code {code!r}: register it in inventory/events.py.")
    return Event(
        occurred_at=occurred_at,
        actor=actor,
        code=code,
        subject_type=ContentType.objects.get_for_model(Asset),
        subject_id=str(asset.pk),
        params=params,
    )
