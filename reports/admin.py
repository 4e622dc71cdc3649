from django.contrib import admin

from .models import ActionPlan, FactualAccuracyRequest, Publication, ReportJob, ReportVersion


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    list_display = ["inspection", "number", "kind", "page_count", "pdf_sha256", "created_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in ReportVersion._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False  # versions are immutable


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["inspection", "kind", "status", "progress", "attempts", "created_at"]
    list_filter = ["status", "kind"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "publish_at"]
    search_fields = ["title", "slug"]


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["publication", "due_date", "status"]
    list_filter = ["status"]


admin.site.register(FactualAccuracyRequest)
