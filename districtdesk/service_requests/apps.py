from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceRequestsConfig(AppConfig):
    name = "districtdesk.service_requests"
    label = "service_requests"
    verbose_name = _("Service requests")

    def ready(self) -> None:
        from districtdesk.activity.events import register_labels
        from districtdesk.core.signals import calendar_changed
        from districtdesk.service_requests.events import LABELS
        from districtdesk.service_requests.receivers import recompute_for_calendar_change

        register_labels(LABELS)
        calendar_changed.connect(
            recompute_for_calendar_change, dispatch_uid="service_requests.calendar_changed"
        )
