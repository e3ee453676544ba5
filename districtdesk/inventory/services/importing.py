"""Importing a checked file: all of its assets, each with its first location and its event,
in one transaction, or none of them."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory.history import asset_event
from districtdesk.inventory.imports.checking import ImportCheck, check_file
from districtdesk.inventory.imports.profiles import PROFILES
from districtdesk.inventory.imports.reading import FIELD, read_csv
from districtdesk.inventory.models import Asset, AssetMove
from districtdesk.inventory.services.registration import build_asset, first_location
from districtdesk.inventory.services.rules import require_manager

BATCH = 500


class ImportRefused(DomainError):
    """The file has problems: nothing was written. `check` names each one."""

    def __init__(self, check: ImportCheck) -> None:
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
