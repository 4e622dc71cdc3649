"""Every app's API under /api/."""

from django.urls import include, path

from . import api_views

urlpatterns = [
    path("auth/token/", api_views.ObtainTokenView.as_view(), name="api-token"),
    path("problems/<slug:slug>/", api_views.ProblemTypeView.as_view(), name="api-problem-type"),
    path("", include("agencies.api_urls")),
    path("", include("inspections.api_urls")),
    path("", include("reports.api_urls")),
]
