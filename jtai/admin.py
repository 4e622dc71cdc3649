from django.contrib import admin

from .models import AccessRecord


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    """Read-only: access records are append-only (the database refuses changes too)."""

    list_display = ("at", "user_label", "kind", "object_id", "inspection_label", "route")
    list_filter = ("kind",)
    search_fields = ("user_label", "inspection_label", "object_id")
    date_hierarchy = "at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
