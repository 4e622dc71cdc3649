from django.urls import include, path

from . import lifecycle
from .api import calendar, frameworks, inspections, partner_agencies, teams

urlpatterns: list = [
    path("", include("inspections.recording.api_urls")),
    path("", include("inspections.moderation.api_urls")),
    path("", include("inspections.planning.api_urls")),
    path("", include("inspections.information.api_urls")),
    path("", include("inspections.fieldwork.api_urls")),
    path("calendar/", calendar.CalendarApi.as_view(), name="api-calendar"),
    path("my-schedule/", calendar.MyScheduleApi.as_view(), name="api-my-schedule"),
    path("frameworks/", frameworks.FrameworkListApi.as_view(), name="api-framework-list"),
    path(
        "frameworks/<slug:code>/",
        frameworks.FrameworkDetailApi.as_view(),
        name="api-framework-detail",
    ),
    path(
        "frameworks/<slug:code>/themes/",
        frameworks.ThemeCreateApi.as_view(),
        name="api-theme-create",
    ),
    path(
        "framework-versions/<int:pk>/",
        frameworks.FrameworkVersionReviseApi.as_view(),
        name="api-framework-version",
    ),
    path("inspections/", inspections.InspectionListApi.as_view(), name="api-inspection-list"),
    path(
        "inspections/<int:pk>/",
        inspections.InspectionDetailApi.as_view(),
        name="api-inspection-detail",
    ),
    path("inspections/<int:pk>/team/", teams.TeamApi.as_view(), name="api-inspection-team"),
    path(
        "inspections/<int:pk>/team/<int:member_pk>/",
        teams.TeamMemberApi.as_view(),
        name="api-inspection-team-member",
    ),
    # One endpoint per lifecycle verb; the URL spells the verb in kebab-case (start-fieldwork/).
    *[
        path(
            f"inspections/<int:pk>/{verb.replace('_', '-')}/",
            inspections.transition_api(verb).as_view(),
            name=f"api-inspection-{verb.replace('_', '-')}",
        )
        for verb in lifecycle.TRANSITIONS
    ],
    path(
        "partner-agencies/",
        partner_agencies.PartnerAgencyListApi.as_view(),
        name="api-partner-agency-list",
    ),
    path(
        "partner-agencies/<int:pk>/",
        partner_agencies.PartnerAgencyDetailApi.as_view(),
        name="api-partner-agency-detail",
    ),
]
