from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "districtdesk.inventory"
    label = "inventory"
    verbose_name = _("Technology inventory")

    def ready(self) -> None:
        from districtdesk.activity.events import register_labels
        from districtdesk.inventory.events import LABELS

        register_labels(LABELS)
