"""The rules one asset's fields must meet, shared by registration, edits and imports.

Each rule answers a list of DomainErrors rather than raising the first, so an import can
report every problem of a row at once; a single write raises the first.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from districtdesk.core.errors import DomainError
from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory import policies, workflow
from districtdesk.inventory.models import Asset, AssetModel
from districtdesk.inventory.tags import is_valid_tag, normalise_tag

# Fields edit_asset may change; location and status have their own steps (moves, status).
EDITABLE = (
    "bar_tag",
    "serial_number",
    "asset_model",
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


@dataclass
class AssetFields:
    """Everything that describes a new asset; the registration form, the API and each
    import row fill one."""

    bar_tag: str
    asset_model: AssetModel
    campus: Campus
    room: Room | None = None
    serial_number: str = ""
    status: str = Asset.Status.IN_USE
    assigned_to: Person | None = None
    student_id: str = ""
    funding: str = ""
    budget_code: str = ""
    purchase_order: str = ""
    cost: Decimal | None = None
    purchase_date: date | None = None
    warranty_end: date | None = None
    is_donated: bool = False
    is_personal_device: bool = False
    notes: str = ""

    def normalise(self) -> None:
        self.bar_tag = normalise_tag(self.bar_tag)
        self.serial_number = normalise_tag(self.serial_number)
        self.student_id = (self.student_id or "").strip()


def require_manager(actor: Person) -> None:
    if not policies.can_manage(actor):
        raise DomainError(
            _("Only inventory staff and system administrators change assets."),
            code="not_allowed",
        )


def field_problems(fields: AssetFields) -> list[DomainError]:
    """What is wrong with the fields themselves, before anything is looked up."""
    problems = []
    if not is_valid_tag(fields.bar_tag):
        problems.append(
            DomainError(
                _(
                    "“%(tag)s” is not a bar tag: use 4–20 capital letters and digits, with "
                    "at least one digit."
                )
                % {"tag": fields.bar_tag},
                code="invalid_bar_tag",
                field="bar_tag",
            )
        )
    if fields.room is not None and fields.room.campus_id != fields.campus.pk:
        problems.append(
            DomainError(
                _("Room %(room)s is not at %(campus)s.")
                % {"room": fields.room.number, "campus": fields.campus.name},
                code="room_not_at_campus",
                field="room",
            )
        )
    if fields.assigned_to is not None and fields.student_id:
        problems.append(
            DomainError(
                _("Assign the asset to a staff member or a student, not both."),
                code="assigned_twice",
                field="student_id",
            )
        )
    if fields.cost is not None and fields.cost < 0:
        problems.append(
            DomainError(_("A cost cannot be negative."), code="negative_cost", field="cost")
        )
    if fields.purchase_date and fields.warranty_end and fields.warranty_end < fields.purchase_date:
        problems.append(
            DomainError(
                _("The warranty cannot end before the purchase date."),
                code="warranty_before_purchase",
                field="warranty_end",
            )
        )
    if not fields.asset_model.is_active:
        problems.append(
            DomainError(
                _("That model is no longer used."), code="inactive_model", field="asset_model"
            )
        )
    return problems


def unique_problems(
    bar_tag: str, serial_number: str, model: AssetModel, *, except_pk: int | None = None
) -> list[DomainError]:
    """Tag and serial against the assets already on record."""
    others = Asset.objects.exclude(pk=except_pk) if except_pk else Asset.objects.all()
    problems = []
    if others.filter(bar_tag=bar_tag).exists():
        problems.append(tag_taken(bar_tag))
    if (
        serial_number
        and others.filter(
            manufacturer_id=model.manufacturer_id, serial_number=serial_number
        ).exists()
    ):
        problems.append(serial_taken(serial_number, model))
    return problems


def tag_taken(bar_tag: str) -> DomainError:
    return DomainError(
        _("Tag %(tag)s is already on another asset.") % {"tag": bar_tag},
        code="duplicate_bar_tag",
        field="bar_tag",
    )


def serial_taken(serial_number: str, model: AssetModel) -> DomainError:
    return DomainError(
        _("Serial number %(serial)s is already on another %(maker)s asset.")
        % {"serial": serial_number, "maker": model.manufacturer.name},
        code="duplicate_serial",
        field="serial_number",
    )


def initial_status_problems(status: str) -> list[DomainError]:
    if status in workflow.INITIAL:
        return []
    return [
        DomainError(
            _(
                "A new asset is in use, in storage, in repair or a loaner; record other "
                "statuses with their report after registering it."
            ),
            code="initial_status",
            field="status",
        )
    ]


def raise_first(problems: list[DomainError]) -> None:
    if problems:
        raise problems[0]


def save_unique(asset: Asset, **save_options) -> None:
    """Save, turning a tag or serial taken by a concurrent write into a field error
    rather than a database error (the checks above ran before the other write committed)."""
    try:
        with transaction.atomic():
            asset.save(**save_options)
    except IntegrityError as clash:
        if Asset.objects.exclude(pk=asset.pk).filter(bar_tag=asset.bar_tag).exists():
            raise tag_taken(asset.bar_tag) from clash
        raise serial_taken(asset.serial_number, asset.asset_model) from clash
