from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo district: people and places from core, then work in every app on top.
    It sits on the top floor because it calls every app's services."""

    name = "districtdesk.demo"
    label = "demo"
    verbose_name = _("Demo district")
