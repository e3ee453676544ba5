"""The categorisation chart (seed 003, SOP TS-PE-004): categories of service request, and
the priorities inside each one with their SLA.

The district's chart ships as data (`chart_data.py`, installed by a migration); afterwards
every row is an ordinary record a district administrator edits in the admin. Nothing in
the code depends on a particular category or priority number.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from districtdesk.core.models import BusinessCalendar

MAX_PRIORITY_NUMBER = 9


class SlaKind(models.TextChoices):
    """How a priority's SLA is measured. The seed's "X days" are business days."""

    HOURS = "hours", _("Hours")
    BUSINESS_DAYS = "business_days", _("Business days")
    NONE = "none", _("No defined SLA")
    AS_NEEDED = "as_needed", _("As needed")


# The kinds that carry an amount and so give a request a due time.
TIMED_SLA_KINDS = (SlaKind.HOURS, SlaKind.BUSINESS_DAYS)
UNTIMED_SLA_KINDS = (SlaKind.NONE, SlaKind.AS_NEEDED)


class WaitingState(models.TextChoices):
    """A priority that means "the request is waiting on someone outside the team": moving a
    request into it stops the request's SLA clock, moving it out starts the clock again."""

    NONE = "", _("Not a waiting state")
    VENDOR = "vendor", _("Vendor Dependent")
    DISTRICT = "district", _("District Dependencies")


class Category(models.Model):
    """One category of the chart, e.g. "1 Break Fix" or "7 Inventory"."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1)]
    )
    name = models.CharField(
        _("name"), max_length=60, unique=True, help_text=_("Short name, e.g. “Break Fix”.")
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("The chart's full heading for this category."),
    )
    scope = models.TextField(
        _("scope"),
        blank=True,
        help_text=_(
            "What requests, actions and items this category covers, and its process; "
            "shared by all of its priorities."
        ),
    )
    needs_planned_completion = models.BooleanField(
        _("scheduled work"),
        default=False,
        help_text=_(
            "Project work with a planned completion date instead of an SLA: its assignee "
            "adds a status note at least weekly, and it is worked after overdue requests "
            "unless a supervisor approves otherwise (seed 003, category 5)."
        ),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive categories cannot be chosen for new requests."),
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="category_number_positive",
                violation_error_message=_("A category number starts at 1."),
            )
        ]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Priority(models.Model):
    """One priority inside a category, e.g. "1.3 Instructional (3 days)", with its SLA."""

    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="priorities",
        verbose_name=_("category"),
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        validators=[MaxValueValidator(MAX_PRIORITY_NUMBER)],
        help_text=_("0 to 9, unique within the category."),
    )
    name = models.CharField(_("name"), max_length=60)
    sla_kind = models.CharField(_("SLA"), max_length=16, choices=SlaKind.choices)
    sla_amount = models.PositiveSmallIntegerField(
        _("SLA amount"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many hours or business days. Leave empty for “No defined SLA” and “As needed”."
        ),
    )
    calendar = models.ForeignKey(
        BusinessCalendar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="priorities",
        verbose_name=_("business calendar"),
        help_text=_(
            "The calendar this priority's SLA runs on. Leave empty to use the district "
            "default calendar."
        ),
    )
    waiting_state = models.CharField(
        _("waiting state"),
        max_length=10,
        choices=WaitingState.choices,
        blank=True,
        default=WaitingState.NONE,
        help_text=_(
            "Moving a request into a waiting priority stops its SLA clock until it moves out."
        ),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("When to choose this priority.")
    )
    examples = models.TextField(_("examples"), blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive priorities cannot be chosen for new requests."),
    )

    class Meta:
        ordering = ["category__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "number"],
                name="priority_number_unique_per_category",
                violation_error_message=_("This category already has a priority with this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__lte=MAX_PRIORITY_NUMBER),
                name="priority_number_single_digit",
                violation_error_message=_("A priority number is a single digit, 0 to 9."),
            ),
            # Spelled out with isnull=False: a CHECK whose result is NULL passes in SQL.
            models.CheckConstraint(
                condition=(
                    Q(sla_kind__in=TIMED_SLA_KINDS, sla_amount__isnull=False, sla_amount__gte=1)
                    | Q(sla_kind__in=UNTIMED_SLA_KINDS, sla_amount__isnull=True)
                ),
                name="priority_sla_amount_matches_kind",
                violation_error_message=_(
                    "Hours and business days need an amount; the other SLA kinds take none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(waiting_state__in=WaitingState.values),
                name="priority_waiting_state_valid",
            ),
            # The clock stops while a request waits, so a waiting priority has no deadline.
            models.CheckConstraint(
                condition=Q(waiting_state="") | Q(sla_kind=SlaKind.NONE),
                name="priority_waiting_state_has_no_sla",
                violation_error_message=_("A waiting state has no defined SLA."),
            ),
        ]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.sla_label})"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.sla_kind in TIMED_SLA_KINDS and self.sla_amount is None:
            errors["sla_amount"] = ValidationError(
                _("Give the number of %(unit)s for this SLA."),
                code="sla_amount_required",
                params={"unit": self.get_sla_kind_display().lower()},
            )
        elif self.sla_kind in UNTIMED_SLA_KINDS and self.sla_amount is not None:
            errors["sla_amount"] = ValidationError(
                _("Leave the amount empty: “%(kind)s” has no time limit."),
                code="sla_amount_forbidden",
                params={"kind": self.get_sla_kind_display()},
            )
        if self.waiting_state and self.sla_kind and self.sla_kind != SlaKind.NONE:
            errors["waiting_state"] = ValidationError(
                _(
                    "A waiting state stops the SLA clock, so it cannot have a time limit of "
                    "its own. Choose “No defined SLA” or make it not a waiting state."
                ),
                code="waiting_state_with_sla",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def code(self) -> str:
        """The chart's short reference, e.g. "1.3" for Break Fix / Instructional."""
        category_number = self.category.number if self.category_id else "?"
        return f"{category_number}.{self.number}"

    @property
    def has_deadline(self) -> bool:
        """True when a request at this priority gets a due time."""
        return self.sla_kind in TIMED_SLA_KINDS and self.sla_amount is not None

    @property
    def sla_label(self) -> str:
        """The SLA as a person reads it: "4 hours", "1 day", "3 days", "No defined SLA"."""
        if self.sla_amount is not None:
            if self.sla_kind == SlaKind.HOURS:
                return ngettext("%(count)d hour", "%(count)d hours", self.sla_amount) % {
                    "count": self.sla_amount
                }
            if self.sla_kind == SlaKind.BUSINESS_DAYS:
                # The chart says "3 days" and means business days, as the calendar defines them.
                return ngettext("%(count)d day", "%(count)d days", self.sla_amount) % {
                    "count": self.sla_amount
                }
        return str(self.get_sla_kind_display())
