"""The administrator's screens for the catalogue, and a read-only view of assets and moves.

Assets and moves are never deleted (E-rate keeps them ten years) and change only through
the services, which write their history, so the admin offers neither delete nor edit for
them. Catalogue rows are protected by their assets (on_delete=PROTECT).
"""

from django.contrib import admin

from districtdesk.inventory import policies
from districtdesk.inventory.models import (
    Asset,
    AssetModel,
    AssetMove,
    AssetType,
    InventoryWorkItem,
    Manufacturer,
    StudentDataAccess,
)


class NoDelete:
    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AssetType)
class AssetTypeAdmin(NoDelete, admin.ModelAdmin):
    list_display = ["name", "code", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]


@admin.register(Manufacturer)
class ManufacturerAdmin(NoDelete, admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(AssetModel)
class AssetModelAdmin(NoDelete, admin.ModelAdmin):
    list_display = ["manufacturer", "model_number", "name", "asset_type", "is_active"]
    list_filter = ["is_active", "asset_type"]
    list_select_related = ["manufacturer", "asset_type"]
    search_fields = ["model_number", "name", "manufacturer__name"]
    autocomplete_fields = ["manufacturer", "asset_type"]


class ReadOnly(NoDelete):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Asset)
class AssetAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["bar_tag", "serial_number", "asset_model", "campus", "room", "status"]
    list_filter = ["status", "campus"]
    list_select_related = ["asset_model__manufacturer", "campus", "room__campus"]
    search_fields = ["bar_tag", "serial_number"]
    show_full_result_count = False  # a count of 150,000 rows on every page is wasted work
    exclude = ["student_id"]


@admin.register(AssetMove)
class AssetMoveAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["asset", "kind", "from_campus", "to_campus", "recorded_at", "recorded_by"]
    list_filter = ["kind"]
    list_select_related = ["asset", "from_campus", "to_campus", "recorded_by"]
    search_fields = ["asset__bar_tag"]
    show_full_result_count = False


@admin.register(InventoryWorkItem)
class InventoryWorkItemAdmin(ReadOnly, admin.ModelAdmin):
    """Work items change only through their steps, which move the assets and resolve the
    service request."""

    list_display = ["request", "kind", "status", "campus", "to_campus", "requested_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["request", "campus", "to_campus"]
    search_fields = ["lines__asset__bar_tag"]
    show_full_result_count = False


@admin.register(StudentDataAccess)
class StudentDataAccessAdmin(ReadOnly, admin.ModelAdmin):
    """The student-data read log, append-only: system administrators read it, nobody edits
    or deletes it. Search by the exact student ID."""

    list_display = ["accessed_at", "actor", "channel", "asset", "student_id"]
    list_filter = ["channel"]
    list_select_related = ["actor", "asset"]
    search_fields = ["=student_id"]
    date_hierarchy = "accessed_at"
    show_full_result_count = False

    def has_view_permission(self, request, obj=None) -> bool:
        return policies.can_read_student_access_log(request.user)

    def has_module_permission(self, request) -> bool:
        return policies.can_read_student_access_log(request.user)
