"""The files we read and how their columns map to an asset's fields.

Our own columns (docs/inventory.md) round-trip with the CSV export. Google Admin's
Chromebook export comes in two spellings: the Directory API / GAM field names
(serialNumber, annotatedAssetId …) and the Admin console's display labels (Serial Number,
Asset ID …); headers match ignoring case, spaces and underscores.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.core.errors import DomainError
from districtdesk.inventory.imports.reading import FIELD

DISTRICTDESK = "districtdesk"
GOOGLE = "google"


def header_key(header: str) -> str:
    return "".join(header.split()).replace("_", "").replace("-", "").lower()


@dataclass(frozen=True)
class Profile:
    code: str
    label: str
    # Our field -> the header spellings that fill it.
    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    # Our own format refuses a header it does not know (a typo would lose a column);
    # exports from other systems carry many columns we do not need.
    strict: bool
    # Columns our export adds for people to read; an import of an edited export skips them.
    ignored: tuple[str, ...] = ()

    def locate(self, headers: list[str]) -> dict[str, int]:
        """Our field -> its column's index in the file."""
        keys = [header_key(header) for header in headers]
        found: dict[str, int] = {}
        for field, spellings in self.columns.items():
            wanted = {header_key(spelling) for spelling in spellings}
            for index, key in enumerate(keys):
                if key in wanted:
                    found.setdefault(field, index)
        missing = [self.columns[field][0] for field in self.required if field not in found]
        if missing:
            raise DomainError(
                _("The file has no column %(columns)s.") % {"columns": ", ".join(missing)},
                code="missing_columns",
                field=FIELD,
            )
        if self.strict:
            spellings_known = [*self.columns.values(), self.ignored]
            known = {header_key(s) for spellings in spellings_known for s in spellings}
            unknown = [
                header for header, key in zip(headers, keys, strict=True) if key not in known
            ]
            if unknown:
                raise DomainError(
                    _("Unknown columns: %(columns)s. The columns are listed on this page.")
                    % {"columns": ", ".join(unknown)},
                    code="unknown_columns",
                    field=FIELD,
                )
        return found


DISTRICTDESK_COLUMNS = (
    "bar_tag",
    "serial_number",
    "manufacturer",
    "model_number",
    "campus",
    "room",
    "status",
    "assigned_staff",
    "student_id",
    "funding",
    "budget_code",
    "purchase_order",
    "cost",
    "purchase_date",
    "warranty_end",
    "donated",
    "personal_device",
    "notes",
)
EXPORT_ONLY_COLUMNS = ("asset_type", "status_reason", "status_report", "registered_at")

PROFILES = {
    DISTRICTDESK: Profile(
        code=DISTRICTDESK,
        label=gettext_lazy("DistrictDesk asset columns"),
        columns={column: (column,) for column in DISTRICTDESK_COLUMNS},
        required=("bar_tag", "manufacturer", "model_number", "campus"),
        strict=True,
        ignored=EXPORT_ONLY_COLUMNS,
    ),
    GOOGLE: Profile(
        code=GOOGLE,
        label=gettext_lazy("Google Admin Chromebook export"),
        columns={
            "bar_tag": ("annotatedAssetId", "Asset ID"),
            "serial_number": ("serialNumber", "Serial Number"),
            "model": ("model", "Model"),
            "org_unit": ("orgUnitPath", "Org Unit Path", "Org Unit"),
            "location": ("annotatedLocation", "Location"),
            "user": ("annotatedUser", "User"),
            "status": ("status", "Status"),
            "notes": ("notes", "Notes"),
            # Read by updates: a device whose auto-update end date is near is flagged.
            "auto_update": (
                "autoUpdateThrough",
                "Auto Update Expiration",
                "autoUpdateExpiration",
                "AUE Date",
            ),
        },
        required=("bar_tag", "serial_number", "model", "org_unit"),
        strict=False,
    ),
}
