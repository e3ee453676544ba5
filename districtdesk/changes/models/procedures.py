"""Standard operating procedures: the "SOPs" of the Change Control Reports (seed 000),
kept by the administrator and linked to the changes that follow or alter them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districtdesk.changes.models.changes import ChangeRequest


class StandardOperatingProcedure(models.Model):
    title = models.CharField(_("title"), max_length=200)
    system = models.ForeignKey(
        "core.EnterpriseSystem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("system"),
    )
    document_url = models.URLField(_("document link"), blank=True)
    text = models.TextField(
        _("procedure"), blank=True, help_text=_("The steps, where there is no linked document.")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    last_reviewed = models.DateField(_("last reviewed"))
    changes = models.ManyToManyField(
        ChangeRequest, blank=True, related_name="procedures", verbose_name=_("linked changes")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(document_url="") | ~Q(text=""),
                name="procedure_has_document_or_text",
            )
        ]
        verbose_name = _("standard operating procedure")
        verbose_name_plural = _("standard operating procedures")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.document_url and not self.text.strip():
            raise ValidationError(
                {"document_url": _("Link the document or write the procedure's steps.")}
            )
