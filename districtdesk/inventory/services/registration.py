"""Registering an asset and editing what describes it. Each step checks the rules, writes
the asset, and records its event in one transaction."""

import dataclasses
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from districtdesk.activity.events import record_event
from districtdesk.core.models import Person
from districtdesk.inventory.models import Asset, AssetMove
from districtdesk.inventory.services.rules import (
    EDITABLE,
    AssetFields,
    field_problems,
    initial_status_problems,
    raise_first,
    require_manager,
    save_unique,
    unique_problems,
)
from districtdesk.inventory.tags import normalise_tag

# Written into the history instead of a student ID, which the history's readers may not see.
STUDENT_SET = "(student)"


def lock(asset: Asset) -> Asset:
    """The asset's row, locked until the transaction ends, as it stands now."""
    return (
        Asset.objects.select_for_update(of=("self",))
        .select_related("asset_model__manufacturer")
        .get(pk=asset.pk)
    )


def build_asset(fields: AssetFields, *, now: datetime) -> Asset:
    """An unsaved asset from checked fields (registration and imports)."""
    values = {field.name: getattr(fields, field.name) for field in dataclasses.fields(fields)}
    return Asset(
        **values,
        manufacturer_id=fields.asset_model.manufacturer_id,
        registered_at=now,
        status_changed_at=now,
    )


def first_location(asset: Asset, *, actor: Person, now: datetime, reason: str) -> AssetMove:
    """The delivery to the asset's first location, so its location history starts at once."""
    return AssetMove(
        asset=asset,
        kind=AssetMove.Kind.NEW_DELIVERY,
        to_campus=asset.campus,
        to_room=asset.room,
        dropped_off_at=now,
        reason=reason,
        recorded_at=now,
        recorded_by=actor,
    )


@transaction.atomic
def register_asset(
    fields: AssetFields, *, actor: Person, now: datetime | None = None, reason: str = "registered"
) -> Asset:
    """Put a new asset on record at its first location (seed 002: inventory on arrival); the
    reason is the delivery's (a purchase order's receiving names the order)."""
    now = now or timezone.now()
    require_manager(actor)
    fields.normalise()
    raise_first(field_problems(fields) + initial_status_problems(fields.status))
    raise_first(unique_problems(fields.bar_tag, fields.serial_number, fields.asset_model))
    asset = build_asset(fields, now=now)
    save_unique(asset)
    first_location(asset, actor=actor, now=now, reason=reason).save()
    record_event(
        asset,
        actor=actor,
        code="asset.registered",
        occurred_at=now,
        bar_tag=asset.bar_tag,
        campus=asset.campus.code,
        room=asset.room.number if asset.room else "",
    )
    return asset


def _shown(name: str, value: Any) -> Any:
    """A value as the history keeps it: JSON-safe, and never a student ID."""
    if name == "student_id":
        return STUDENT_SET if value else ""
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@transaction.atomic
def edit_asset(
    asset: Asset, *, actor: Person, now: datetime | None = None, source: str = "", **changes: Any
) -> Asset:
    """Change what describes an asset; one event lists each changed field, before and after.
    The place and the status change through move_asset and change_asset_status. `source`
    names the file of an import update, which its event then names."""
    now = now or timezone.now()
    require_manager(actor)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"edit_asset cannot change {sorted(unknown)}")
    asset = lock(asset)
    for name in ("bar_tag", "serial_number"):
        if name in changes:
            changes[name] = normalise_tag(changes[name] or "")
    if "student_id" in changes:
        changes["student_id"] = (changes["student_id"] or "").strip()
    diff = []
    for name, after in changes.items():
        before = getattr(asset, name)
        if before != after:
            diff.append(
                {"field": name, "before": _shown(name, before), "after": _shown(name, after)}
            )
            setattr(asset, name, after)
    if not diff:
        return asset
    fields = AssetFields(
        **{name: getattr(asset, name) for name in EDITABLE},
        campus=asset.campus,
        room=asset.room,
    )
    problems = field_problems(fields)
    if {"bar_tag", "serial_number", "asset_model"} & set(changes):
        problems += unique_problems(
            asset.bar_tag, asset.serial_number, asset.asset_model, except_pk=asset.pk
        )
    raise_first(problems)
    asset.manufacturer_id = asset.asset_model.manufacturer_id
    changed = [entry["field"] for entry in diff]
    save_unique(asset, update_fields=[*changed, "manufacturer"])
    record_event(
        asset,
        actor=actor,
        code="asset.updated_by_import" if source else "asset.edited",
        occurred_at=now,
        fields=", ".join(changed),
        changes=diff,
        **({"source": source} if source else {}),
    )
    return asset
