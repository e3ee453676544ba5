from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceRequestsConfig(AppConfig):
    name = "districtdesk.service_requests"
    label = "service_requests"
    verbose_name = _("Service requests")

    def ready(self) -> None:
        from districtdesk.activity.events import register_labels, register_param_words
        from districtdesk.core.signals import calendar_changed
        from districtdesk.service_requests.events import LABELS
        from districtdesk.service_requests.models import ServiceRequest
        from districtdesk.service_requests.receivers import recompute_for_calendar_change

        register_labels(LABELS)
        register_param_words("channel", ServiceRequest.Channel.choices)
        register_param_words("waiting_on", ServiceRequest.WaitingOn.choices)
        calendar_changed.connect(
            recompute_for_calendar_change, dispatch_uid="service_requests.calendar_changed"
        )
