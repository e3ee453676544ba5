"""The district administrator's screens for the categorisation chart."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from districtdesk.service_requests.models import (
    Category,
    Priority,
    RoutingRule,
    ServiceRequest,
    Target,
)

PRIORITY_FIELDS = ["number", "name", "sla_kind", "sla_amount", "calendar", "waiting_state"]


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    fields = [*PRIORITY_FIELDS, "is_active"]
    show_change_link = True  # descriptions and examples are edited on the priority's page
    ordering = ["number"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "name",
        "title",
        "needs_planned_completion",
        "priority_count",
        "is_active",
    ]
    list_display_links = ["number", "name"]
    list_filter = ["is_active", "needs_planned_completion"]
    search_fields = ["name", "title", "scope"]
    fields = ["number", "name", "title", "scope", "needs_planned_completion", "is_active"]
    inlines = [PriorityInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(priority_count=Count("priorities"))

    @admin.display(description=_("priorities"), ordering="priority_count")
    def priority_count(self, category: Category) -> int:
        return category.priority_count


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "category", "sla", "calendar", "waiting_state", "is_active"]
    list_display_links = ["code", "name"]
    list_filter = ["category", "sla_kind", "waiting_state", "calendar", "is_active"]
    search_fields = ["name", "description", "examples", "category__name"]
    list_select_related = ["category", "calendar"]
    fields = ["category", *PRIORITY_FIELDS, "description", "examples", "is_active"]

    @admin.display(description=_("code"), ordering="category__number")
    def code(self, priority: Priority) -> str:
        return priority.code

    @admin.display(description=_("SLA"), ordering="sla_kind")
    def sla(self, priority: Priority) -> str:
        return priority.sla_label


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    """Rules are tried by position; the first active rule whose conditions all match wins."""

    list_display = [
        "position",
        "name",
        "category",
        "campus",
        "system",
        "asset_type",
        "team",
        "technician",
    ]
    list_display_links = ["name"]
    list_editable = ["position"]
    list_filter = ["is_active", "category", "team"]
    search_fields = ["name", "team__name", "campus__name"]
    list_select_related = ["category", "campus", "system", "asset_type", "team", "technician"]
    autocomplete_fields = ["campus", "system", "team", "technician"]
    fields = [
        "position",
        "name",
        "category",
        "campus",
        "system",
        "asset_type",
        "team",
        "technician",
        "is_active",
    ]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["kind", "calendar", "started_at", "sla_hours", "sla_days", "due_at", "completed_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    """Read-only: requests change only through their workflow steps, which write history."""

    list_display = ["__str__", "status", "priority", "team", "assignee", "due_at", "submitted_at"]
    list_filter = ["status", "channel", "category", "team"]
    search_fields = ["summary", "asset_tag", "requester__last_name"]
    list_select_related = ["priority__category", "team", "assignee"]
    date_hierarchy = "submitted_at"
    inlines = [TargetInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
