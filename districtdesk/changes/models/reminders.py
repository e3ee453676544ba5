"""Occasions the change-control clock has already acted on: a unique key per occasion makes
each reminder once only, however often or on however many schedulers the tick runs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeReminder(models.Model):
    key = models.CharField(_("occasion"), max_length=120, unique=True)
    event = models.ForeignKey(
        "activity.Event", on_delete=models.PROTECT, related_name="+", verbose_name=_("event")
    )
    created_at = models.DateTimeField(_("given"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("change-control reminder given")
        verbose_name_plural = _("change-control reminders given")

    def __str__(self) -> str:
        return self.key
