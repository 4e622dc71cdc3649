"""The report's records in the Django admin, to look at only: versions are immutable and every
other record here moves through the report's services (which check who may act and in which
state), so the admin may neither add, change nor delete them."""

from django.contrib import admin

from .models import (
    ActionPlan,
    FactualAccuracyComment,
    FactualAccuracyLink,
    FactualAccuracyRequest,
    Publication,
    ReportJob,
    ReportVersion,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "number", "kind", "page_count", "pdf_sha256", "created_at"]
    list_filter = ["kind"]


@admin.register(ReportJob)
class ReportJobAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "kind", "status", "progress", "attempts", "created_at"]
    list_filter = ["status", "kind"]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["title", "slug", "publish_at"]
    search_fields = ["title", "slug"]


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ["publication", "due_date", "status"]
    list_filter = ["status"]


@admin.register(FactualAccuracyRequest)
class FactualAccuracyRequestAdmin(ReadOnlyAdmin):
    list_display = ["version", "sent_at", "expires_at", "comments_due"]


@admin.register(FactualAccuracyComment)
class FactualAccuracyCommentAdmin(ReadOnlyAdmin):
    list_display = ["request", "from_name", "section", "response", "recorded_at"]
    list_filter = ["response"]


@admin.register(FactualAccuracyLink)
class FactualAccuracyLinkAdmin(ReadOnlyAdmin):
    list_display = ["request", "name", "email", "revoked_at"]
