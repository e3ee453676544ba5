"""The asset's status machine: one table of allowed changes, one check, and the rules for
what each status needs on record.

Disposed is final (the record stays, for E-rate). A stolen or lost asset can be recovered
into storage or use, or written off as disposed.
"""

from django.utils.translation import gettext as _

from districtdesk.core.errors import DomainError
from districtdesk.inventory.models import Asset

Status = Asset.Status

_WORKING = {
    Status.IN_USE,
    Status.IN_STORAGE,
    Status.IN_REPAIR,
    Status.LOANER,
    Status.STOLEN,
    Status.LOST,
    Status.PENDING_PICKUP,
    Status.DISPOSED,
}

ALLOWED: dict[str, set[str]] = {
    Status.IN_USE: _WORKING - {Status.IN_USE},
    Status.IN_STORAGE: _WORKING - {Status.IN_STORAGE},
    Status.IN_REPAIR: _WORKING - {Status.IN_REPAIR},
    Status.LOANER: _WORKING - {Status.LOANER},
    Status.PENDING_PICKUP: {Status.IN_STORAGE, Status.IN_USE, Status.DISPOSED, Status.LOST},
    Status.STOLEN: {Status.IN_STORAGE, Status.IN_USE, Status.DISPOSED},
    Status.LOST: {Status.IN_STORAGE, Status.IN_USE, Status.DISPOSED},
    Status.DISPOSED: set(),
}

# Statuses an asset may be registered or imported with: the others need a report.
INITIAL = (Status.IN_USE, Status.IN_STORAGE, Status.IN_REPAIR, Status.LOANER)
# A stolen or lost asset needs the police or loss report's reference (seed 003 category 3).
NEEDS_REPORT = (Status.STOLEN, Status.LOST)
# These need a written reason: what was stolen or lost and how, what is broken, why disposed.
NEEDS_REASON = (Status.STOLEN, Status.LOST, Status.IN_REPAIR, Status.DISPOSED)


def can_change_status(asset: Asset, to: str) -> bool:
    return to in ALLOWED.get(asset.status, set())


def can_move(asset: Asset) -> bool:
    """A disposed, stolen or lost asset is not anywhere to be moved from."""
    return asset.status not in (Status.DISPOSED, Status.STOLEN, Status.LOST)


def check_status_change(asset: Asset, to: str, *, reason: str, report: str) -> None:
    if to not in Status.values:
        raise DomainError(
            _("Choose a status from the list."), code="unknown_status", field="status"
        )
    if not can_change_status(asset, to):
        raise DomainError(
            _("An asset that is %(before)s cannot become %(after)s.")
            % {"before": asset.get_status_display(), "after": Status(to).label},
            code="status_not_allowed",
            field="status",
        )
    if to in NEEDS_REPORT and not report.strip():
        raise DomainError(
            _("Give the police or loss report's reference."),
            code="report_required",
            field="report",
        )
    if to in NEEDS_REASON and not reason.strip():
        raise DomainError(
            _("Say why: what happened, what is broken, or why it is disposed of."),
            code="reason_required",
            field="reason",
        )
