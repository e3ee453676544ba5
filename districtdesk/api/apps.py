from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "districtdesk.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from districtdesk.api.idempotency import forget_expired_keys
        from districtdesk.core import periodic

        # Idempotency keys are kept 24 hours; every tick forgets the expired ones.
        periodic.register("api.forget_expired_keys", forget_expired_keys)
