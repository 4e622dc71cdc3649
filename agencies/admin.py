from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from jtai import clock

from .models import (
    AgencyType,
    AreaContact,
    IlacsOutcome,
    Inspectorate,
    InspectorateName,
    LocalAuthority,
    PartnerAgency,
    PartnerAgencyName,
    StatisticalNeighbour,
    User,
)


class CurrentFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("current", "Current"), ("former", "Former")]

    def queryset(self, request, queryset):
        current = LocalAuthority.objects.current(clock.today()).values("pk")
        if self.value() == "current":
            return queryset.filter(pk__in=current)
        if self.value() == "former":
            return queryset.exclude(pk__in=current)
        return queryset


class StatisticalNeighbourInline(admin.TabularInline):
    model = StatisticalNeighbour
    fk_name = "authority"
    extra = 0
    autocomplete_fields = ["neighbour"]
    ordering = ["rank"]


class IlacsOutcomeInline(admin.TabularInline):
    model = IlacsOutcome
    extra = 0
    fields = ["framework", "start_date", "end_date", "overall_effectiveness", "report_url"]
    ordering = ["-start_date"]
    show_change_link = True


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "la_code", "ofsted_urn", "la_type", "region", "end_date"]
    list_filter = [CurrentFilter, "region", "la_type"]
    search_fields = ["name", "official_name", "gss_code", "la_code", "ofsted_urn", "code"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["successors"]
    inlines = [StatisticalNeighbourInline, IlacsOutcomeInline]
    fieldsets = [
        (None, {"fields": ["name", "official_name", "slug", "la_type", "region"]}),
        ("Codes", {"fields": ["gss_code", "la_code", "ofsted_urn", "code"]}),
        ("History", {"fields": ["start_date", "end_date", "successors"]}),
        ("Figures", {"fields": ["population_0_25"]}),
    ]


@admin.register(IlacsOutcome)
class IlacsOutcomeAdmin(admin.ModelAdmin):
    list_display = ["authority", "framework", "start_date", "overall_effectiveness"]
    list_filter = ["overall_effectiveness", "framework", "authority__region"]
    search_fields = ["authority__name", "authority__gss_code", "authority__la_code"]
    autocomplete_fields = ["authority"]
    date_hierarchy = "start_date"
    list_select_related = ["authority"]


class AgencyTypeInline(admin.TabularInline):
    model = AgencyType
    extra = 0


class InspectorateNameInline(admin.TabularInline):
    model = InspectorateName
    extra = 0
    fields = ["name", "short_name", "valid_from", "valid_to", "source"]


@admin.register(Inspectorate)
class InspectorateAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "code", "order"]
    search_fields = ["name", "short_name", "code", "names__name"]
    inlines = [InspectorateNameInline, AgencyTypeInline]


@admin.register(AgencyType)
class AgencyTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "inspectorate", "is_custodial", "is_partnership", "order"]
    list_filter = ["inspectorate", "is_custodial", "is_partnership"]
    search_fields = ["name", "code"]
    list_select_related = ["inspectorate"]


class PartnerAgencyNameInline(admin.TabularInline):
    model = PartnerAgencyName
    extra = 0
    fields = ["name", "valid_from", "valid_to", "source"]


@admin.register(PartnerAgency)
class PartnerAgencyAdmin(admin.ModelAdmin):
    inlines = [PartnerAgencyNameInline]
    list_display = ["name", "agency_type", "is_active", "updated_at"]
    list_filter = ["agency_type", "is_active"]
    search_fields = ["name", "authorities__name"]
    filter_horizontal = ["authorities"]
    list_select_related = ["agency_type"]


@admin.register(AreaContact)
class AreaContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "authority", "agency", "email"]
    list_filter = ["role"]
    search_fields = ["name", "email", "authority__name"]
    autocomplete_fields = ["authority"]
    list_select_related = ["authority", "agency"]


@admin.register(User)
class JtaiUserAdmin(UserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "email",
        "role",
        "inspectorate",
        "is_active",
    ]
    list_filter = ["role", "inspectorate", "is_active", "is_staff"]
    list_select_related = ["inspectorate"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Role in jtai", {"fields": ["role", "inspectorate"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        ("Role in jtai", {"fields": ["role", "inspectorate"]}),
    ]
