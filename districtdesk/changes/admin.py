"""The district administrator's screens for change control's reference data: the settings
row, maintenance windows, blackout periods and standard operating procedures. Changes and
meetings are read here but only changed through their workflow steps; nothing is deleted."""

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from districtdesk.changes.models import (
    BlackoutPeriod,
    ChangeControlSettings,
    ChangeRequest,
    MaintenanceWindow,
    Meeting,
    StandardOperatingProcedure,
)


class NoDeleteAdmin(admin.ModelAdmin):
    """Records auditors need are retired (`is_active`), never deleted."""

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ChangeControlSettings)
class ChangeControlSettingsAdmin(NoDeleteAdmin):
    list_display = [
        "__str__",
        "approval_model",
        "meeting_weekday",
        "meeting_time",
        "lead_time_days",
        "committee_votes",
        "quorum",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One row, shipped by the data migration.
        return not ChangeControlSettings.objects.exists()


@admin.register(MaintenanceWindow)
class MaintenanceWindowAdmin(NoDeleteAdmin):
    list_display = ["__str__", "weekday", "starts_at", "ends_at", "ends_next_day", "is_active"]
    list_filter = ["weekday", "is_active"]


@admin.register(BlackoutPeriod)
class BlackoutPeriodAdmin(NoDeleteAdmin):
    list_display = ["name", "kind", "first_day", "last_day", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    date_hierarchy = "first_day"


@admin.register(StandardOperatingProcedure)
class StandardOperatingProcedureAdmin(NoDeleteAdmin):
    list_display = ["title", "system", "owner", "last_reviewed", "is_active"]
    list_filter = ["is_active", "system"]
    search_fields = ["title", "text"]
    list_select_related = ["system", "owner"]
    raw_id_fields = ["owner", "changes"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ReadOnlyAdmin(NoDeleteAdmin):
    """Workflow records change only through their services (STYLE rule 5)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "change_type", "status", "planned_start", "submitter"]
    list_filter = ["status", "change_type", "category"]
    search_fields = ["title"]
    list_select_related = ["submitter"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "room"]
    list_filter = ["status"]
