"""The dry run of an update from Google Admin's Chromebook export: each row names a device
on record by its **serial number** (Google's key), and the columns it has say what the
asset should now be. Nothing is written here; services.importing applies a file only when
this finds no problem.

- `annotatedAssetId` → the bar tag; `model` → the model (and tells apart two makers'
  devices that share a serial); `orgUnitPath` / `annotatedLocation` → the campus and room
  (a new place is a move); `annotatedUser` → the staff member with that email, else the
  student; `notes` → the notes.
- Google's export leaves most of these empty, so an empty cell leaves its field as it is.
- `status` is not read: a status changes on the asset's page, with its reason and report.
- `autoUpdateThrough` (the Admin console's "Auto Update Expiration"): a device whose
  automatic updates end within 12 months, or have ended, is flagged in the report.
"""

import calendar
import re
from dataclasses import replace
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.core.models import Campus, Room
from districtdesk.inventory import workflow
from districtdesk.inventory.imports.checking import (
    STUDENT_ID_LIMIT,
    Records,
    RowReader,
    _room,
    cells_of,
    in_chunks,
)
from districtdesk.inventory.imports.profiles import GOOGLE, PROFILES
from districtdesk.inventory.imports.reading import CsvFile
from districtdesk.inventory.imports.updating import (
    AssetUpdate,
    AutoUpdateEnding,
    UpdateCheck,
    shown,
)
from districtdesk.inventory.imports.values import BadValue, parse_date, parse_text
from districtdesk.inventory.models import Asset, AssetModel
from districtdesk.inventory.models.assets import place
from districtdesk.inventory.services.rules import AssetFields, field_problems
from districtdesk.inventory.tags import normalise_tag

# Updates need only the key; every other column is optional.
GOOGLE_UPDATES = replace(PROFILES[GOOGLE], required=("serial_number",))
ISO_START = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ].*)?$")
MONTH_PATTERNS = ("%b %Y", "%B %Y", "%m/%Y", "%Y/%m")
FLAG_MONTHS = 12


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_auto_update(text: str) -> date | None:
    """Google writes the date as 2029-06-30 (API, GAM), sometimes with a time, and the
    console as a month ("Jun 2029"); a month alone means its last day."""
    cleaned = text.strip()
    if not cleaned:
        return None
    iso = ISO_START.match(cleaned)
    try:
        if iso:
            year, month = int(iso.group(1)), int(iso.group(2))
            return date(year, month, int(iso.group(3))) if iso.group(3) else _month_end(year, month)
        try:
            return parse_date(cleaned)
        except BadValue:
            pass
        for pattern in MONTH_PATTERNS:
            try:
                # A calendar month, not a moment: no timezone applies.
                month = datetime.strptime(cleaned, pattern)  # noqa: DTZ007
            except ValueError:
                continue
            return _month_end(month.year, month.month)
    except ValueError:
        pass
    raise BadValue(
        _("“%(value)s” is not an auto-update date like 2029-06-30 or Jun 2029.") % {"value": text}
    )


def flag_horizon(today: date) -> date:
    """The day 12 months from today (28 February for a 29 February)."""
    year = today.year + FLAG_MONTHS // 12
    return date(year, today.month, min(today.day, calendar.monthrange(year, today.month)[1]))


def _assets_by_serial(serials: set[str]) -> dict[str, list[Asset]]:
    found: dict[str, list[Asset]] = {}
    for chunk in in_chunks(serials):
        assets = Asset.objects.filter(serial_number__in=chunk).select_related(
            "campus", "room", "asset_model__manufacturer", "assigned_to"
        )
        for asset in assets.order_by("bar_tag"):
            found.setdefault(asset.serial_number, []).append(asset)
    return found


def check_google_updates(csv_file: CsvFile) -> UpdateCheck:
    located = GOOGLE_UPDATES.locate(csv_file.headers)
    headers = {name: csv_file.headers[index] for name, index in located.items()}
    rows = cells_of(csv_file, located)
    records = Records([cells for _line, cells in rows])
    serials = {normalise_tag(cells.get("serial_number", "")) for _line, cells in rows} - {""}
    by_serial = _assets_by_serial(serials)
    horizon = flag_horizon(timezone.localdate())
    check = UpdateCheck(profile=GOOGLE)
    first_line_of_serial: dict[str, int] = {}
    first_line_of_tag: dict[str, int] = {}
    for line, cells in rows:
        row = RowReader(line, cells, headers)
        model = _model(row, records)
        asset = _asset(row, by_serial, model, first_line_of_serial)
        ends = row.typed("auto_update", parse_auto_update)
        update = None
        if asset is not None:
            update = _compare(row, asset, model, records, by_serial, first_line_of_tag)
            if ends is not None and ends <= horizon:
                check.ending.append(
                    AutoUpdateEnding(
                        line=line,
                        bar_tag=asset.bar_tag,
                        serial_number=asset.serial_number,
                        model=str(asset.asset_model),
                        ends=ends,
                        ended=ends < timezone.localdate(),
                    )
                )
        if row.problems:
            check.problems.extend(row.problems)
        elif update is not None and (update.changes or update.move_to):
            check.updates.append(update)
        elif update is not None:
            check.unchanged += 1
    return check


def _model(row: RowReader, records: Records) -> AssetModel | None:
    name = row.text("model")
    if not name:
        return None
    model = records.google_models.get(name.lower())
    if model is None:
        row.problem(
            "model",
            _("Unknown model “%(value)s”: add it to the catalogue with this name first.")
            % {"value": name},
        )
    return model


