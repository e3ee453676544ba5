from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "districtdesk.activity"
    label = "activity"
    verbose_name = _("Activity history")

    def ready(self) -> None:
        from districtdesk.activity.receivers import record_calendar_change
        from districtdesk.core.signals import calendar_changed

        calendar_changed.connect(record_calendar_change, dispatch_uid="activity.calendar_changed")
