"""What an audit's scanning left unexplained: an expected tag not found, a tag found in the
wrong place or on record as gone, or a tag nobody knows. Each is documented, submitted with
the others, and settled: by a move, an investigation request, or (for a missing item) the
search's result, found or written off as lost or stolen."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Room
from districtdesk.inventory.models.assets import Asset, AssetMove
from districtdesk.inventory.models.audits import Audit
from districtdesk.inventory.tags import BAR_TAG_MAX_LENGTH


class AuditDiscrepancy(models.Model):
    class Kind(models.TextChoices):
        MISSING = "missing", _("Missing: expected, not found")
        MISPLACED = "misplaced", _("Misplaced: found in another room or from another campus")
        FOUND = "found", _("Found: on record as lost, stolen or disposed")
        UNKNOWN = "unknown", _("Unknown tag")

    class Outcome(models.TextChoices):
        OPEN = "", _("Open")
        MOVED = "moved", _("Moved to where it was found")
        INVESTIGATION = "investigation", _("Investigation requested")
        LOCATED = "located", _("Found in the search")
        LOST = "lost", _("Written off as lost")
        STOLEN = "stolen", _("Written off as stolen")

    audit = models.ForeignKey(
        Audit, on_delete=models.PROTECT, related_name="discrepancies", verbose_name=_("audit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    tag = models.CharField(_("tag"), max_length=BAR_TAG_MAX_LENGTH + 20)
    asset = models.ForeignKey(
        Asset,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asset"),
    )
    expected_room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on record in"),
    )
    scanned_room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scanned in"),
    )
    notes = models.TextField(_("documentation"), blank=True)
    documented_at = models.DateTimeField(_("documented"), null=True, blank=True)
    documented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("documented by"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True, default=Outcome.OPEN
    )
    outcome_note = models.TextField(_("how it was settled"), blank=True)
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settled by"),
    )
    move = models.ForeignKey(
        AssetMove,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("move"),
    )
    request = models.ForeignKey(
        "service_requests.ServiceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("investigation request"),
    )

    class Meta:
        ordering = ["audit", "kind", "tag", "id"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "tag"], name="audit_discrepancy_tag_once"),
            models.CheckConstraint(
                condition=Q(kind="unknown", asset__isnull=True)
                | (~Q(kind="unknown") & Q(asset__isnull=False)),
                name="audit_discrepancy_asset_unless_unknown",
            ),
        ]
        indexes = [models.Index(fields=["audit", "outcome"], name="audit_discrepancy_outcome")]
        verbose_name = _("audit discrepancy")
        verbose_name_plural = _("audit discrepancies")

    def __str__(self) -> str:
        return f"{self.tag}: {self.kind}"

    @property
    def is_open(self) -> bool:
        return self.outcome == self.Outcome.OPEN


def discrepancy_file_path(attachment: "DiscrepancyAttachment", filename: str) -> str:
    # Stored under its content hash, never the uploader's name (no path tricks, no
    # collisions), in the same store as service requests' files: the same photo attached
    # to a discrepancy and to its investigation request is kept once.
    return f"attachments/{attachment.sha256[:2]}/{attachment.sha256}"


class DiscrepancyAttachment(models.Model):
    """A file documenting a discrepancy: a photo of the empty cart, the teacher's email, a
    police report. Kept with the audit's records, never deleted."""

    discrepancy = models.ForeignKey(
        AuditDiscrepancy,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("discrepancy"),
    )
    file = models.FileField(_("file"), upload_to=discrepancy_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"))

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("discrepancy attachment")
        verbose_name_plural = _("discrepancy attachments")

    def __str__(self) -> str:
        return self.original_name
