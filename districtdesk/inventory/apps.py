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

        from districtdesk.inventory.routing import asset_type_of_tag
        from districtdesk.service_requests.services import working

        # Routing rules may name an asset type; only inventory knows a tag's type.
        working.asset_type_of_tag = asset_type_of_tag
