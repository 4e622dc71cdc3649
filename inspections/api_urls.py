from django.urls import include, path

from . import api, lifecycle

urlpatterns: list = [
    path("", include("inspections.recording.api_urls")),
    path("", include("inspections.moderation.api_urls")),
    path("", include("inspections.planning.api_urls")),
    path("", include("inspections.information.api_urls")),
    path("frameworks/", api.FrameworkListApi.as_view(), name="api-framework-list"),
    path("frameworks/<slug:code>/", api.FrameworkDetailApi.as_view(), name="api-framework-detail"),
    path("frameworks/<slug:code>/themes/", api.ThemeCreateApi.as_view(), name="api-theme-create"),
    path(
        "framework-versions/<int:pk>/",
        api.FrameworkVersionReviseApi.as_view(),
        name="api-framework-version",
    ),
    path("inspections/", api.InspectionListApi.as_view(), name="api-inspection-list"),
    path("inspections/<int:pk>/", api.InspectionDetailApi.as_view(), name="api-inspection-detail"),
    path("inspections/<int:pk>/team/", api.TeamApi.as_view(), name="api-inspection-team"),
    path(
        "inspections/<int:pk>/team/<int:member_pk>/",
        api.TeamMemberApi.as_view(),
        name="api-inspection-team-member",
    ),
    # One endpoint per lifecycle verb; the URL spells the verb in kebab-case (start-fieldwork/).
    *[
        path(
            f"inspections/<int:pk>/{verb.replace('_', '-')}/",
            api.transition_api(verb).as_view(),
            name=f"api-inspection-{verb.replace('_', '-')}",
        )
        for verb in lifecycle.TRANSITIONS
    ],
    path("partner-agencies/", api.PartnerAgencyListApi.as_view(), name="api-partner-agency-list"),
    path(
        "partner-agencies/<int:pk>/",
        api.PartnerAgencyDetailApi.as_view(),
        name="api-partner-agency-detail",
    ),
]
