"""People and places: campuses, rooms, departments, teams, people, roles,
enterprise systems, and the business calendars the SLA clock runs on."""

import re
import zoneinfo
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

CAMPUS_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,11}$")


def validate_campus_code(value: str) -> None:
    if not CAMPUS_CODE_PATTERN.match(value):
        raise ValidationError(
            _("Use 1–12 capital letters, digits or hyphens, e.g. 'HS-04' or '101'."),
            code="invalid_campus_code",
        )


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("'%(value)s' is not a known timezone."), params={"value": value})


class Campus(models.Model):
    class Kind(models.TextChoices):
        ELEMENTARY = "elementary", _("Elementary school")
        MIDDLE = "middle", _("Middle school")
        HIGH = "high", _("High school")
        ADMIN = "admin", _("Administrative building")
        OTHER = "other", _("Other facility")

    code = models.CharField(
        _("code"), max_length=12, unique=True, validators=[validate_campus_code]
    )
    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("campus")
        verbose_name_plural = _("campuses")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Room(models.Model):
    class Kind(models.TextChoices):
        CLASSROOM = "classroom", _("Classroom")
        LAB = "lab", _("Computer lab")
        LIBRARY = "library", _("Library")
        OFFICE = "office", _("Office")
        NETWORK_CLOSET = "network_closet", _("Network closet (MDF/IDF)")
        STORAGE = "storage", _("Storage")
        GYM = "gym", _("Gym or auditorium")
        CAFETERIA = "cafeteria", _("Cafeteria")
        OTHER = "other", _("Other")

    campus = models.ForeignKey(
        Campus, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("campus")
    )
    number = models.CharField(_("room number"), max_length=20)
    description = models.CharField(_("description"), max_length=120, blank=True)
    kind = models.CharField(_("room type"), max_length=20, choices=Kind.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["campus__name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["campus", "number"], name="room_number_unique_per_campus"
            )
        ]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return f"{self.campus.code} {self.number}"


