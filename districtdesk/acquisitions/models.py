"""Technology (equipment) requests, seed 002: a staff member's request for new equipment or
other technology, reviewed by the technology team against the district's standards,
approved by the requester's supervisor, quoted, funded by the Business Office, received into
inventory and deployed. Each request works through a category-3 service request (seed 003,
Acquisition), which carries its SLA clock, its routing and its queue place."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _

from districtdesk.inventory.models import Asset, AssetModel, AssetType
from districtdesk.service_requests.models import ServiceRequest

MONEY = {"max_digits": 12, "decimal_places": 2}


class StandardItem(models.Model):
    """One line of the district's technology standards: hardware or software the district
    buys and supports. Administrators keep the catalogue in the admin site; a request for
    something not on it is flagged, with the standard items of its type as alternatives."""

    class Kind(models.TextChoices):
        HARDWARE = "hardware", _("Hardware")
        SOFTWARE = "software", _("Software")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    asset_type = models.ForeignKey(
        AssetType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standard_items",
        verbose_name=_("asset type"),
        help_text=_("Alternatives to an off-standard request are the items of its type."),
    )
    asset_model = models.ForeignKey(
        AssetModel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standard_items",
        verbose_name=_("model"),
        help_text=_("The model received into inventory; empty for software and services."),
    )
    price_low = models.DecimalField(_("price from"), **MONEY, validators=[MinValueValidator(0)])
    price_high = models.DecimalField(_("price to"), **MONEY, validators=[MinValueValidator(0)])
    notes = models.TextField(_("notes"), blank=True)
    supported_until = models.DateField(_("supported until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_high__gte=F("price_low")), name="standard_item_price_range"
            )
        ]
        verbose_name = _("standard item")
        verbose_name_plural = _("technology standards")

    def __str__(self) -> str:
        return self.name


class TechnologyRequest(models.Model):
    class Kind(models.TextChoices):
        NEW_EQUIPMENT = "new_equipment", _("Request new equipment")
        STOLEN_REPLACEMENT = "stolen_replacement", _("Replace stolen equipment")
        OTHER = "other", _("Other request")

    class Status(models.TextChoices):
        IN_REVIEW = "in_review", _("Technology review")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting supervisor approval")
        QUOTING = "quoting", _("Approved: getting a quote")
        AWAITING_FUNDING = "awaiting_funding", _("Awaiting funding")
        ORDERED = "ordered", _("Ordered: awaiting delivery")
        RECEIVED = "received", _("Received: awaiting deployment")
        DEPLOYING = "deploying", _("Being deployed")
        DEPLOYED = "deployed", _("Deployed")
        DENIED = "denied", _("Denied")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class DenialReason(models.TextChoices):
        NOT_FEASIBLE = "not_feasible", _("Not feasible")
        OFF_STANDARD = "off_standard", _("Does not meet the district's technology standards")
        ALTERNATIVE_EXISTS = "alternative_exists", _("An existing resource meets the need")
        NOT_A_PRIORITY = "not_a_priority", _("Not a priority for the department or school")
        NO_FUNDS = "no_funds", _("No funds available")
        OTHER = "other", _("Other")

    class DeniedAt(models.TextChoices):
        REVIEW = "review", _("Technology review")
        APPROVAL = "approval", _("Supervisor approval")

    OPEN_STATUSES = (
        Status.IN_REVIEW,
        Status.AWAITING_APPROVAL,
        Status.QUOTING,
        Status.AWAITING_FUNDING,
        Status.ORDERED,
        Status.RECEIVED,
        Status.DEPLOYING,
    )

    service_request = models.OneToOneField(
        ServiceRequest,
        on_delete=models.PROTECT,
        related_name="technology_request",
        verbose_name=_("service request"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_REVIEW
    )
    status_changed_at = models.DateTimeField(_("in this step since"))
    # The service request's requester, kept here too so queues and notifications of the
    # technology request read it without a join.
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="technology_requests",
        verbose_name=_("requester"),
    )
    requested_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="technology_requested_for",
        verbose_name=_("for whom"),
        help_text=_("Leave empty when it is for the requester, or for a room."),
    )
    standard_item = models.ForeignKey(
        StandardItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("standard item"),
    )
    asset_type = models.ForeignKey(
        AssetType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="technology_requests",
        verbose_name=_("type of equipment"),
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    replaces = models.ForeignKey(
        Asset,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by_requests",
        verbose_name=_("replaces stolen asset"),
    )

    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_notes = models.TextField(_("technology review notes"), blank=True)
    # The supervisor it went to for approval, from the directory when it was forwarded.
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="technology_approvals",
        verbose_name=_("approver"),
    )
    forwarded_at = models.DateTimeField(_("forwarded for approval"), null=True, blank=True)
    # Two business days after forwarding (issue: approvals waiting too long are shown and
    # reminded of), computed when forwarded so the inbox and the reminder ask only "< now".
    approval_overdue_at = models.DateTimeField(
        _("approval waiting too long from"), null=True, blank=True, db_index=True
    )
    approval_reminded_at = models.DateTimeField(_("approver reminded"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    approval_feedback = models.TextField(_("supervisor's feedback"), blank=True)

    denied_at_step = models.CharField(
        _("denied at"), max_length=10, choices=DeniedAt.choices, blank=True
    )
    denial_reason = models.CharField(
        _("reason for denial"), max_length=20, choices=DenialReason.choices, blank=True
    )
    denial_explanation = models.TextField(_("explanation"), blank=True)
    alternatives = models.ManyToManyField(
        StandardItem,
        blank=True,
        related_name="offered_in",
        verbose_name=_("alternatives offered"),
    )
    alternatives_text = models.TextField(_("other alternatives offered"), blank=True)

    funding = models.CharField(
        _("funding source"), max_length=10, choices=Asset.Funding.choices, blank=True
    )
    budget_code = models.CharField(_("budget code"), max_length=40, blank=True)
    purchase_order = models.CharField(_("purchase order"), max_length=40, blank=True)
    funded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("funded by"),
    )
    funded_at = models.DateTimeField(_("funded"), null=True, blank=True)
    chosen_quote = models.ForeignKey(
        "Quote",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quote ordered"),
    )
    deployer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="technology_deployments",
        verbose_name=_("deploying technician"),
    )
    deployed_at = models.DateTimeField(_("deployed"), null=True, blank=True)
    deployment_notes = models.TextField(_("deployment notes"), blank=True)

    class Meta:
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            models.Index(fields=["approver", "status"]),
            models.Index(fields=["requester", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="denied") | ~Q(denial_reason=""),
                name="technology_request_denial_has_reason",
            ),
        ]
        verbose_name = _("technology request")
        verbose_name_plural = _("technology requests")

    def __str__(self) -> str:
        return f"{self.number} {self.service_request.summary}"

    @property
    def number(self) -> str:
        return self.service_request.number

    # What the outbox reads to find a subject's team and assignee (notifications).
    @property
    def team_id(self) -> int | None:
        return self.service_request.team_id

    @property
    def assignee_id(self) -> int | None:
        return self.deployer_id or self.service_request.assignee_id

    @property
    def is_off_standard(self) -> bool:
        return self.kind != self.Kind.OTHER and self.standard_item_id is None

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ApprovalDelegation(models.Model):
    """A supervisor who is away names someone to approve in their place for a time."""

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="approval_delegations",
        verbose_name=_("supervisor"),
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="approval_delegations_received",
        verbose_name=_("delegate"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    created_at = models.DateTimeField(_("created"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="delegation_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(supervisor=F("delegate")), name="delegation_not_to_self"
            ),
        ]
        verbose_name = _("approval delegation")
        verbose_name_plural = _("approval delegations")

    def __str__(self) -> str:
        return f"{self.supervisor} → {self.delegate} ({self.starts_on} – {self.ends_on})"


class Quote(models.Model):
    technology_request = models.ForeignKey(
        TechnologyRequest,
        on_delete=models.PROTECT,
        related_name="quotes",
        verbose_name=_("technology request"),
    )
    vendor = models.CharField(_("vendor"), max_length=120)
    reference = models.CharField(_("quote number"), max_length=60, blank=True)
    valid_until = models.DateField(_("valid until"))
    notes = models.TextField(_("notes"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        return f"{self.vendor} {self.reference}".strip()

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines.all()), Decimal("0"))


class QuoteLine(models.Model):
    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="lines", verbose_name=_("quote")
    )
    description = models.CharField(_("description"), max_length=200)
    asset_model = models.ForeignKey(
        AssetModel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("model"),
        help_text=_("The model each item is inventoried as; empty for software and services."),
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    unit_price = models.DecimalField(
        _("unit price"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=1), name="line_quantity")]
        verbose_name = _("quote line")
        verbose_name_plural = _("quote lines")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def is_inventoried(self) -> bool:
        return self.asset_model_id is not None


class ReceivedItem(models.Model):
    """One item of an order line received: an inventoried item becomes an asset with its bar
    tag at the requester's room; a licence or service is received without one."""

    line = models.ForeignKey(
        QuoteLine, on_delete=models.PROTECT, related_name="received", verbose_name=_("line")
    )
    asset = models.OneToOneField(
        Asset,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_as",
        verbose_name=_("asset"),
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(_("received"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("received item")
        verbose_name_plural = _("received items")

    def __str__(self) -> str:
        return f"{self.line.description}: {self.asset or '—'}"


def quote_totals(quotes: models.QuerySet[Quote]) -> models.QuerySet[Quote]:
    """Quotes with their total computed by the database."""
    return quotes.annotate(amount=Sum(F("lines__quantity") * F("lines__unit_price")))
