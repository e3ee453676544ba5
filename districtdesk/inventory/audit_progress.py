"""Audit progress as a picture: one bar per campus (scanned of expected), with the
figures in words beside it and as a table, so the chart says nothing that only sight can
read (WCAG 1.1.1, 1.4.1). Widths are SVG attributes, not styles, so the strict CSP holds."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from districtdesk.inventory.models import Audit


@dataclass(frozen=True)
class Bar:
    audit: Audit
    scanned: int
    expected: int
    percent: int
    open_discrepancies: int
    due_at: datetime | None

    @property
    def overdue(self) -> bool:
        return self.due_at is not None and self.due_at < timezone.now()


def _percent(part: int, whole: int) -> int:
    return 100 if whole == 0 else min(100, round(100 * part / whole))


def progress_bars(audits: list[Audit], *, district_wide: bool) -> dict:
    """The chart's rows and its summary sentence, from audits annotated by
    `selectors.audit_overview`."""
    bars = [
        Bar(
            audit=audit,
            scanned=audit.scanned_count,
            expected=audit.expected_count,
            percent=_percent(audit.scanned_count, audit.expected_count),
            open_discrepancies=audit.open_discrepancy_count,
            due_at=audit.phase_due_at,
        )
        for audit in audits
    ]
    scanned = sum(bar.scanned for bar in bars)
    expected = sum(bar.expected for bar in bars)
    open_discrepancies = sum(bar.open_discrepancies for bar in bars)
    if not bars:
        summary = _("No audit is under way.")
    elif district_wide:
        summary = ngettext(
            "%(audits)s audit under way: %(scanned)s of %(expected)s expected tags scanned "
            "(%(percent)s%%), %(open)s discrepancies open.",
            "%(audits)s audits under way: %(scanned)s of %(expected)s expected tags scanned "
            "(%(percent)s%%), %(open)s discrepancies open.",
            len(bars),
        ) % {
            "audits": len(bars),
            "scanned": f"{scanned:,}",
            "expected": f"{expected:,}",
            "percent": _percent(scanned, expected),
            "open": f"{open_discrepancies:,}",
        }
    else:
        summary = _(
            "%(scanned)s of %(expected)s expected tags scanned (%(percent)s%%); "
            "%(open)s discrepancies open; phase: %(phase)s."
        ) % {
            "scanned": f"{scanned:,}",
            "expected": f"{expected:,}",
            "percent": _percent(scanned, expected),
            "open": f"{open_discrepancies:,}",
            "phase": bars[0].audit.get_phase_display(),
        }
    return {"bars": bars, "summary": summary, "district_wide": district_wide}
