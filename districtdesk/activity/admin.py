from django.contrib import admin

from districtdesk.activity.events import describe
from districtdesk.activity.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: history is appended by the application and never edited."""

    list_display = ["occurred_at", "actor", "code", "subject_type", "subject_id", "description"]
    list_filter = ["code", "subject_type"]
    list_select_related = ["actor", "subject_type"]
    date_hierarchy = "occurred_at"

    @admin.display(description="description")
    def description(self, event: Event) -> str:
        return describe(event)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
