"""Stored tallies of closed requests, so reports read a few hundred thousand counted rows
instead of a district's millions of targets on every visit.

A closed request never changes again (closing is the workflow's last step and the admin is
read-only), so what it contributes is counted once, in the same transaction that closes it,
and reports add the requests not yet closed live. Rows are keyed by what reports filter and
group on; a key may appear in more than one row (two closes counted at once), which sums
the same.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from districtdesk.service_requests.models.chart import Category, Priority
from districtdesk.service_requests.models.requests import ServiceRequest, Target


class TargetCounts(models.Model):
    """Met and breached targets with an SLA of closed requests, by target, category and
    team; each tally below adds its own keys."""

    kind = models.CharField(_("target"), max_length=12, choices=Target.Kind.choices)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, related_name="+")
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, null=True, related_name="+")
    met = models.PositiveIntegerField(_("met"), default=0)
    breached = models.PositiveIntegerField(_("breached"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.kind}: {self.met} met, {self.breached} breached"


class TargetTally(TargetCounts):
    """Per day of submission (the district's calendar) and priority; breached ones also
    per day their due time fell, the day the breach trend dates them by."""

    submitted_on = models.DateField(_("submitted on"))
    due_on = models.DateField(_("due on, if breached"), null=True)
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["submitted_on"], name="target_tally_day")]


class TargetMonthTally(TargetCounts):
    """Per month of submission and priority: a few thousand rows for three school years,
    read whenever the dates asked for span whole months (or there are none)."""

    submitted_month = models.DateField(_("month submitted (its first day)"))
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["submitted_month"], name="target_tally_month")]


class CampusTargetTally(TargetCounts):
    """Per month of submission and campus: a campus breakdown per day would hold nearly a
    row per target."""

    submitted_month = models.DateField(_("month submitted (its first day)"))
    campus = models.ForeignKey("core.Campus", on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["submitted_month"], name="campus_tally_month")]


class TimeTally(models.Model):
    """Closed requests and where their time went, per day of submission, category and team:
    from submission to the last resolution, and the waits on a vendor and on the district."""

    submitted_on = models.DateField(_("submitted on"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, related_name="+")
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, null=True, related_name="+")
    requests = models.PositiveIntegerField(_("requests"), default=0)
    elapsed = models.DurationField(_("submission to resolution"))
    vendor = models.DurationField(_("waiting on a vendor"))
    district = models.DurationField(_("waiting on the district"))

    class Meta:
        indexes = [models.Index(fields=["submitted_on"], name="time_tally_day")]

    def __str__(self) -> str:
        return f"{self.submitted_on}: {self.requests} requests"


class IntakeTally(models.Model):
    """Closed requests per day and hour of submission (the district's wall clock) and
    channel: the intake chart's default view, which has no filter but the dates."""

    submitted_on = models.DateField(_("submitted on"))
    hour = models.PositiveSmallIntegerField(_("hour"))
    channel = models.CharField(_("channel"), max_length=10, choices=ServiceRequest.Channel.choices)
    requests = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        indexes = [models.Index(fields=["submitted_on"], name="intake_tally_day")]

    def __str__(self) -> str:
        return f"{self.submitted_on} {self.hour:02d}:00 {self.channel}: {self.requests}"
