"""The dry run of an update: each row of a DistrictDesk-columns file names an asset on record
by its bar tag, and the row's other columns say what it should now be. Nothing is written
here: the report lists, per line, every field that would change (before → after) and every
problem; services.importing applies a file only when this finds no problem.

Only the columns the file has are compared, so a file may carry just the columns it
changes (beside the required ones); an empty cell clears its field, except status, which an
empty cell leaves as it is. A different campus or room is a move, applied through
the move service; a different status is a problem, since a status changes with its report
on the asset's page.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, Room
from districtdesk.inventory import workflow
from districtdesk.inventory.imports.checking import (
    Records,
    RowProblem,
    RowReader,
    cells_of,
    in_chunks,
    read_districtdesk_row,
)
from districtdesk.inventory.imports.profiles import DISTRICTDESK, PROFILES
from districtdesk.inventory.imports.reading import FIELD, CsvFile
from districtdesk.inventory.models import Asset
from districtdesk.inventory.models.assets import place
from districtdesk.inventory.services.rules import AssetFields, field_problems
from districtdesk.inventory.tags import normalise_tag

# A column of the file -> the asset's fields it sets (location and status apart).
COMPARED = {
    "serial_number": ("serial_number",),
    "model_number": ("asset_model",),
    "assigned_staff": ("assigned_to",),
    "student_id": ("student_id",),
    "funding": ("funding",),
    "budget_code": ("budget_code",),
    "purchase_order": ("purchase_order",),
    "cost": ("cost",),
    "purchase_date": ("purchase_date",),
    "warranty_end": ("warranty_end",),
    "donated": ("is_donated",),
    "personal_device": ("is_personal_device",),
    "notes": ("notes",),
}
STUDENT_SHOWN = "(student)"


@dataclass
class AssetUpdate:
    """One line's changes to one asset: descriptive fields for edit_asset, and the new
    place for move_asset (None when it stays)."""

    line: int
    asset: Asset
    changes: dict[str, Any] = field(default_factory=dict)
    move_to: tuple[Campus, Room | None] | None = None
    # (what, before, after), as the dry run's report shows them
    diff: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class AutoUpdateEnding:
    """A Chromebook whose automatic updates end within a year (or have ended): the date
    that drives refresh budgets (Google's auto-update expiration)."""

    line: int
    bar_tag: str
    serial_number: str
    model: str
    ends: date
    ended: bool


@dataclass
class UpdateCheck:
    profile: str
    updates: list[AssetUpdate] = field(default_factory=list)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    # Google's export only: devices whose auto-update end date is within 12 months.
    ending: list[AutoUpdateEnding] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.problems

    @property
    def bad_lines(self) -> int:
        return len({problem.line for problem in self.problems})

    @property
    def rows(self) -> list[AssetUpdate]:
        return self.updates


def shown(name: str, value: Any) -> str:
    """A value as the report shows it; a student ID only as "(student)", as in the
    history."""
    if name == "student_id":
        return STUDENT_SHOWN if value else "—"
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _assets_by_tag(rows: list[tuple[int, dict[str, str]]]) -> dict[str, Asset]:
    tags = {normalise_tag(cells.get("bar_tag", "")) for _line, cells in rows} - {""}
    found: dict[str, Asset] = {}
    for chunk in in_chunks(tags):
        assets = Asset.objects.filter(bar_tag__in=chunk).select_related(
            "campus", "room", "asset_model__manufacturer", "assigned_to"
        )
        found.update((asset.bar_tag, asset) for asset in assets)
    return found


def _serial_owners(rows: list[tuple[int, dict[str, str]]]) -> dict[tuple[int, str], str]:
    serials = {normalise_tag(cells.get("serial_number", "")) for _line, cells in rows} - {""}
    owners: dict[tuple[int, str], str] = {}
    for chunk in in_chunks(serials):
        found = Asset.objects.filter(serial_number__in=chunk).values_list(
            "manufacturer_id", "serial_number", "bar_tag"
        )
        owners.update(((maker, serial), tag) for maker, serial, tag in found)
    return owners


def check_updates(csv_file: CsvFile, profile_code: str) -> UpdateCheck:
    if profile_code != DISTRICTDESK:
        raise DomainError(
            _("Updates are read from the DistrictDesk asset columns (an edited export)."),
            code="update_profile",
            field=FIELD,
        )
    profile = PROFILES[profile_code]
    located = profile.locate(csv_file.headers)
    headers = {name: csv_file.headers[index] for name, index in located.items()}
    rows = cells_of(csv_file, located)
    records = Records([cells for _line, cells in rows])
    assets = _assets_by_tag(rows)
    serial_owners = _serial_owners(rows)
    compared = [name for column, names in COMPARED.items() if column in located for name in names]
    check = UpdateCheck(profile=profile_code)
    first_line_of_tag: dict[str, int] = {}
    for line, cells in rows:
        row = RowReader(line, cells, headers)
        fields = read_districtdesk_row(row, records)
        tag = normalise_tag(row.text("bar_tag"))
        asset = assets.get(tag)
        if asset is None:
            row.problem(
                "bar_tag",
                _("No asset has tag %(tag)s: add new assets with the “new assets” mode.")
                % {"tag": tag},
            )
        elif tag in first_line_of_tag:
            row.problem(
                "bar_tag",
                _("Tag %(tag)s is also on line %(line)s of this file.")
                % {"tag": tag, "line": first_line_of_tag[tag]},
            )
        else:
            first_line_of_tag[tag] = line
        update = None
        if fields is not None and asset is not None:
            fields.normalise()
            update = _compare(row, asset, fields, compared, "room" in located, serial_owners)
        if row.problems:
            check.problems.extend(row.problems)
        elif update is not None and (update.changes or update.move_to):
            check.updates.append(update)
        elif update is not None:
            check.unchanged += 1
    return check


def _compare(
    row: RowReader,
    asset: Asset,
    fields: AssetFields,
    compared: list[str],
    has_room: bool,
    serial_owners: dict[tuple[int, str], str],
) -> AssetUpdate:
    update = AssetUpdate(line=row.line, asset=asset)
    for name in compared:
        before, after = getattr(asset, name), getattr(fields, name)
        if name in ("asset_model", "assigned_to"):
            same = (before.pk if before else None) == (after.pk if after else None)
        else:
            same = before == after
        if not same:
            update.changes[name] = after
            label = str(Asset._meta.get_field(name).verbose_name)
            update.diff.append((label, shown(name, before), shown(name, after)))
    # The asset as it would be: the rules of one asset hold for the whole of it.
    merged = AssetFields(
        bar_tag=asset.bar_tag,
        asset_model=update.changes.get("asset_model", asset.asset_model),
        campus=fields.campus,
        room=fields.room if has_room else (asset.room if fields.campus == asset.campus else None),
        **{
            name: update.changes.get(name, getattr(asset, name))
            for name in (
                "serial_number",
                "assigned_to",
                "student_id",
                "funding",
                "budget_code",
                "purchase_order",
                "cost",
                "purchase_date",
                "warranty_end",
                "is_donated",
                "is_personal_device",
                "notes",
            )
        },
    )
    for problem in field_problems(merged):
        row.problem(problem.field or "bar_tag", problem.message)
    if merged.serial_number and {"serial_number", "asset_model"} & set(update.changes):
        owner = serial_owners.get((merged.asset_model.manufacturer_id, merged.serial_number))
        if owner is not None and owner != asset.bar_tag:
            row.problem(
                "serial_number",
                _("Serial number %(serial)s is already on %(tag)s.")
                % {"serial": merged.serial_number, "tag": owner},
            )
    if row.text("status") and fields.status != asset.status:
        row.problem(
            "status",
            _(
                "The status changes from %(before)s to %(after)s: change a status on the "
                "asset's page, with its reason and report."
            )
            % {"before": asset.get_status_display(), "after": Asset.Status(fields.status).label},
        )
    if (merged.campus.pk, merged.room.pk if merged.room else None) != (
        asset.campus_id,
        asset.room_id,
    ):
        if not workflow.can_move(asset):
            row.problem(
                "campus",
                _("A %(status)s asset cannot be moved.") % {"status": asset.get_status_display()},
            )
        update.move_to = (merged.campus, merged.room)
        update.diff.insert(0, (_("location"), asset.location, place(merged.campus, merged.room)))
    return update
