from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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
    actions = ["send_again"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Send the selected dead notifications again"))
    def send_again(self, request, queryset) -> None:
        """Once the cause is fixed (a mailbox that was full, a relay that refused us), a
        person puts dead rows back in the queue; the next tick sends them with a fresh count
        of attempts. Rows that are not dead are left alone."""
        revived = queryset.filter(status=Notification.Status.DEAD).update(
            status=Notification.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d notification will be sent again.",
                "%(count)d notifications will be sent again.",
                revived,
            )
            % {"count": revived},
            messages.SUCCESS,
        )


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["key", "created_at"]
    search_fields = ["key"]
    readonly_fields = ["key", "event", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
