from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangesConfig(AppConfig):
    name = "districtdesk.changes"
    label = "changes"
    verbose_name = _("Change control")

    def ready(self) -> None:
        from districtdesk.activity.events import register_labels
        from districtdesk.changes.events import LABELS
        from districtdesk.changes.services import reminders, review_queue
        from districtdesk.core import periodic

        register_labels(LABELS)
        # The change-control clock: each job takes `now` and is idempotent.
        periodic.register("changes.review_queue", review_queue.queue_for_review)
        periodic.register("changes.publish_agendas", reminders.publish_due_agendas)
        periodic.register("changes.review_reminder", reminders.remind_of_reviews)
