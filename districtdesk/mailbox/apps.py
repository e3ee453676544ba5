from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailboxConfig(AppConfig):
    name = "districtdesk.mailbox"
    label = "mailbox"
    verbose_name = _("Email intake")

    def ready(self) -> None:
        from districtdesk.activity.events import register_labels
        from districtdesk.core import periodic
        from districtdesk.mailbox.events import LABELS
        from districtdesk.mailbox.services.polling import poll_job

        register_labels(LABELS)
        # Does nothing until MAILBOX_IMAP_HOST is set.
        periodic.register("mailbox.poll", poll_job)
