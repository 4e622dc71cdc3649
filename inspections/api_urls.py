from django.urls import include, path  # noqa: F401

urlpatterns: list = [
    path("", include("inspections.recording.api_urls")),
    path("", include("inspections.moderation.api_urls")),
    path("", include("inspections.planning.api_urls")),
]
