from django.urls import include, path  # noqa: F401

app_name = "inspections"
urlpatterns: list = [
    path("", include("inspections.recording.urls")),
    path("", include("inspections.moderation.urls")),
    path("programmes/", include("inspections.planning.urls")),
]
