"""The dry run: every row of a file checked against the rules and the records, with each
problem named by line and column. Nothing is written here; services.importing writes a
file's assets only when this finds no problem at all.

Everything a row refers to (campuses, rooms, models, staff, tags and serials on record) is
read in a few bulk queries, not one per row, so a 20,000-row file checks in seconds.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory.imports.profiles import GOOGLE, PROFILES
from districtdesk.inventory.imports.reading import CsvFile
from districtdesk.inventory.imports.values import (
    BadValue,
    parse_cost,
    parse_date,
    parse_flag,
    parse_funding,
    parse_status,
    parse_text,
)
from districtdesk.inventory.models import Asset, AssetModel
from districtdesk.inventory.services.rules import (
    AssetFields,
    field_problems,
    initial_status_problems,
)
from districtdesk.inventory.tags import normalise_tag

CHUNK = 500  # values per IN (...) query: under SQLite's variable limit
STUDENT_ID_LIMIT = Asset._meta.get_field("student_id").max_length


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    message: str


@dataclass
class ImportCheck:
    profile: str
    rows: list[tuple[int, AssetFields]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.problems

    @property
    def bad_lines(self) -> int:
        return len({problem.line for problem in self.problems})


def in_chunks(values: Iterable[str]) -> Iterable[list[str]]:
    values = sorted(set(values))
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


class Records:
    """What the file's rows refer to, read once."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.campuses = {campus.code.upper(): campus for campus in Campus.objects.all()}
        self.campus_names = {campus.name.lower(): campus for campus in self.campuses.values()}
        self.rooms = {
            (room.campus_id, room.number.upper()): room
            for room in Room.objects.filter(is_active=True)
        }
        self.models: dict[tuple[str, str], AssetModel] = {}
        self.google_models: dict[str, AssetModel] = {}
        for model in AssetModel.objects.filter(is_active=True).select_related("manufacturer"):
            maker = model.manufacturer.name.lower()
            self.models[(maker, model.model_number.lower())] = model
            for spelling in (model.model_number, model.name):
                if spelling:
                    self.google_models.setdefault(spelling.lower(), model)
                    self.google_models.setdefault(f"{maker} {spelling.lower()}", model)
        wanted_people = {
            value.strip().lower()
            for row in rows
            for value in (row.get("assigned_staff", ""), row.get("user", ""))
            if value.strip()
        }
        self.people: dict[str, Person] = {}
        for chunk in in_chunks(wanted_people):
            found = Person.objects.annotate(email_key=Lower("email"), name_key=Lower("username"))
            for person in found.filter(
                Q(email_key__in=chunk) | Q(name_key__in=chunk), is_active=True
            ):
                self.people[person.email.lower()] = person
                self.people[person.username.lower()] = person
        tags = {normalise_tag(row.get("bar_tag", "")) for row in rows}
        self.tags_on_record: set[str] = set()
        for chunk in in_chunks(tags):
            self.tags_on_record.update(
                Asset.objects.filter(bar_tag__in=chunk).values_list("bar_tag", flat=True)
            )
        serials = {normalise_tag(row.get("serial_number", "")) for row in rows} - {""}
        self.serials_on_record: set[tuple[int, str]] = set()
        for chunk in in_chunks(serials):
            self.serials_on_record.update(
                Asset.objects.filter(serial_number__in=chunk).values_list(
                    "manufacturer_id", "serial_number"
                )
            )


class RowReader:
    """One row's cells as typed values, collecting a problem per bad cell."""

    def __init__(self, line: int, cells: dict[str, str], headers: dict[str, str]) -> None:
        self.line, self.cells, self.headers = line, cells, headers
        self.problems: list[RowProblem] = []

    def problem(self, name: str, message: str) -> None:
        self.problems.append(RowProblem(self.line, self.headers.get(name, name), message))

    def text(self, name: str) -> str:
        return self.cells.get(name, "").strip()

    def typed(self, name: str, parse: Callable[[str], object], default: object = None):
        try:
            return parse(self.cells.get(name, ""))
        except BadValue as bad:
            self.problem(name, str(bad))
            return default


def cells_of(csv_file: CsvFile, located: dict[str, int]) -> list[tuple[int, dict[str, str]]]:
    rows = []
    for line, cells in csv_file.rows:
        rows.append(
            (line, {name: cells[i] if i < len(cells) else "" for name, i in located.items()})
        )
    return rows


def check_file(csv_file: CsvFile, profile_code: str) -> ImportCheck:
    profile = PROFILES[profile_code]
    located = profile.locate(csv_file.headers)
    headers = {name: csv_file.headers[index] for name, index in located.items()}
    rows = cells_of(csv_file, located)
    records = Records([cells for _line, cells in rows])
    read_row = _read_google_row if profile_code == GOOGLE else read_districtdesk_row
    check = ImportCheck(profile=profile_code)
    first_line_of_tag: dict[str, int] = {}
    first_line_of_serial: dict[tuple[int, str], int] = {}
    for line, cells in rows:
        row = RowReader(line, cells, headers)
        fields = read_row(row, records)
        if fields is not None:
            fields.normalise()
            _check_fields(row, fields, records, first_line_of_tag, first_line_of_serial)
        if row.problems:
            check.problems.extend(row.problems)
        elif fields is not None:
            check.rows.append((line, fields))
    return check


