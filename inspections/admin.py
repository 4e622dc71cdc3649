"""The Django admin for frameworks and inspections: for looking things up. Changes to an
inspection's state go through the pages and the API (the services), never through here."""

from django.contrib import admin

from .models import (
    Framework,
    FrameworkVersion,
    Inspection,
    TeamMember,
    Theme,
    Transition,
)


class VersionInline(admin.TabularInline):
    model = FrameworkVersion
    fields = ("version", "active_from", "active_to", "window_days", "notice_working_days")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ("code", "name", "start_date", "end_date")
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    inlines = [VersionInline, ThemeInline]


class TeamInline(admin.TabularInline):
    model = TeamMember
    fields = ("user", "inspectorate", "role", "window_start", "window_end", "is_active")
    readonly_fields = fields
    extra = 0
    can_delete = False


class TransitionInline(admin.TabularInline):
    model = Transition
    fields = ("at", "verb", "from_status", "to_status", "by", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("reference", "authority", "framework_version", "window_start", "status")
    list_filter = ("status", "framework_version__framework")
    search_fields = ("reference", "authority__name")
    list_select_related = ("authority", "framework_version__framework")
    readonly_fields = (
        "authority",
        "framework_version",
        "theme",
        "reference",
        "window_start",
        "window_end",
        "notification_date",
        "status",
        "status_reason",
        "lock_version",
        "created_by",
    )
    exclude = ("inspectorates", "agencies")
    inlines = [TeamInline, TransitionInline]

    def has_add_permission(self, request):
        return False
