"""What each mailbox event says on a timeline, in the reader's language."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "mailbox.held": _("Held the email from %(sender)s for an analyst"),
    "mailbox.request_created": _("Created %(number)s for %(requester)s from the held email"),
    "mailbox.discarded": _("Discarded the held email from %(sender)s: %(reason)s"),
}
