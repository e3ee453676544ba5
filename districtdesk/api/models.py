"""What the API remembers between calls: the answers to POSTs sent with an Idempotency-Key."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """One client key of one person, and the answer its first POST got.

    While the POST runs the row has no status (it is "in flight"); the status and body are
    written in the same transaction as the POST's own work, so they exist exactly when the
    work does. Rows are kept for 24 hours (districtdesk.api.idempotency.KEPT_FOR).
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    key = models.CharField(_("key"), max_length=255)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    fingerprint = models.CharField(
        _("fingerprint"), max_length=64, help_text=_("SHA-256 of the request's body.")
    )
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    # The rendered JSON as text: PostgreSQL's jsonb would reorder its keys, and a replay
    # must return the same body byte for byte.
    response_body = models.TextField(_("response body"), blank=True)
    created_at = models.DateTimeField(_("created"), db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="api_idempotency_key_once")
        ]
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"

    @property
    def answered(self) -> bool:
        return self.response_status is not None
