from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangesConfig(AppConfig):
    name = "districtdesk.changes"
    label = "changes"
    verbose_name = _("Change control")

    def ready(self) -> None:
        from districtdesk.activity.events import register_labels
        from districtdesk.changes.events import LABELS

        register_labels(LABELS)
