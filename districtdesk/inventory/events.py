"""What each inventory event says on an asset's timeline, in the reader's language.

Parameters hold codes and plain values; a student ID is never written into an event (the
log is read by roles that may not see it), only that the student assignment changed.
"""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "asset.registered": _("Registered tag %(bar_tag)s at %(campus)s %(room)s"),
    "asset.imported": _("Imported tag %(bar_tag)s from %(source)s at %(campus)s %(room)s"),
    "asset.edited": _("Edited %(fields)s"),
    "asset.updated_by_import": _("Updated %(fields)s from %(source)s"),
    "asset.moved": _("Moved from %(from_location)s to %(to_location)s: %(reason)s"),
    "asset.status_changed": _("Status changed from %(before)s to %(after)s: %(reason)s"),
    "audit.started": _("Started the audit of %(campus)s: %(expected)s tags expected"),
    "audit.scanning_ended": _(
        "Ended scanning: %(discrepancies)s discrepancies, %(missing)s of them missing"
    ),
    "audit.discrepancy_documented": _("Documented the discrepancy of tag %(tag)s"),
    "audit.discrepancy_file_added": _("Attached %(file)s to the discrepancy of tag %(tag)s"),
    "audit.discrepancy_settled": _("Settled the discrepancy of tag %(tag)s: %(outcome)s"),
    "audit.discrepancies_submitted": _("Submitted %(count)s documented discrepancies"),
    "audit.reconciled": _("Ended reconciliation with the follow-up report"),
    "audit.acknowledged": _("Acknowledged the audit as the campus principal"),
    "audit.completed": _("Completed the audit"),
    "inventory_work.requested": _("Asked for inventory work on %(tags)s (%(number)s)"),
    "inventory_work.picked_up": _("Recorded the pick-up by %(by)s"),
    "inventory_work.dropped_off": _("Recorded the drop-off at %(place)s by %(by)s"),
    "inventory_work.done": _("Done: %(outcome)s"),
    "inventory_work.cancelled": _("Cancelled: %(reason)s"),
}
