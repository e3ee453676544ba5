"""The catalogue assets are drawn from: types (shipped, editable), manufacturers and models."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class AssetType(models.Model):
    """Computers, Chromebooks, projectors …: seed 003's item lists, shipped by a data
    migration and edited by an administrator."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("asset type")
        verbose_name_plural = _("asset types")

    def __str__(self) -> str:
        return self.name


class Manufacturer(models.Model):
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [
            # "Dell" and "DELL" are one maker: serial numbers are unique per manufacturer.
            models.UniqueConstraint(Lower("name"), name="manufacturer_name_unique_any_case")
        ]
        verbose_name = _("manufacturer")
        verbose_name_plural = _("manufacturers")

    def __str__(self) -> str:
        return self.name


class AssetModel(models.Model):
    manufacturer = models.ForeignKey(
        Manufacturer,
        on_delete=models.PROTECT,
        related_name="asset_models",
        verbose_name=_("manufacturer"),
    )
    model_number = models.CharField(_("model number"), max_length=60)
    name = models.CharField(
        _("name"),
        max_length=120,
        blank=True,
        help_text=_("As people and Google Admin call it, e.g. “Chromebook 314”."),
    )
    asset_type = models.ForeignKey(
        AssetType, on_delete=models.PROTECT, related_name="asset_models", verbose_name=_("type")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["manufacturer__name", "model_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["manufacturer", "model_number"], name="model_number_unique_per_maker"
            )
        ]
        verbose_name = _("asset model")
        verbose_name_plural = _("asset models")

    def __str__(self) -> str:
        label = self.name or self.model_number
        return f"{self.manufacturer.name} {label}"
