"""The district administrator's screens for technology requests: the standards catalogue is
kept here; requests, delegations and quotes are read here but only changed through their
workflow steps; nothing is deleted."""

from django.contrib import admin
from django.http import HttpRequest

from districtdesk.acquisitions.models import (
    ApprovalDelegation,
    Quote,
    QuoteLine,
    StandardItem,
    TechnologyRequest,
)


class NoDeleteAdmin(admin.ModelAdmin):
    """Records auditors need are retired (`is_active`), never deleted."""

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyAdmin(NoDeleteAdmin):
    """Workflow records change only through their services (STYLE rule 5)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(StandardItem)
class StandardItemAdmin(NoDeleteAdmin):
    list_display = [
        "name",
        "kind",
        "asset_type",
        "price_low",
        "price_high",
        "supported_until",
        "is_active",
    ]
    list_filter = ["kind", "is_active", "asset_type"]
    search_fields = ["name", "notes"]
    list_select_related = ["asset_type"]
    autocomplete_fields = ["asset_model"]


@admin.register(TechnologyRequest)
class TechnologyRequestAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "status", "requester", "approver", "status_changed_at"]
    list_filter = ["status", "kind", "funding"]
    search_fields = ["service_request__summary", "budget_code", "purchase_order"]
    list_select_related = ["service_request", "requester", "approver"]
    date_hierarchy = "status_changed_at"


@admin.register(ApprovalDelegation)
class ApprovalDelegationAdmin(ReadOnlyAdmin):
    list_display = ["supervisor", "delegate", "starts_on", "ends_on", "revoked_at"]
    list_select_related = ["supervisor", "delegate"]
    date_hierarchy = "starts_on"


class QuoteLineInline(admin.TabularInline):
    model = QuoteLine
    extra = 0
    fields = ["description", "asset_model", "quantity", "unit_price"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Quote)
class QuoteAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "technology_request", "valid_until", "entered_by", "entered_at"]
    list_select_related = ["technology_request__service_request", "entered_by"]
    search_fields = ["vendor", "reference"]
    inlines = [QuoteLineInline]
