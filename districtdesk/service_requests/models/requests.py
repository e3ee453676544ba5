"""A service request, its SLA targets, its waits and its notes."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from districtdesk.service_requests.models.chart import Category, Priority

NUMBER_PREFIX = "SR-"


class ServiceRequest(models.Model):
    class Channel(models.TextChoices):
        PORTAL = "portal", _("Self-service portal")
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone (Customer Care Center)")
        API = "api", _("API")

    class Urgency(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    class Status(models.TextChoices):
        NEW = "new", _("Awaiting categorisation")
        OPEN = "open", _("Awaiting acknowledgement")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING = "waiting", _("Waiting")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    class WaitingOn(models.TextChoices):
        NOTHING = "", _("Nothing")
        VENDOR = "vendor", _("a vendor")
        DISTRICT = "district", _("the district or the requester")

    class QueueRank(models.IntegerChoices):
        WORKED_AHEAD = 0, _("Worked ahead of overdue requests (approved)")
        BY_DUE_TIME = 1, _("By due time")

    OPEN_STATUSES = (Status.NEW, Status.OPEN, Status.IN_PROGRESS, Status.WAITING)

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="service_requests",
        verbose_name=_("requester"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
        help_text=_("The analyst who took the call, for requests entered on someone's behalf."),
    )
    summary = models.CharField(_("summary"), max_length=200)
    description = models.TextField(_("problem description"))
    impact = models.TextField(
        _("impact"), help_text=_("How it affects daily operations or student learning.")
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    requirements = models.TextField(_("specific requirements"), blank=True)
    campus = models.ForeignKey(
        "core.Campus", on_delete=models.PROTECT, related_name="+", verbose_name=_("campus")
    )
    room = models.ForeignKey(
        "core.Room",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room"),
    )
    system = models.ForeignKey(
        "core.EnterpriseSystem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enterprise system"),
    )
    asset_tag = models.CharField(_("asset bar tag"), max_length=40, blank=True)

    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    priority = models.ForeignKey(
        Priority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("priority"),
    )
    team = models.ForeignKey(
        "core.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_requests",
        verbose_name=_("team"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_requests",
        verbose_name=_("assignee"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, editable=False
    )
    waiting_on = models.CharField(
        _("waiting on"), max_length=10, choices=WaitingOn.choices, blank=True, editable=False
    )
    resolution = models.TextField(_("resolution"), blank=True)

    submitted_at = models.DateTimeField(_("submitted"), editable=False)
    categorised_at = models.DateTimeField(_("categorised"), null=True, editable=False)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, editable=False)
    resolved_at = models.DateTimeField(_("resolved"), null=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, editable=False)
    # The deadline the request is worked against right now (categorise while new, then
    # resolve), copied from its target so a queue orders and filters on one indexed column.
    due_at = models.DateTimeField(_("due"), null=True, editable=False)
    # Scheduled maintenance (chart category 5, seed 003): a project with a planned completion
    # date, a status note at least weekly, and worked after overdue requests unless a
    # supervisor approved working it ahead of them.
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    status_note_due_at = models.DateTimeField(
        _("next status note due"), null=True, blank=True, editable=False
    )
    worked_ahead_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("worked ahead of overdue requests, approved by"),
    )
    worked_ahead_reason = models.TextField(_("why it is worked ahead"), blank=True)
    # Queues order by (queue_rank, due_at) from one index: a supervisor's approved exception
    # comes first, every other request by its due time.
    queue_rank = models.PositiveSmallIntegerField(
        choices=QueueRank.choices, default=QueueRank.BY_DUE_TIME, editable=False
    )

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(
                fields=["team", "queue_rank", "due_at"],
                condition=Q(status__in=["new", "open", "in_progress", "waiting"]),
                name="sr_open_team_queue",
            ),
            models.Index(
                fields=["assignee", "queue_rank", "due_at"],
                condition=Q(status__in=["new", "open", "in_progress", "waiting"]),
                name="sr_open_assignee_queue",
            ),
            models.Index(
                fields=["status_note_due_at"],
                condition=Q(status_note_due_at__isnull=False)
                & Q(status__in=["open", "in_progress", "waiting"]),
                name="sr_status_note_due",
            ),
            models.Index(
                fields=["submitted_at"], condition=Q(status="new"), name="sr_uncategorised"
            ),
            models.Index(fields=["requester", "-submitted_at"], name="sr_requester"),
            models.Index(fields=["campus", "status"], name="sr_campus_status"),
            # Reports count closed requests from stored tallies and the rest live.
            models.Index(
                fields=["submitted_at"], condition=~Q(status="closed"), name="sr_not_closed"
            ),
        ]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")

    def __str__(self) -> str:
        return f"{self.number} {self.summary}"

    @property
    def number(self) -> str:
        return f"{NUMBER_PREFIX}{self.pk:06d}" if self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @cached_property
    def targets_by_kind(self) -> dict[str, "Target"]:
        return {target.kind: target for target in self.targets.all()}


class Target(models.Model):
    """One promise with its own clock: categorise, acknowledge, or resolve."""

    class State(models.TextChoices):
        """Where the promise stands at a moment; always shown in words, never colour alone."""

        RUNNING = "running", _("Running")
        OVERDUE = "overdue", _("Overdue")
        PAUSED = "paused", _("Paused — the clock is stopped")
        MET = "met", _("Met")
        BREACHED = "breached", _("Breached")
        NO_SLA = "no_sla", _("No SLA")

    class Kind(models.TextChoices):
        CATEGORISE = "categorise", _("Categorise")
        ACKNOWLEDGE = "acknowledge", _("Acknowledge")
        RESOLVE = "resolve", _("Resolve")

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="targets", verbose_name=_("request")
    )
    kind = models.CharField(_("target"), max_length=12, choices=Kind.choices)
    calendar = models.ForeignKey(
        "core.BusinessCalendar",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("calendar"),
    )
    started_at = models.DateTimeField(_("clock started"))
    sla_hours = models.PositiveIntegerField(_("business hours"), null=True, blank=True)
    sla_days = models.PositiveIntegerField(_("business days"), null=True, blank=True)
    due_at = models.DateTimeField(
        _("due"), null=True, blank=True, help_text=_("Empty while paused or without an SLA.")
    )
    completed_at = models.DateTimeField(_("met at"), null=True, blank=True)
    # How the due time was reached (sla.explain_due, serialised), and why it last changed.
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    recomputed_because = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["request", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["request", "kind"], name="one_target_per_kind"),
            models.CheckConstraint(
                condition=Q(sla_hours__isnull=True) | Q(sla_days__isnull=True),
                name="target_hours_or_days",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_at"], condition=Q(completed_at__isnull=True), name="target_running_due"
            ),
            # Breaches by due time (this week's, the trend's) without reading every target.
            models.Index(
                fields=["due_at"],
                condition=Q(completed_at__gt=F("due_at")),
                name="target_breached_due",
            ),
        ]
        verbose_name = _("SLA target")
        verbose_name_plural = _("SLA targets")

    def __str__(self) -> str:
        return f"{self.request.number} {self.get_kind_display()}"

    def state_at(self, now: datetime) -> "Target.State":
        if self.sla_hours is None and self.sla_days is None:
            return self.State.NO_SLA
        if self.completed_at is not None:
            late = self.due_at is not None and self.completed_at > self.due_at
            return self.State.BREACHED if late else self.State.MET
        if self.due_at is None:
            return self.State.PAUSED
        return self.State.OVERDUE if self.due_at < now else self.State.RUNNING


class WaitPeriod(models.Model):
    """A stretch when the request waited on a vendor or the district and its clock stopped."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="waits", verbose_name=_("request")
    )
    waiting_on = models.CharField(
        _("waiting on"), max_length=10, choices=ServiceRequest.WaitingOn.choices
    )
    reason = models.TextField(_("reason"))
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=Q(ended_at__isnull=True), name="one_open_wait"
            )
        ]
        verbose_name = _("wait")
        verbose_name_plural = _("waits")

    def __str__(self) -> str:
        return f"{self.request.number}: {self.get_waiting_on_display()}"


class Note(models.Model):
    class Visibility(models.TextChoices):
        WORK_NOTE = "work_note", _("Work note (staff only)")
        REPLY = "reply", _("Reply to the requester")

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="notes", verbose_name=_("request")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"{self.get_visibility_display()} on {self.request.number}"


class QueueReview(models.Model):
    """An analyst's review of the uncategorised queue, due every odd-numbered hour (seed 003,
    step 4): who looked, when, and how many requests were waiting."""

    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), db_index=True)
    waiting_count = models.PositiveIntegerField(_("requests waiting"))

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("uncategorised queue review")
        verbose_name_plural = _("uncategorised queue reviews")

    def __str__(self) -> str:
        return f"{self.reviewed_by} at {self.reviewed_at:%Y-%m-%d %H:%M}"
