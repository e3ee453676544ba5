"""A change request and its change review."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NUMBER_PREFIX = "CHG-"


class ChangeRequest(models.Model):
    class Category(models.TextChoices):
        OS_FIRMWARE = "os_firmware", _("OS or firmware upgrade")
        EQUIPMENT = "equipment", _("Equipment replacement")
        CONFIGURATION = "configuration", _("Configuration change")
        DEVELOPMENT = "development", _("New development or enhancement")
        THIRD_PARTY_PATCH = "third_party_patch", _("Third-party patch or update")
        FACILITY = "facility", _("Facility (power, HVAC, water, alarms)")

    class Type(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled (standard)")
        EMERGENCY = "emergency", _("Emergency")
        INFORMATIONAL = "informational", _("Informational")

    class Risk(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ON_AGENDA = "on_agenda", _("On the agenda")
        APPROVED = "approved", _("Approved")
        DENIED = "denied", _("Denied")
        DEFERRED = "deferred", _("Deferred")
        SCHEDULED = "scheduled", _("Scheduled")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        REVIEWED = "reviewed", _("Reviewed")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        NONE = "", _("Not yet known")
        SUCCESSFUL = "successful", _("Successful")
        BACKED_OUT = "backed_out", _("Failed, backed out")
        POSTPONED = "postponed", _("Postponed due to failure")

    class DenialReason(models.TextChoices):
        NONE = "", _("—")
        INADEQUATE_PLANNING = "inadequate_planning", _("Inadequate planning")
        INADEQUATE_BACK_OUT = "inadequate_back_out", _("Inadequate back-out plan")
        TIMING = "timing", _("Timing would harm a key business process")
        RESOURCES = "resources", _("Adequate resources are not available")
        OTHER = "other", _("Other")

    # Statuses in which a change still holds its planned time on the calendar.
    ACTIVE_STATUSES = (
        Status.SUBMITTED,
        Status.ON_AGENDA,
        Status.APPROVED,
        Status.DEFERRED,
        Status.SCHEDULED,
        Status.IN_PROGRESS,
    )

    title = models.CharField(_("title"), max_length=200)
    change_type = models.CharField(
        _("type"), max_length=15, choices=Type.choices, default=Type.SCHEDULED
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    systems = models.ManyToManyField(
        "core.EnterpriseSystem",
        blank=True,
        related_name="changes",
        verbose_name=_("systems affected"),
    )
    campuses = models.ManyToManyField(
        "core.Campus", blank=True, related_name="changes", verbose_name=_("campuses affected")
    )
    description = models.TextField(_("description"))
    reason = models.TextField(_("reason for the change"))
    risk_level = models.CharField(
        _("risk level"), max_length=10, choices=Risk.choices, default=Risk.MEDIUM
    )
    risk_and_impact = models.TextField(_("risk and impact"))
    affected_users = models.TextField(
        _("who is affected and how they were informed"),
        help_text=_("Impacted people are informed before the change goes to the meeting."),
    )
    implementation_plan = models.TextField(_("implementation plan"))
    back_out_plan = models.TextField(_("back-out plan"))
    test_plan = models.TextField(_("test plan"))
    planned_start = models.DateTimeField(_("planned start"))
    planned_end = models.DateTimeField(_("planned end"))
    affects_connectivity = models.BooleanField(
        _("affects user connectivity"),
        default=False,
        help_text=_("Users lose access to a system or the network while it runs."),
    )
    service_request = models.ForeignKey(
        "service_requests.ServiceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("service request"),
        help_text=_("Required for scheduled and emergency changes."),
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="submitted_changes",
        verbose_name=_("submitter"),
    )

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, editable=False)
    # When an approved change may start: the close of the meeting that approved it, or the
    # single approver's decision.
    eligible_at = models.DateTimeField(_("eligible from"), null=True, editable=False)
    started_at = models.DateTimeField(_("started"), null=True, editable=False)
    completed_at = models.DateTimeField(_("completed"), null=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, editable=False)
    denial_reason = models.CharField(
        _("denial reason"),
        max_length=20,
        choices=DenialReason.choices,
        blank=True,
        editable=False,
    )
    decision_notes = models.TextField(_("decision notes"), blank=True, editable=False)
    lead_time_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("lead time overridden by"),
    )
    lead_time_override_reason = models.TextField(
        _("lead time override reason"), blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gt=models.F("planned_start")),
                name="change_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["status", "planned_start"], name="change_status_start"),
            models.Index(fields=["planned_start", "planned_end"], name="change_planned"),
            models.Index(fields=["submitter", "-created_at"], name="change_submitter"),
        ]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("change_detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"{NUMBER_PREFIX}{self.pk:06d}" if self.pk else ""

    @property
    def is_emergency(self) -> bool:
        return self.change_type == self.Type.EMERGENCY

    @property
    def lead_time_overridden(self) -> bool:
        return self.lead_time_override_by_id is not None

    @property
    def review_or_none(self) -> "ChangeReview | None":
        try:
            return self.review
        except ChangeReview.DoesNotExist:
            return None


class ChangeReview(models.Model):
    """What happened, for every change of any type and outcome (seed 001)."""

    change = models.OneToOneField(
        ChangeRequest, on_delete=models.PROTECT, related_name="review", verbose_name=_("change")
    )
    what_happened = models.TextField(_("what happened"))
    impact = models.TextField(_("impact on users"))
    lessons = models.TextField(_("lessons learned"), blank=True)
    follow_up_actions = models.TextField(_("follow-up actions"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"))

    class Meta:
        verbose_name = _("change review")
        verbose_name_plural = _("change reviews")

    def __str__(self) -> str:
        return f"{self.change.number} review"
