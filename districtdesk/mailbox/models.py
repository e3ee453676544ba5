"""Every message the help desk mailbox received, and what became of it.

The Message-ID is unique: it is the idempotency key that makes a message read twice (a
poller that crashed before marking it read, a webhook retried, the same message reaching
both) a no-op the second time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InboundMessage(models.Model):
    class Source(models.TextChoices):
        IMAP = "imap", _("The mailbox (IMAP)")
        WEBHOOK = "webhook", _("The inbound webhook")

    class Outcome(models.TextChoices):
        CREATED = "created", _("Created a request")
        THREADED = "threaded", _("Added as a reply to a request")
        HELD = "held", _("Held for an analyst")
        AUTO_REPLY = "auto_reply", _("Ignored: an automatic reply")
        LOOP = "loop", _("Ignored: our own mail came back")
        REFUSED = "refused", _("Refused")
        DISCARDED = "discarded", _("Discarded by an analyst")

    class HoldReason(models.TextChoices):
        NONE = "", _("Not held")
        UNKNOWN_SENDER = "unknown_sender", _("Nobody has the sender's address")
        INACTIVE_SENDER = "inactive_sender", _("The sender's account is inactive")
        NO_CAMPUS = "no_campus", _("The sender has no home campus")
        REPLY_NOT_ALLOWED = (
            "reply_not_allowed",
            _("A reply to a request the sender may not write on"),
        )
        REFUSED_BY_RULE = "refused_by_rule", _("A workflow rule refused it")

    # A held message is the only one a person still acts on (workflow: services/held.py).
    ALLOWED = {Outcome.HELD: {Outcome.CREATED, Outcome.DISCARDED}}

    message_id = models.CharField(
        _("Message-ID"),
        max_length=255,
        unique=True,
        help_text=_("The message's own Message-ID, or a hash of the message when it has none."),
    )
    source = models.CharField(_("received through"), max_length=10, choices=Source.choices)
    sender_address = models.CharField(_("sender's address"), max_length=254, blank=True)
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sender"),
        help_text=_("The person with the sender's address, when there is one."),
    )
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("received"))
    raw_size = models.PositiveIntegerField(_("size in bytes"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    hold_reason = models.CharField(
        _("why it is held"), max_length=20, choices=HoldReason.choices, blank=True
    )
    detail = models.TextField(
        _("details"),
        blank=True,
        help_text=_("Why it was refused or discarded, or which attachments were not kept."),
    )
    request = models.ForeignKey(
        "service_requests.ServiceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("request"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    # The whole message as received (at most MAILBOX_MAX_MESSAGE_BYTES; only the header of a
    # refused larger one), so a held message can still become a request with its files.
    raw = models.BinaryField(_("the message as received"), editable=False)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            # The analysts' page: held messages, oldest first.
            models.Index(fields=["received_at"], condition=Q(outcome="held"), name="mailbox_held"),
        ]
        constraints = [
            # A held message says why; once handled it keeps the reason it was held for.
            models.CheckConstraint(
                condition=~Q(outcome="held") | ~Q(hold_reason=""),
                name="mailbox_held_says_why",
            ),
        ]
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")

    def __str__(self) -> str:
        return f"{self.sender_address}: {self.subject}"

    @property
    def is_held(self) -> bool:
        return self.outcome == self.Outcome.HELD

    def can_become(self, outcome: str) -> bool:
        return outcome in self.ALLOWED.get(self.outcome, set())
