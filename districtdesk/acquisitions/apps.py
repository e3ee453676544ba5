from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcquisitionsConfig(AppConfig):
    name = "districtdesk.acquisitions"
    label = "acquisitions"
    verbose_name = _("Technology requests")

    def ready(self) -> None:
        from districtdesk.acquisitions.events import LABELS
        from districtdesk.acquisitions.reminders import remind_waiting_approvals
        from districtdesk.activity.events import register_labels
        from districtdesk.core import periodic

        register_labels(LABELS)
        periodic.register("acquisitions.approvals_waiting", remind_waiting_approvals)
