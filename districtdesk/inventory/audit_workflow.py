"""The campus audit's state machine: which step may start from which phase, in one table,
and the chart priority (category 7) each phase is worked under.

scanning (7.2) → discrepancy (7.3) → reconciliation (7.4) → completion (7.9) → completed.
The principal's acknowledgement is a step inside completion; the audit completes after it.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.core.errors import DomainError
from districtdesk.inventory.models import Audit

Phase = Audit.Phase

# step -> (phases it may start from, phase it leaves the audit in)
STEPS: dict[str, tuple[frozenset[str], str]] = {
    "scan": (frozenset({Phase.SCANNING}), Phase.SCANNING),
    "end_scanning": (frozenset({Phase.SCANNING}), Phase.DISCREPANCY),
    "document": (frozenset({Phase.DISCREPANCY, Phase.RECONCILIATION}), Phase.DISCREPANCY),
    "submit_discrepancies": (frozenset({Phase.DISCREPANCY}), Phase.RECONCILIATION),
    # A discrepancy becomes a move or an investigation once it is documented.
    "settle": (frozenset({Phase.DISCREPANCY, Phase.RECONCILIATION}), Phase.DISCREPANCY),
    # The search for missing items: found, or written off as lost or stolen.
    "search": (frozenset({Phase.RECONCILIATION}), Phase.RECONCILIATION),
    "end_reconciliation": (frozenset({Phase.RECONCILIATION}), Phase.COMPLETION),
    "acknowledge": (frozenset({Phase.COMPLETION}), Phase.COMPLETION),
    "complete": (frozenset({Phase.COMPLETION}), Phase.COMPLETED),
}
# Steps that stay in whatever phase they start from.
IN_PLACE = frozenset({"scan", "document", "settle", "search", "acknowledge"})

# Seed 003, category 7: the chart priority each phase's service request carries.
PHASE_PRIORITY = {
    Phase.SCANNING: 2,  # Audit Process, 20 days
    Phase.DISCREPANCY: 3,  # Submitted Discrepancy, 4 days
    Phase.RECONCILIATION: 4,  # Reconciliation, 10 days
    Phase.COMPLETION: 9,  # Completion, 3 days
}
CATEGORY = 7

DONE = {
    "scan": gettext_lazy("scanned"),
    "end_scanning": gettext_lazy("moved past scanning"),
    "document": gettext_lazy("documented"),
    "submit_discrepancies": gettext_lazy("submitted"),
    "settle": gettext_lazy("settled"),
    "search": gettext_lazy("searched"),
    "end_reconciliation": gettext_lazy("reconciled"),
    "acknowledge": gettext_lazy("acknowledged"),
    "complete": gettext_lazy("completed"),
}


def can(audit: Audit, step: str) -> bool:
    return audit.phase in STEPS[step][0]


def check(audit: Audit, step: str) -> str:
    """The phase the step leaves the audit in; DomainError if it may not start here."""
    allowed, after = STEPS[step]
    if audit.phase not in allowed:
        raise DomainError(
            _("An audit in its “%(phase)s” phase cannot be %(done)s.")
            % {"phase": audit.get_phase_display(), "done": DONE[step]},
            code=f"cannot_{step}",
        )
    return audit.phase if step in IN_PLACE else after
