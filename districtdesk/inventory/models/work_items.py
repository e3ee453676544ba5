"""Inventory work items (seed 003, category 7): a bar-tag request, a location correction, a
move of new or existing equipment, a pickup of obsolete devices (PUD), or a damage or loss
report. Each is worked as its own service request, so it runs on the chart's SLA and shows
in the inventory team's queue; the item records what the request is about (the assets, from
and to where) and the steps it went through (pick-up and drop-off, who and when).

The item's state machine is `STEPS` below, read by the services (which enforce it) and by
templates through the `can_<step>()` guards."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Campus, Room
from districtdesk.inventory.models.assets import Asset, AssetMove, place
from districtdesk.inventory.tags import BAR_TAG_MAX_LENGTH


class InventoryWorkItem(models.Model):
    class Kind(models.TextChoices):
        TAG_REQUEST = "tag_request", _("Bar tag request")
        LOCATION_CORRECTION = "location_correction", _("Location correction")
        NEW_MOVE = "new_move", _("Equipment move: new")
        EXISTING_MOVE = "existing_move", _("Equipment move: existing")
        OBSOLETE_PICKUP = "obsolete_pickup", _("Pickup of obsolete devices (PUD)")
        DAMAGE_LOSS = "damage_loss", _("Damage or loss report")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        PICKED_UP = "picked_up", _("Picked up")
        DELIVERED = "delivered", _("Delivered")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    request = models.OneToOneField(
        "service_requests.ServiceRequest",
        on_delete=models.PROTECT,
        related_name="inventory_work",
        verbose_name=_("service request"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.REQUESTED,
        editable=False,
    )
    assets = models.ManyToManyField(
        Asset,
        through="WorkItemAsset",
        related_name="work_items",
        verbose_name=_("assets"),
    )
    # Where the work is: the assets' campus when it was requested (a new move's destination).
    campus = models.ForeignKey(
        Campus, on_delete=models.PROTECT, related_name="+", verbose_name=_("campus")
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room"),
    )
    # Where the assets go: asked for when requested, and where they were dropped off after.
    to_campus = models.ForeignKey(
        Campus,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to campus"),
    )
    to_room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to room"),
    )
    reason = models.TextField(_("what is needed and why"))
    # A damage or loss report: the status it asks for, and the police or loss report.
    reported_status = models.CharField(
        _("reported as"),
        max_length=20,
        choices=Asset.Status.choices,
        blank=True,
    )
    report_reference = models.CharField(_("report reference"), max_length=80, blank=True)
    # A tag request: the tag put on the device when it was done.
    new_tag = models.CharField(_("new bar tag"), max_length=BAR_TAG_MAX_LENGTH, blank=True)
    requested_at = models.DateTimeField(_("requested"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
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
    # Delivered, done or cancelled: when, by whom, and what was said.
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-requested_at"], name="work_status_recent"),
            models.Index(fields=["campus", "status"], name="work_campus_status"),
            models.Index(fields=["to_campus", "status"], name="work_to_campus_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(picked_up_at__isnull=True)
                | Q(dropped_off_at__isnull=True)
                | Q(dropped_off_at__gte=models.F("picked_up_at")),
                name="work_dropped_off_after_pickup",
            )
        ]
        verbose_name = _("inventory work item")
        verbose_name_plural = _("inventory work items")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.request_id})"

    @property
    def is_move(self) -> bool:
        return self.kind in MOVES

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.PICKED_UP)

    @property
    def location(self) -> str:
        return place(self.campus, self.room)

    @property
    def to_location(self) -> str:
        return place(self.to_campus, self.to_room) if self.to_campus_id else ""

    def can(self, step: str) -> bool:
        kinds, starts, _after = STEPS[step]
        return self.kind in kinds and self.status in starts

    def can_pick_up(self) -> bool:
        return self.can("pick_up")

    def can_drop_off(self) -> bool:
        return self.can("drop_off")

    def can_complete(self) -> bool:
        return self.can("complete")

    def can_cancel(self) -> bool:
        return self.can("cancel")


Kind = InventoryWorkItem.Kind
Status = InventoryWorkItem.Status

# Kinds that carry equipment: picked up at one place, dropped off at another.
MOVES = frozenset({Kind.NEW_MOVE, Kind.EXISTING_MOVE, Kind.OBSOLETE_PICKUP})
# Kinds about one asset's record, done in one step.
ONE_STEP = frozenset(set(Kind) - MOVES)

# step -> (kinds it applies to, statuses it may start from, status it leaves)
STEPS: dict[str, tuple[frozenset[str], frozenset[str], str]] = {
    "pick_up": (MOVES, frozenset({Status.REQUESTED}), Status.PICKED_UP),
    "drop_off": (MOVES, frozenset({Status.PICKED_UP}), Status.DELIVERED),
    "complete": (ONE_STEP, frozenset({Status.REQUESTED}), Status.DONE),
    "cancel": (frozenset(Kind), frozenset({Status.REQUESTED, Status.PICKED_UP}), Status.CANCELLED),
}


class WorkItemAsset(models.Model):
    """One asset a work item concerns, and the move its drop-off or correction wrote."""

    work_item = models.ForeignKey(
        InventoryWorkItem,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("work item"),
    )
    asset = models.ForeignKey(
        Asset, on_delete=models.PROTECT, related_name="+", verbose_name=_("asset")
    )
    move = models.OneToOneField(
        AssetMove,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("move"),
    )

    class Meta:
        ordering = ["work_item", "asset__bar_tag"]
        constraints = [
            models.UniqueConstraint(fields=["work_item", "asset"], name="work_item_asset_once")
        ]
        verbose_name = _("work item asset")
        verbose_name_plural = _("work item assets")

    def __str__(self) -> str:
        return f"{self.work_item_id}: {self.asset_id}"
