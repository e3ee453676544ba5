"""Who is told about which events, how each person likes to be told, the outbox of
notifications, and the reminders already given."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Role


class Audience(models.TextChoices):
    REQUESTER = "requester", _("The requester")
    ASSIGNEE = "assignee", _("The assignee")
    TEAM_MEMBERS = "team_members", _("The team's members")
    TEAM_LEAD = "team_lead", _("The team's leads")
    REQUESTER_SUPERVISOR = "requester_supervisor", _("The requester's supervisor")
    ROLE = "role", _("Everyone holding a role")
    SUBMITTER = "submitter", _("The submitter")
    CAMPUS_ROLE = "campus_role", _("Everyone holding a role at the campuses the event names")
    APPROVER = "approver", _("The approver")


# Audiences that name a role in the rule's `role` field.
ROLE_AUDIENCES = (Audience.ROLE, Audience.CAMPUS_ROLE)


class Rule(models.Model):
    """One line of "who is told what": an event code and an audience. Shipped with a default
    set (migration 0002) that an administrator edits in the admin site."""

    event_code = models.CharField(_("event"), max_length=60, db_index=True)
    audience = models.CharField(_("audience"), max_length=30, choices=Audience.choices)
    role = models.CharField(
        _("role"),
        max_length=30,
        choices=Role.choices,
        blank=True,
        help_text=_("Only for the audiences that name a role."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["event_code", "audience", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_code", "audience", "role"], name="notification_rule_unique"
            ),
            models.CheckConstraint(
                condition=(Q(audience__in=ROLE_AUDIENCES) & ~Q(role=""))
                | (~Q(audience__in=ROLE_AUDIENCES) & Q(role="")),
                name="notification_rule_role_only_for_role_audiences",
            ),
        ]
        verbose_name = _("notification rule")
        verbose_name_plural = _("notification rules")

    def __str__(self) -> str:
        who = self.get_role_display() if self.role else self.get_audience_display()
        return f"{self.event_code} → {who}"


class Preference(models.Model):
    class Delivery(models.TextChoices):
        EMAIL = "email", _("Email me each notification (and show it here)")
        DIGEST = "digest", _("Email me one daily digest (and show each here)")
        IN_APP = "in_app", _("Only show notifications here, never by email")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("person"),
    )
    delivery = models.CharField(
        _("how to tell me"), max_length=10, choices=Delivery.choices, default=Delivery.EMAIL
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_delivery_display()}"


class Notification(models.Model):
    """One person told about one event by one channel: the outbox row, written in the
    transaction of the step that recorded the event."""

    class Channel(models.TextChoices):
        IN_APP = "in_app", _("In the application")
        EMAIL = "email", _("Email")
        DIGEST = "digest", _("Daily digest email")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed; will be retried")
        DEAD = "dead", _("Given up after repeated failures")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.ForeignKey(
        "activity.Event", on_delete=models.PROTECT, related_name="+", verbose_name=_("event")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("created"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When a worker may next try; a claim pushes it forward by a lease, so a worker that dies
    # mid-send leaves the row to be retried, never lost.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient", "channel"], name="one_notification_per_channel"
            )
        ]
        indexes = [
            # The delivery worker's only query: pending mail whose time has come.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "failed"]) & ~Q(channel="in_app"),
                name="notification_due",
            ),
            # The bell's count and the notifications page.
            models.Index(
                fields=["recipient", "-created_at"],
                condition=Q(channel="in_app"),
                name="notification_in_app",
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.recipient} ({self.get_status_display()})"


class Reminder(models.Model):
    """An occasion already reminded of: its unique key makes a reminder once per target and
    due time, however often or however many schedulers run the tick."""

    key = models.CharField(max_length=120, unique=True)
    event = models.ForeignKey("activity.Event", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("reminder given")
        verbose_name_plural = _("reminders given")

    def __str__(self) -> str:
        return self.key
