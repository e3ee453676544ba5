from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "districtdesk.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from districtdesk.activity.events import register_labels
        from districtdesk.activity.signals import event_recorded
        from districtdesk.notifications import ticker
        from districtdesk.notifications.services.outbox import write_notifications
        from districtdesk.notifications.services.reminders import LABELS

        register_labels(LABELS)
        event_recorded.connect(write_notifications, dispatch_uid="notifications.outbox")
        ticker.start_if_serving()
