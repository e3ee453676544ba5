from django.contrib import admin

from districtdesk.mailbox.models import InboundMessage


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    """Every message received and what became of it, to answer "did you get my email?";
    rows are written by the application only."""

    list_display = ["received_at", "sender_address", "subject", "outcome", "hold_reason"]
    list_filter = ["outcome", "source"]
    list_select_related = ["request"]
    search_fields = ["sender_address", "subject", "message_id"]
    date_hierarchy = "received_at"
    exclude = ["raw"]
    readonly_fields = [field.name for field in InboundMessage._meta.fields if field.name != "raw"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
