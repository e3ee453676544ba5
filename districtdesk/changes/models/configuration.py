"""How a district runs change control: its approval model and meeting, its maintenance
windows and its blackout periods. Shipped by data migration, edited by the administrator."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import WorkingPeriod


class ChangeControlSettings(models.Model):
    """The district's one settings row (pk 1)."""

    class ApprovalModel(models.TextChoices):
        MEETING = "meeting", _("Weekly Change Control meeting (committee decides)")
        SINGLE_APPROVER = "single_approver", _("Single approver (the technology coordinator)")

    approval_model = models.CharField(
        _("approval model"),
        max_length=20,
        choices=ApprovalModel.choices,
        default=ApprovalModel.MEETING,
    )
    meeting_weekday = models.PositiveSmallIntegerField(
        _("meeting day"),
        choices=WorkingPeriod.Weekday.choices,
        default=WorkingPeriod.Weekday.MONDAY,
    )
    meeting_time = models.TimeField(_("meeting time"), default="13:00")
    meeting_room = models.CharField(
        _("meeting room"), max_length=120, default="Technology Services Conference Room 1"
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"),
        default=14,
        help_text=_(
            "A scheduled change submitted fewer days than this before its start is flagged "
            "and needs the coordinator's override. 0 turns the rule off."
        ),
    )
    committee_votes = models.BooleanField(
        _("the committee votes"),
        default=False,
        help_text=_(
            "Each member present votes on every change for decision (approve, deny, defer "
            "or abstain), and no decision is recorded before a quorum is present."
        ),
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum (members present)"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("How many members must be present before a decision is recorded."),
    )
    agenda_lead_hours = models.PositiveSmallIntegerField(
        _("agenda published (hours before the meeting)"),
        default=24,
        help_text=_(
            "The agenda is brought up to date and published this many hours before each "
            "planned meeting, and the committee is told."
        ),
    )
    meeting_grace_minutes = models.PositiveSmallIntegerField(
        _("a meeting may open early by (minutes)"),
        default=30,
        help_text=_("A meeting cannot be opened or closed earlier than this before its time."),
    )

    class Meta:
        verbose_name = _("change control settings")
        verbose_name_plural = _("change control settings")

    def __str__(self) -> str:
        return str(_("Change control settings"))

    def get_absolute_url(self) -> str:
        """Where its reminders point: the changes waiting for their review."""
        return f"{reverse('change_list')}?status=completed"


class MaintenanceWindow(models.Model):
    """A weekly stretch when changes that affect user connectivity may run."""

    weekday = models.PositiveSmallIntegerField(
        _("starts on"), choices=WorkingPeriod.Weekday.choices
    )
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    ends_next_day = models.BooleanField(
        _("ends the next day"),
        default=False,
        help_text=_("For an overnight window, e.g. 19:00 to 05:00; 00:00 to 00:00 is a whole day."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_next_day=True) | Q(ends_at__gt=models.F("starts_at")),
                name="maintenance_window_ends_after_start",
            )
        ]
        verbose_name = _("maintenance window")
        verbose_name_plural = _("maintenance windows")

    def __str__(self) -> str:
        suffix = " (+1)" if self.ends_next_day else ""
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}{suffix}"

    def clean(self) -> None:
        overnight = self.starts_at and self.ends_at and self.ends_at <= self.starts_at
        if overnight and not self.ends_next_day:
            raise ValidationError(
                {"ends_at": _("Tick “ends the next day” for a window that runs overnight.")}
            )


class BlackoutPeriod(models.Model):
    """Days when no change should run: state testing, payroll, grading, enrollment…"""

    class Kind(models.TextChoices):
        STATE_TESTING = "state_testing", _("State testing")
        PAYROLL = "payroll", _("Payroll")
        GRADING = "grading", _("Grading")
        ENROLLMENT = "enrollment", _("Enrollment")
        HOLIDAY = "holiday", _("Holiday")
        SPECIAL_EVENT = "special_event", _("Special event")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="blackout_ends_on_or_after_start",
            )
        ]
        indexes = [models.Index(fields=["last_day", "first_day"], name="blackout_days")]
        verbose_name = _("blackout period")
        verbose_name_plural = _("blackout periods")

    def __str__(self) -> str:
        return f"{self.name} ({self.first_day:%Y-%m-%d} – {self.last_day:%Y-%m-%d})"

    def clean(self) -> None:
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day cannot be before the first day.")})
