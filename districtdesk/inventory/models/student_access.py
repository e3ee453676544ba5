"""The read log of student-linked data (FERPA 34 CFR 99.32): one row each time an asset's
assigned student ID is shown to someone — on the asset's page or its edit form, in the
list, through the API or in an export.

Append-only: rows are added (one bulk insert per request) and never changed or deleted.
The one exception is the law's own: `purge_student` replaces a student's ID with its
pseudonym everywhere, this log included (`StudentDataAccess.objects.pseudonymise`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from districtdesk.inventory.models.assets import Asset


class AppendOnlyError(Exception):
    """Raised by any attempt to change or delete a read-log row."""


class StudentDataAccessQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The student-data read log is append-only.")

    def delete(self):
        raise AppendOnlyError("The student-data read log is append-only.")

    def pseudonymise(self, student_id: str, pseudonym: str) -> int:
        """Replace one student's ID by its pseudonym (purge_student): the rows stay, so the
        record of who read what survives, without the identity."""
        return models.QuerySet.update(self.filter(student_id=student_id), student_id=pseudonym)


class StudentDataAccess(models.Model):
    class Channel(models.TextChoices):
        PAGE = "page", _("Asset page")
        FORM = "form", _("Asset edit form")
        LIST = "list", _("Asset list")
        API = "api", _("API")
        CSV = "csv", _("CSV export")
        XLSX = "xlsx", _("Excel export")
        STUDENT_EXPORT = "student_export", _("Export of everything held on the student")

    accessed_at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    channel = models.CharField(_("what was read"), max_length=20, choices=Channel.choices)
    asset = models.ForeignKey(
        Asset, on_delete=models.PROTECT, related_name="+", verbose_name=_("asset")
    )
    student_id = models.CharField(_("student ID"), max_length=40)

    objects = StudentDataAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-accessed_at", "-id"]
        indexes = [
            models.Index(fields=["student_id", "-accessed_at"], name="student_access_student"),
            models.Index(fields=["-accessed_at"], name="student_access_recent"),
        ]
        verbose_name = _("student data access")
        verbose_name_plural = _("student data accesses")

    def __str__(self) -> str:
        return f"{self.actor_id} read {self.asset_id} ({self.channel}) at {self.accessed_at}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The student-data read log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The student-data read log is append-only.")


class StudentPurge(models.Model):
    """The record that a student's identity was pseudonymised everywhere we held it (an
    NDPA deletion request): who, when, the pseudonym that now stands for the student, and
    how many rows of each table were changed. It never holds the student ID itself."""

    purged_at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=40, db_index=True)
    changed = models.JSONField(
        _("rows changed"), default=dict, help_text=_("Rows changed, by table.")
    )

    class Meta:
        ordering = ["-purged_at", "-id"]
        verbose_name = _("student purge")
        verbose_name_plural = _("student purges")

    def __str__(self) -> str:
        return f"{self.pseudonym} at {self.purged_at:%Y-%m-%d %H:%M}"
