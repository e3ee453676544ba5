"""Assets and their moves. Neither is ever deleted: E-rate (47 CFR 54.516) keeps asset and
location records for ten years, so disposal is a status with its reason, and every change of
place is an AssetMove row."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Campus, Room
from districtdesk.inventory.models.catalogue import AssetModel, Manufacturer
from districtdesk.inventory.tags import BAR_TAG_MAX_LENGTH, validate_bar_tag


def place(campus: Campus, room: Room | None) -> str:
    """A location as people write it: "NE-01 101", or the campus code alone."""
    return f"{campus.code} {room.number}" if room is not None else campus.code


class Asset(models.Model):
    class Status(models.TextChoices):
        IN_USE = "in_use", _("In use")
        IN_STORAGE = "in_storage", _("In storage")
        IN_REPAIR = "in_repair", _("In repair")
        LOANER = "loaner", _("Loaner")
        STOLEN = "stolen", _("Stolen")
        LOST = "lost", _("Lost")
        PENDING_PICKUP = "pending_pickup", _("Pending pickup")
        DISPOSED = "disposed", _("Disposed")

    class Funding(models.TextChoices):
        BOND = "bond", _("Bond")
        NON_BOND = "non_bond", _("Non-bond")

    bar_tag = models.CharField(
        _("bar tag"), max_length=BAR_TAG_MAX_LENGTH, unique=True, validators=[validate_bar_tag]
    )
    serial_number = models.CharField(
        _("serial number"),
        max_length=60,
        blank=True,
        help_text=_("Unique per manufacturer; empty for items without one (licences)."),
    )
    asset_model = models.ForeignKey(
        AssetModel, on_delete=models.PROTECT, related_name="assets", verbose_name=_("model")
    )
    # The model's manufacturer, copied so the database itself can keep serials unique per
    # manufacturer (a constraint cannot reach through a join).
    manufacturer = models.ForeignKey(
        Manufacturer, on_delete=models.PROTECT, related_name="+", verbose_name=_("manufacturer")
    )
    campus = models.ForeignKey(
        Campus, on_delete=models.PROTECT, related_name="assets", verbose_name=_("campus")
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assets",
        verbose_name=_("room"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_assets",
        verbose_name=_("assigned staff member"),
    )
    student_id = models.CharField(
        _("assigned student ID"),
        max_length=40,
        blank=True,
        help_text=_("Shown only to inventory staff and system administrators."),
    )
    funding = models.CharField(
        _("funding source"), max_length=10, choices=Funding.choices, blank=True
    )
    budget_code = models.CharField(_("budget code"), max_length=40, blank=True)
    purchase_order = models.CharField(_("purchase order"), max_length=40, blank=True)
    cost = models.DecimalField(_("cost"), max_digits=10, decimal_places=2, null=True, blank=True)
    purchase_date = models.DateField(_("purchase date"), null=True, blank=True)
    warranty_end = models.DateField(_("warranty ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_USE
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    status_report = models.CharField(
        _("report reference"),
        max_length=80,
        blank=True,
        help_text=_("The police, loss or damage report number behind a stolen or lost status."),
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    is_donated = models.BooleanField(_("donated"), default=False)
    is_personal_device = models.BooleanField(_("personal device"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    registered_at = models.DateTimeField(_("registered"))

    class Meta:
        ordering = ["bar_tag"]
        constraints = [
            models.UniqueConstraint(
                fields=["manufacturer", "serial_number"],
                condition=~Q(serial_number=""),
                name="asset_serial_unique_per_maker",
            ),
            models.CheckConstraint(
                condition=Q(assigned_to__isnull=True) | Q(student_id=""),
                name="asset_assigned_to_one_person",
            ),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="asset_cost_not_negative"
            ),
        ]
        indexes = [
            # The list's filters, each with the list's sort (bar tag) behind it.
            models.Index(fields=["campus", "bar_tag"], name="asset_campus_tag"),
            models.Index(fields=["campus", "status", "bar_tag"], name="asset_campus_status_tag"),
            models.Index(fields=["status", "bar_tag"], name="asset_status_tag"),
            models.Index(fields=["asset_model", "bar_tag"], name="asset_model_tag"),
            models.Index(fields=["room", "bar_tag"], name="asset_room_tag"),
            models.Index(fields=["serial_number"], name="asset_serial"),
            # Warranties ending in the next 90 days (the inventory dashboard).
            models.Index(fields=["warranty_end"], name="asset_warranty_end"),
        ]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")

    def __str__(self) -> str:
        return self.bar_tag

    def clean(self) -> None:
        errors = {}
        if self.room_id and self.campus_id and self.room.campus_id != self.campus_id:
            errors["room"] = _("That room is not at the asset's campus.")
        if self.assigned_to_id is not None and self.student_id:
            errors["student_id"] = _("Assign the asset to a staff member or a student, not both.")
        if self.purchase_date and self.warranty_end and self.warranty_end < self.purchase_date:
            errors["warranty_end"] = _("The warranty cannot end before the purchase date.")
        if errors:
            raise ValidationError(errors)

    @property
    def location(self) -> str:
        return place(self.campus, self.room)


class AssetMove(models.Model):
    """One change of place: a vendor's delivery to the first location, a move between rooms
    or campuses, or a correction of a wrongly recorded location."""

    class Kind(models.TextChoices):
        NEW_DELIVERY = "new_delivery", _("New delivery")
        EXISTING_MOVE = "existing_move", _("Existing equipment move")
        CORRECTION = "correction", _("Location correction")

    asset = models.ForeignKey(
        Asset, on_delete=models.PROTECT, related_name="moves", verbose_name=_("asset")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_campus = models.ForeignKey(
        Campus,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from campus"),
    )
    from_room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from room"),
    )
    to_campus = models.ForeignKey(
        Campus, on_delete=models.PROTECT, related_name="+", verbose_name=_("to campus")
    )
    to_room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to room"),
    )
    picked_up_at = models.DateTimeField(_("picked up"), null=True, blank=True)
    picked_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("picked up by"),
    )
    dropped_off_at = models.DateTimeField(_("dropped off"), null=True, blank=True)
    dropped_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dropped off by"),
    )
    reason = models.TextField(_("reason"))
    recorded_at = models.DateTimeField(_("recorded"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["asset", "-recorded_at"], name="move_asset_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(picked_up_at__isnull=True)
                | Q(dropped_off_at__isnull=True)
                | Q(dropped_off_at__gte=models.F("picked_up_at")),
                name="move_dropped_off_after_pickup",
            )
        ]
        verbose_name = _("asset move")
        verbose_name_plural = _("asset moves")

    def __str__(self) -> str:
        return f"{self.asset_id}: {self.get_kind_display()} at {self.recorded_at:%Y-%m-%d}"

    @property
    def from_location(self) -> str:
        if self.from_campus_id is None:
            return ""
        return place(self.from_campus, self.from_room)

    @property
    def to_location(self) -> str:
        return place(self.to_campus, self.to_room)
