"""The system administrator's screens for people, places, teams, systems and calendars."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from districtdesk.core.models import (
    BusinessCalendar,
    Campus,
    Closure,
    Department,
    EnterpriseSystem,
    Person,
    RoleAssignment,
    Room,
    Team,
    TeamMembership,
    WorkingPeriod,
)


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    fields = ["number", "description", "kind", "is_active"]


@admin.register(Campus)
class CampusAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["campus", "number", "description", "kind", "is_active"]
    list_filter = ["kind", "is_active", "campus__kind"]
    search_fields = ["number", "description", "campus__name", "campus__code"]
    list_select_related = ["campus"]
    autocomplete_fields = ["campus"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "email"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    filter_horizontal = ["campuses"]
    inlines = [TeamMembershipInline]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["campus"]


class PersonTeamInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ["team"]
    verbose_name_plural = _("Technology Services teams")


@admin.register(Person)
class PersonAdmin(UserAdmin):
    list_display = ["username", "last_name", "first_name", "title", "home_campus", "is_active"]
    list_filter = ["is_active", "is_staff", "role_assignments__role", "home_campus__kind"]
    search_fields = ["username", "first_name", "last_name", "email", "employee_id"]
    list_select_related = ["home_campus"]
    autocomplete_fields = ["home_campus", "department", "supervisor"]
    inlines = [RoleAssignmentInline, PersonTeamInline]
    fieldsets = [
        *UserAdmin.fieldsets,
        (
            _("District"),
            {
                "fields": [
                    "employee_id",
                    "title",
                    "phone",
                    "language",
                    "home_campus",
                    "department",
                    "supervisor",
                ]
            },
        ),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("District"), {"fields": ["email", "first_name", "last_name", "home_campus"]}),
    ]


@admin.register(EnterpriseSystem)
class EnterpriseSystemAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "owner_team", "vendor", "is_critical", "is_active"]
    list_filter = ["is_critical", "is_active", "owner_team"]
    search_fields = ["name", "code", "vendor"]
    list_select_related = ["owner_team"]
    prepopulated_fields = {"code": ["name"]}


class WorkingPeriodInline(admin.TabularInline):
    model = WorkingPeriod
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0
    fields = ["name", "kind", "first_day", "last_day"]


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin):
    list_display = ["name", "timezone", "around_the_clock", "is_default"]
    inlines = [WorkingPeriodInline, ClosureInline]


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "first_day", "last_day", "calendar"]
    list_filter = ["kind", "calendar"]
    search_fields = ["name"]
    date_hierarchy = "first_day"
