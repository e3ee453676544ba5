"""The official campus audit (seed 003, category 7): starting it marks every expected tag
Missing; each scan resolves a tag to Verified (right room), Found (on record as lost, stolen
or disposed), Misplaced (belongs to another room or campus), or records it as Unknown.

The audit then goes through its phases (`audit_workflow.py`): the discrepancies found by
scanning are documented and submitted, reconciled, and the campus principal acknowledges
the result before the audit is completed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Campus, Room
from districtdesk.inventory.models.assets import Asset
from districtdesk.inventory.tags import BAR_TAG_MAX_LENGTH


class Audit(models.Model):
    class Phase(models.TextChoices):
        SCANNING = "scanning", _("Scanning")
        DISCREPANCY = "discrepancy", _("Submitted discrepancy")
        RECONCILIATION = "reconciliation", _("Reconciliation")
        COMPLETION = "completion", _("Completion")
        COMPLETED = "completed", _("Completed")

    campus = models.ForeignKey(
        Campus, on_delete=models.PROTECT, related_name="audits", verbose_name=_("campus")
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.SCANNING
    )
    started_at = models.DateTimeField(_("started"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started by"),
    )
    expected_count = models.PositiveIntegerField(_("tags expected"))
    findings = models.TextField(
        _("follow-up report"),
        blank=True,
        help_text=_("What the search for missing items found, written when reconciliation ends."),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by the principal"),
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campus"],
                condition=~Q(phase="completed"),
                name="audit_one_open_per_campus",
            )
        ]
        verbose_name = _("audit")
        verbose_name_plural = _("audits")

    def __str__(self) -> str:
        return f"{self.campus.code} audit of {self.started_at:%Y-%m-%d}"


class AuditItem(models.Model):
    """One asset in one audit: expected at the campus (Missing until scanned), or scanned
    there without being expected (Found, Misplaced from another campus)."""

    class State(models.TextChoices):
        MISSING = "missing", _("Missing")
        VERIFIED = "verified", _("Verified")
        FOUND = "found", _("Found")
        MISPLACED = "misplaced", _("Misplaced")

    audit = models.ForeignKey(
        Audit, on_delete=models.PROTECT, related_name="items", verbose_name=_("audit")
    )
    asset = models.ForeignKey(
        Asset, on_delete=models.PROTECT, related_name="audit_items", verbose_name=_("asset")
    )
    expected = models.BooleanField(_("expected"), default=True)
    expected_room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("expected room"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.MISSING
    )
    scanned_room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scanned in"),
    )
    scanned_at = models.DateTimeField(_("scanned"), null=True, blank=True)

    class Meta:
        ordering = ["audit", "asset"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "asset"], name="audit_item_once_per_audit")
        ]
        indexes = [models.Index(fields=["audit", "state"], name="audit_item_state")]
        verbose_name = _("audit item")
        verbose_name_plural = _("audit items")

    def __str__(self) -> str:
        return f"{self.asset_id} in audit {self.audit_id}: {self.state}"


class AuditScan(models.Model):
    """Every scan as it happened, with the answer it got. A scanner that retries (a flaky
    connection) sends the same client id and gets the first answer back."""

    class Result(models.TextChoices):
        VERIFIED = "verified", _("Verified: it belongs in this room")
        FOUND = "found", _("Found: on record as lost, stolen or disposed")
        MISPLACED = "misplaced", _("Misplaced: it belongs to another room or campus")
        UNKNOWN = "unknown", _("Unknown tag")
        ALREADY_SCANNED = "already_scanned", _("Already scanned in this audit")

    TAG_MAX_LENGTH = BAR_TAG_MAX_LENGTH + 20
    # Set by the scanning service on a scan sent again under the same id; not stored.
    is_repeat = False

    audit = models.ForeignKey(
        Audit, on_delete=models.PROTECT, related_name="scans", verbose_name=_("audit")
    )
    client_id = models.CharField(_("scanner's id for the scan"), max_length=64, blank=True)
    tag = models.CharField(_("tag as scanned"), max_length=TAG_MAX_LENGTH)
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="+", verbose_name=_("room")
    )
    asset = models.ForeignKey(
        Asset,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asset"),
    )
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    scanned_at = models.DateTimeField(_("scanned"))
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("scanned by"),
    )

    class Meta:
        ordering = ["-scanned_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "client_id"],
                condition=~Q(client_id=""),
                name="audit_scan_client_id_once",
            )
        ]
        indexes = [models.Index(fields=["audit", "tag"], name="audit_scan_tag")]
        verbose_name = _("audit scan")
        verbose_name_plural = _("audit scans")

    def __str__(self) -> str:
        return f"{self.tag}: {self.result}"


class AuditPhase(models.Model):
    """One phase of one audit and the category-7 service request it is worked as (seed 003:
    7.2 scanning, 7.3 submitted discrepancy, 7.4 reconciliation, 7.9 completion), so the
    phase runs on the chart's SLA and shows in the inventory team's queue."""

    audit = models.ForeignKey(
        Audit, on_delete=models.PROTECT, related_name="phases", verbose_name=_("audit")
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Audit.Phase.choices)
    request = models.ForeignKey(
        "service_requests.ServiceRequest",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("service request"),
    )
    opened_at = models.DateTimeField(_("opened"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )

    class Meta:
        ordering = ["audit", "opened_at", "id"]
        constraints = [models.UniqueConstraint(fields=["audit", "phase"], name="audit_phase_once")]
        verbose_name = _("audit phase")
        verbose_name_plural = _("audit phases")

    def __str__(self) -> str:
        return f"{self.audit_id}: {self.phase}"
