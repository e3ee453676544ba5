"""Importing a checked file, in one transaction or not at all: new assets, each with its
first location and its event; or updates to assets on record, matched by bar tag (or, in
Google's export, by serial number), each through the move and edit services so their
history reads as if done by hand."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory.history import asset_event
from districtdesk.inventory.imports.checking import ImportCheck, check_file
from districtdesk.inventory.imports.google_updates import check_google_updates
from districtdesk.inventory.imports.profiles import GOOGLE, PROFILES
from districtdesk.inventory.imports.reading import FIELD, read_csv
from districtdesk.inventory.imports.updating import UpdateCheck, check_updates
from districtdesk.inventory.models import Asset, AssetMove
from districtdesk.inventory.services import movement
from districtdesk.inventory.services.registration import build_asset, edit_asset, first_location
from districtdesk.inventory.services.rules import require_manager

BATCH = 500


class ImportRefused(DomainError):
    """The file has problems: nothing was written. `check` names each one."""

    def __init__(self, check: ImportCheck | UpdateCheck) -> None:
        super().__init__(
            _("%(count)s rows have problems; nothing was imported.") % {"count": check.bad_lines},
            code="import_has_problems",
            field=FIELD,
        )
        self.check = check


def dry_run(text: str, *, profile: str) -> ImportCheck:
    """Every problem of the file, by line; writes nothing."""
    return check_file(read_csv(text), profile)


@transaction.atomic
def import_assets(
    text: str, *, actor: Person, profile: str, file_name: str = "", now: datetime | None = None
) -> list[Asset]:
    """Check the file again (records may have changed since its dry run) and, if it is
    clean, register every asset in it."""
    now = now or timezone.now()
    require_manager(actor)
    check = dry_run(text, profile=profile)
    if not check.is_clean:
        raise ImportRefused(check)
    assets = [build_asset(fields, now=now) for _line, fields in check.rows]
    try:
        with transaction.atomic():
            Asset.objects.bulk_create(assets, batch_size=BATCH)
    except IntegrityError as clash:
        raise DomainError(
            _(
                "Another change added some of these tags or serials meanwhile: "
                "run the dry run again."
            ),
            code="import_conflict",
            field=FIELD,
        ) from clash
    source = file_name or str(PROFILES[profile].label)
    AssetMove.objects.bulk_create(
        [first_location(asset, actor=actor, now=now, reason="imported") for asset in assets],
        batch_size=BATCH,
    )
    Event.objects.bulk_create(
        [
            asset_event(
                asset,
                actor=actor,
                code="asset.imported",
                occurred_at=now,
                bar_tag=asset.bar_tag,
                source=source,
                campus=asset.campus.code,
                room=asset.room.number if asset.room else "",
            )
            for asset in assets
        ],
        batch_size=BATCH,
    )
    return assets


def dry_run_updates(text: str, *, profile: str) -> UpdateCheck:
    """What the file would change, asset by asset, and every problem; writes nothing.
    Google's export is matched by serial number, our own columns by bar tag."""
    if profile == GOOGLE:
        return check_google_updates(read_csv(text))
    return check_updates(read_csv(text), profile)


@transaction.atomic
def update_assets(
    text: str, *, actor: Person, profile: str, file_name: str = "", now: datetime | None = None
) -> list[Asset]:
    """Check the file again and, if it is clean, apply each line's changes: a new place
    through move_asset (its move row and event), the other fields through edit_asset (one
    event per asset listing each field's before and after, naming the file)."""
    now = now or timezone.now()
    require_manager(actor)
    check = dry_run_updates(text, profile=profile)
    if not check.is_clean:
        raise ImportRefused(check)
    source = file_name or str(PROFILES[profile].label)
    updated = []
    for update in check.updates:
        asset = update.asset
        if update.move_to is not None:
            campus, room = update.move_to
            movement.move_asset(
                asset,
                actor=actor,
                to_campus=campus,
                to_room=room,
                reason=_("Updated by the import of %(file)s") % {"file": source},
                now=now,
            )
        if update.changes:
            asset = edit_asset(asset, actor=actor, now=now, source=source, **update.changes)
        updated.append(asset)
    return updated
