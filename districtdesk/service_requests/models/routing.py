"""Routing rules: which team (and optionally which technician) a categorised request goes to.

Rules are data an administrator edits, tried in order of position; the first active rule
whose every filled-in condition matches the request wins. A request no rule matches goes
to the campus technicians who serve its campus.

The asset-type condition names an inventory row lazily ("inventory.AssetType"): service
requests sit below inventory and never import it; inventory tells routing which type a bar
tag has (services.working.asset_type_of_tag).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import Campus, EnterpriseSystem, Team
from districtdesk.service_requests.models.chart import Category


class RoutingRule(models.Model):
    position = models.PositiveIntegerField(
        _("position"), help_text=_("Rules are tried from the lowest position up.")
    )
    name = models.CharField(_("name"), max_length=120)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("when the category is"),
    )
    campus = models.ForeignKey(
        Campus,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("when the campus is"),
    )
    system = models.ForeignKey(
        EnterpriseSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("when the enterprise system is"),
    )
    asset_type = models.ForeignKey(
        "inventory.AssetType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("when the device is a"),
        help_text=_("Matched through the request's bar tag."),
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="routing_rules", verbose_name=_("send to team")
    )
    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("and assign to"),
        help_text=_("Optional: a member of the team who takes every request this rule routes."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.technician_id
            and self.team_id
            and not self.technician.team_memberships.filter(team_id=self.team_id).exists()
        ):
            raise ValidationError(
                {"technician": _("Choose a member of the team this rule sends requests to.")}
            )
