from django.contrib import admin

from districtdesk.notifications.models import Notification, Preference, Reminder, Rule


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["event_code", "audience", "role", "is_active"]
    list_filter = ["audience", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["event_code"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["person", "delivery"]
    list_filter = ["delivery"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox, to see what was sent and why a dead row died; rows are written by the
    application only."""

    list_display = ["created_at", "recipient", "channel", "status", "attempts", "last_error"]
    list_filter = ["status", "channel"]
    list_select_related = ["recipient", "event"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["key", "created_at"]
    search_fields = ["key"]
    readonly_fields = ["key", "event", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
