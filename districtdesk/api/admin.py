from django.contrib import admin

from districtdesk.api.models import IdempotencyKey


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    """Read-only: for tracing a client's retries, never for changing what they got."""

    list_display = ["created_at", "person", "method", "path", "key", "response_status"]
    list_filter = ["method", "response_status"]
    search_fields = ["key", "path", "person__username"]
    list_select_related = ["person"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