def _check_fields(
    row: RowReader,
    fields: AssetFields,
    records: Records,
    first_line_of_tag: dict[str, int],
    first_line_of_serial: dict[tuple[int, str], int],
) -> None:
    for problem in field_problems(fields) + initial_status_problems(fields.status):
        row.problem(problem.field or "bar_tag", problem.message)
    tag = fields.bar_tag
    if tag in records.tags_on_record:
        row.problem("bar_tag", _("Tag %(tag)s is already on another asset.") % {"tag": tag})
    elif tag in first_line_of_tag:
        row.problem(
            "bar_tag",
            _("Tag %(tag)s is also on line %(line)s of this file.")
            % {"tag": tag, "line": first_line_of_tag[tag]},
        )
    else:
        first_line_of_tag[tag] = row.line
    if fields.serial_number:
        serial = (fields.asset_model.manufacturer_id, fields.serial_number)
        if serial in records.serials_on_record:
            row.problem(
                "serial_number",
                _("Serial number %(serial)s is already on another %(maker)s asset.")
                % {"serial": fields.serial_number, "maker": fields.asset_model.manufacturer.name},
            )
        elif serial in first_line_of_serial:
            row.problem(
                "serial_number",
                _("Serial number %(serial)s is also on line %(line)s of this file.")
                % {"serial": fields.serial_number, "line": first_line_of_serial[serial]},
            )
        else:
            first_line_of_serial[serial] = row.line


def _room(row: RowReader, records: Records, campus: Campus, number: str, column: str):
    if not number:
        return None
    room = records.rooms.get((campus.pk, number.upper()))
    if room is None:
        row.problem(
            column,
            _("There is no room %(room)s at %(campus)s.") % {"room": number, "campus": campus.code},
        )
    return room


def read_districtdesk_row(row: RowReader, records: Records) -> AssetFields | None:
    campus = records.campuses.get(row.text("campus").upper())
    if campus is None:
        row.problem("campus", _("Unknown campus code “%(value)s”.") % {"value": row.text("campus")})
    model = records.models.get((row.text("manufacturer").lower(), row.text("model_number").lower()))
    if model is None:
        row.problem(
            "model_number",
            _("Unknown model “%(maker)s %(model)s”: add it to the catalogue first.")
            % {"maker": row.text("manufacturer"), "model": row.text("model_number")},
        )
    room = _room(row, records, campus, row.text("room"), "room") if campus else None
    staff = None
    if row.text("assigned_staff"):
        staff = records.people.get(row.text("assigned_staff").lower())
        if staff is None:
            row.problem("assigned_staff", _("No active staff member has that email or username."))
    values = {
        "serial_number": row.typed("serial_number", lambda t: parse_text(t, limit=60), ""),
        "status": row.typed("status", parse_status, Asset.Status.IN_USE),
        "student_id": row.typed("student_id", lambda t: parse_text(t, limit=STUDENT_ID_LIMIT), ""),
        "funding": row.typed("funding", parse_funding, ""),
        "budget_code": row.typed("budget_code", lambda t: parse_text(t, limit=40), ""),
        "purchase_order": row.typed("purchase_order", lambda t: parse_text(t, limit=40), ""),
        "cost": row.typed("cost", parse_cost),
        "purchase_date": row.typed("purchase_date", parse_date),
        "warranty_end": row.typed("warranty_end", parse_date),
        "is_donated": row.typed("donated", parse_flag, False),
        "is_personal_device": row.typed("personal_device", parse_flag, False),
        "notes": row.typed("notes", lambda t: parse_text(t, limit=2000), ""),
    }
    if campus is None or model is None:
        return None
    return AssetFields(
        bar_tag=row.text("bar_tag"),
        asset_model=model,
        campus=campus,
        room=room,
        assigned_to=staff,
        **values,
    )


GOOGLE_STATUSES = {"deprovisioned": Asset.Status.IN_STORAGE, "disabled": Asset.Status.IN_STORAGE}


def _google_campus(row: RowReader, records: Records) -> tuple[Campus | None, str]:
    """The campus named by a segment of the org unit path (its code or its name), else by
    the first word of the location; and the location with that word taken off."""
    location = row.text("location")
    for segment in row.text("org_unit").split("/"):
        segment = segment.strip()
        campus = records.campuses.get(segment.upper()) or records.campus_names.get(segment.lower())
        if campus is not None:
            first, _space, rest = location.partition(" ")
            return campus, rest.strip() if first.upper() == campus.code.upper() else location
    first, _space, rest = location.partition(" ")
    campus = records.campuses.get(first.upper())
    if campus is None:
        row.problem(
            "org_unit",
            _("Neither the org unit nor the location names a campus code or name."),
        )
    return campus, rest.strip()


def _read_google_row(row: RowReader, records: Records) -> AssetFields | None:
    campus, room_number = _google_campus(row, records)
    model = records.google_models.get(row.text("model").lower())
    if model is None:
        row.problem(
            "model",
            _("Unknown model “%(value)s”: add it to the catalogue with this name first.")
            % {"value": row.text("model")},
        )
    room = _room(row, records, campus, room_number, "location") if campus else None
    user = row.text("user")
    staff = records.people.get(user.lower()) if user else None
    # A user who is not one of our staff is a student: kept as the (masked) student ID.
    student = "" if staff or not user else user
    if len(student) > STUDENT_ID_LIMIT:
        row.problem("user", _("Keep it to %(limit)s characters.") % {"limit": STUDENT_ID_LIMIT})
    serial = row.text("serial_number")
    if not serial:
        row.problem("serial_number", _("The serial number is empty."))
    if campus is None or model is None:
        return None
    return AssetFields(
        bar_tag=row.text("bar_tag"),
        serial_number=serial,
        asset_model=model,
        campus=campus,
        room=room,
        assigned_to=staff,
        student_id=student,
        status=GOOGLE_STATUSES.get(row.text("status").lower(), Asset.Status.IN_USE),
        notes=row.typed("notes", lambda t: parse_text(t, limit=2000), ""),
    )