def _asset(
    row: RowReader,
    by_serial: dict[str, list[Asset]],
    model: AssetModel | None,
    first_line_of_serial: dict[str, int],
) -> Asset | None:
    serial = normalise_tag(row.text("serial_number"))
    if not serial:
        row.problem("serial_number", _("The serial number is empty."))
        return None
    if serial in first_line_of_serial:
        row.problem(
            "serial_number",
            _("Serial number %(serial)s is also on line %(line)s of this file.")
            % {"serial": serial, "line": first_line_of_serial[serial]},
        )
        return None
    first_line_of_serial[serial] = row.line
    candidates = by_serial.get(serial, [])
    if model is not None and len(candidates) > 1:
        candidates = [a for a in candidates if a.manufacturer_id == model.manufacturer_id]
    if not candidates:
        row.problem(
            "serial_number",
            _("No asset has serial number %(serial)s: add new devices with the “new assets” mode.")
            % {"serial": serial},
        )
        return None
    if len(candidates) > 1:
        row.problem(
            "serial_number",
            _("Serial number %(serial)s is on %(tags)s: add the model column to tell them apart.")
            % {"serial": serial, "tags": ", ".join(asset.bar_tag for asset in candidates)},
        )
        return None
    return candidates[0]


def _place(row: RowReader, records: Records, asset: Asset) -> tuple[Campus, Room | None] | None:
    """The campus from a segment of the org unit path (its code or name), else from the
    location's first word, else the campus on record; the room from the location (after a
    leading campus code). None when the file says nothing about the place."""
    org_unit, location = row.text("org_unit"), row.text("location")
    if not org_unit and not location:
        return None
    campus = None
    for segment in org_unit.split("/"):
        segment = segment.strip()
        campus = records.campuses.get(segment.upper()) or records.campus_names.get(segment.lower())
        if campus is not None:
            break
    first, _space, rest = location.partition(" ")
    if campus is None and first and first.upper() in records.campuses:
        campus = records.campuses[first.upper()]
    room_text = (
        rest.strip() if campus is not None and first.upper() == campus.code.upper() else location
    )
    campus = campus or asset.campus
    if room_text:
        return campus, _room(row, records, campus, room_text, "location")
    return campus, asset.room if campus.pk == asset.campus_id else None


def _compare(
    row: RowReader,
    asset: Asset,
    model: AssetModel | None,
    records: Records,
    by_serial: dict[str, list[Asset]],
    first_line_of_tag: dict[str, int],
) -> AssetUpdate:
    update = AssetUpdate(line=row.line, asset=asset)
    changes = update.changes
    tag = normalise_tag(row.text("bar_tag"))
    if tag and tag != asset.bar_tag:
        if tag in records.tags_on_record:
            row.problem("bar_tag", _("Tag %(tag)s is already on another asset.") % {"tag": tag})
        elif tag in first_line_of_tag:
            row.problem(
                "bar_tag",
                _("Tag %(tag)s is also on line %(line)s of this file.")
                % {"tag": tag, "line": first_line_of_tag[tag]},
            )
        first_line_of_tag[tag] = row.line
        changes["bar_tag"] = tag
    if model is not None and model.pk != asset.asset_model_id:
        changes["asset_model"] = model
        taken = [
            other.bar_tag
            for other in by_serial.get(asset.serial_number, [])
            if other.pk != asset.pk and other.manufacturer_id == model.manufacturer_id
        ]
        if taken:
            row.problem(
                "model",
                _("Serial number %(serial)s is already on %(tag)s.")
                % {"serial": asset.serial_number, "tag": taken[0]},
            )
    user = row.text("user")
    if user:
        staff = records.people.get(user.lower())
        student = "" if staff else user
        if len(student) > STUDENT_ID_LIMIT:
            row.problem("user", _("Keep it to %(limit)s characters.") % {"limit": STUDENT_ID_LIMIT})
        if asset.assigned_to_id != (staff.pk if staff else None):
            changes["assigned_to"] = staff
        if asset.student_id != student:
            changes["student_id"] = student
    notes = row.typed("notes", lambda text: parse_text(text, limit=2000), "")
    if notes and notes != asset.notes:
        changes["notes"] = notes
    for name, after in changes.items():
        before = getattr(asset, name)
        label = str(Asset._meta.get_field(name).verbose_name)
        update.diff.append((label, shown(name, before), shown(name, after)))
    moved_to = _place(row, records, asset)
    campus, room = moved_to if moved_to else (asset.campus, asset.room)
    merged = AssetFields(
        bar_tag=changes.get("bar_tag", asset.bar_tag),
        asset_model=changes.get("asset_model", asset.asset_model),
        campus=campus,
        room=room,
        **{
            name: changes.get(name, getattr(asset, name))
            for name in ("serial_number", "assigned_to", "student_id", "notes")
        },
    )
    for problem in field_problems(merged):
        row.problem(problem.field or "bar_tag", problem.message)
    if (campus.pk, room.pk if room else None) != (asset.campus_id, asset.room_id):
        if not workflow.can_move(asset):
            row.problem(
                "location" if "location" in row.headers else "org_unit",
                _("A %(status)s asset cannot be moved.") % {"status": asset.get_status_display()},
            )
        update.move_to = (campus, room)
        update.diff.insert(0, (_("location"), asset.location, place(campus, room)))
    return update
