"""The weekly Change Control meeting, its agenda and the decision on each item."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districtdesk.changes.models.changes import ChangeRequest


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("In session")
        CLOSED = "closed", _("Closed")

    scheduled_for = models.DateTimeField(_("scheduled for"), unique=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, editable=False
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("attendance")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, editable=False)
    # Set once, by the job that publishes the agenda ahead of the meeting.
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, editable=False)

    class Meta:
        ordering = ["-scheduled_for"]
        indexes = [
            models.Index(
                fields=["scheduled_for"],
                condition=Q(agenda_published_at__isnull=True, status="planned"),
                name="meeting_agenda_unpublished",
            )
        ]
        verbose_name = _("Change Control meeting")
        verbose_name_plural = _("Change Control meetings")

    def __str__(self) -> str:
        return f"{_('Change Control meeting')} {self.scheduled_for:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", args=[self.pk])


class AgendaItem(models.Model):
    class Purpose(models.TextChoices):
        DECIDE = "decide", _("For decision")
        REVIEW = "review", _("For review")
        INFORM = "inform", _("For the record")

    class Decision(models.TextChoices):
        NONE = "", _("Not yet decided")
        APPROVE = "approve", _("Approved")
        DENY = "deny", _("Denied")
        DEFER = "defer", _("Deferred")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="items", verbose_name=_("meeting")
    )
    change = models.ForeignKey(
        ChangeRequest,
        on_delete=models.PROTECT,
        related_name="agenda_items",
        verbose_name=_("change"),
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    position = models.PositiveIntegerField(_("position"))
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True, editable=False
    )
    denial_reason = models.CharField(
        _("denial reason"),
        max_length=20,
        choices=ChangeRequest.DenialReason.choices,
        blank=True,
        editable=False,
    )
    notes = models.TextField(_("notes"), blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("recorded by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, editable=False)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "change"], name="agenda_item_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=~Q(decision="deny") | ~Q(denial_reason=""),
                name="agenda_denial_has_reason",
            ),
        ]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.meeting} #{self.position}: {self.change.number}"


class Vote(models.Model):
    """One present member's vote on one agenda item for decision; a member who votes again
    changes their vote."""

    class Choice(models.TextChoices):
        APPROVE = "approve", _("Approve")
        DENY = "deny", _("Deny")
        DEFER = "defer", _("Defer")
        ABSTAIN = "abstain", _("Abstain")

    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="votes", verbose_name=_("agenda item")
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member"),
    )
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    cast_at = models.DateTimeField(_("cast"))

    class Meta:
        ordering = ["item", "cast_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "voter"], name="vote_once_per_item")]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.item}: {self.voter} {self.choice}"