class Department(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A Technology Services team that works requests."""

    class Kind(models.TextChoices):
        CAMPUS_TECHNICIANS = "campus_technicians", _("Campus technicians")
        SERVICE_CENTER = "service_center", _("Service center")
        NETWORK_SERVICES = "network_services", _("Network services")
        ACCOUNTS_SECURITY = "accounts_security", _("Accounts and security")
        INVENTORY = "inventory", _("Inventory")
        INSTRUCTIONAL_TECHNOLOGY = "instructional_technology", _("Instructional technology")
        CUSTOMER_CARE = "customer_care", _("Customer Care Center")
        APPLICATIONS = "applications", _("Enterprise applications")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    email = models.EmailField(_("team mailbox"), blank=True)
    campuses = models.ManyToManyField(
        Campus,
        blank=True,
        related_name="teams",
        verbose_name=_("campuses served"),
        help_text=_("Leave empty for a team that serves the whole district."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class PersonManager(UserManager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("home_campus", "department")


class Person(AbstractUser):
    """Anyone who signs in: staff who ask for help and the staff who give it."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        SPANISH = "es", _("Spanish")

    email = models.EmailField(_("email address"), unique=True)
    employee_id = models.CharField(_("employee ID"), max_length=20, blank=True)
    title = models.CharField(_("job title"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    home_campus = models.ForeignKey(
        Campus,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("home campus"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("department"),
    )
    supervisor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
        verbose_name=_("supervisor"),
    )
    teams = models.ManyToManyField(
        Team, through="TeamMembership", related_name="members", blank=True
    )

    objects = PersonManager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee_id"], condition=~Q(employee_id=""), name="employee_id_unique"
            )
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.supervisor_id is not None and self.supervisor_id == self.pk:
            raise ValidationError({"supervisor": _("A person cannot supervise themselves.")})

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """Every role this person holds, at any campus; one query per request, or none when
        the role assignments were prefetched (selectors.roles_of)."""
        return frozenset(assignment.role for assignment in self.role_assignments.all())

    @cached_property
    def team_ids(self) -> list[int]:
        """The Technology Services teams this person works in; one query per request."""
        return sorted(self.team_memberships.values_list("team_id", flat=True))

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or bool(self.role_codes.intersection(roles))


class Role(models.TextChoices):
    REQUESTER = "requester", _("Requester")
    SUPERVISOR = "supervisor", _("Supervisor / administrator")
    TECHNICIAN = "technician", _("Technician")
    TEAM_LEAD = "team_lead", _("Team lead")
    CCC_ANALYST = "ccc_analyst", _("Customer Care Center analyst")
    CHANGE_COORDINATOR = "change_coordinator", _("Change coordinator")
    CHANGE_COMMITTEE = "change_committee", _("Change Control committee member")
    BUSINESS_OFFICE = "business_office", _("Business office")
    INVENTORY = "inventory", _("Inventory")
    DIRECTOR = "director", _("Director / manager")
    PRINCIPAL = "principal", _("Principal")
    SUPERINTENDENT = "superintendent", _("Superintendent")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


class RoleAssignment(models.Model):
    """One role held by one person, district-wide or at one campus."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    campus = models.ForeignKey(
        Campus,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("campus"),
        help_text=_("Leave empty for a district-wide role."),
    )

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=Q(campus__isnull=True),
                name="role_unique_district_wide",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "campus"],
                condition=Q(campus__isnull=False),
                name="role_unique_per_campus",
            ),
        ]
        indexes = [models.Index(fields=["role", "campus"])]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self) -> str:
        where = self.campus.code if self.campus_id else _("district-wide")
        return f"{self.person} — {self.get_role_display()} ({where})"


class TeamMembership(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="team_memberships", verbose_name=_("person")
    )
    is_lead = models.BooleanField(_("team lead"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="team_membership_unique")
        ]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")

    def __str__(self) -> str:
        return f"{self.person} in {self.team}"


class EnterpriseSystem(models.Model):
    """A district-wide production system that requests and changes name (seed 000)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    vendor = models.CharField(_("vendor"), max_length=120, blank=True)
    owner_team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        related_name="owned_systems",
        verbose_name=_("owner team"),
    )
    is_critical = models.BooleanField(
        _("critical"), default=False, help_text=_("An outage stops instruction or payroll.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise system")
        verbose_name_plural = _("enterprise systems")

    def __str__(self) -> str:
        return self.name


class BusinessCalendar(models.Model):
    """Working hours and closures that an SLA clock runs on."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    timezone = models.CharField(
        _("timezone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_timezone]
    )
    around_the_clock = models.BooleanField(
        _("24 hours, 7 days"),
        default=False,
        help_text=_("The clock never stops: no working hours, no closures (emergencies)."),
    )
    is_default = models.BooleanField(
        _("district default"),
        default=False,
        help_text=_("Used wherever no other calendar is chosen."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_calendar"
            )
        ]
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")

    def __str__(self) -> str:
        return self.name


class WorkingPeriod(models.Model):
    """One stretch of working time on one weekday, in the calendar's timezone."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    calendar = models.ForeignKey(
        BusinessCalendar,
        on_delete=models.CASCADE,
        related_name="working_periods",
        verbose_name=_("calendar"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="working_period_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["calendar", "weekday", "starts_at"], name="working_period_unique_start"
            ),
        ]
        verbose_name = _("working period")
        verbose_name_plural = _("working periods")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The period must end after it starts.")})


class Closure(models.Model):
    """A dated day or span when the district does not work: holidays, breaks, snow days."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday")
        BREAK = "break", _("School break")
        STAFF_DEVELOPMENT = "staff_development", _("Staff development day")
        EMERGENCY = "emergency", _("Emergency closure (weather, power)")
        OTHER = "other", _("Other closure")

    calendar = models.ForeignKey(
        BusinessCalendar,
        on_delete=models.CASCADE,
        related_name="closures",
        verbose_name=_("calendar"),
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.HOLIDAY)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="closure_ends_on_or_after_start",
            )
        ]
        indexes = [models.Index(fields=["calendar", "first_day"])]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self) -> str:
        if self.first_day == self.last_day:
            return f"{self.name} ({self.first_day:%Y-%m-%d})"
        return f"{self.name} ({self.first_day:%Y-%m-%d} – {self.last_day:%Y-%m-%d})"

    def clean(self) -> None:
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day cannot be before the first day.")})

    @property
    def day_count(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day
