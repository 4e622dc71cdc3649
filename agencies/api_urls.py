from django.urls import path

from . import api

urlpatterns = [
    path(
        "local-authorities/",
        api.LocalAuthorityListApi.as_view(),
        name="api-local-authority-list",
    ),
    path(
        "local-authorities/<str:gss_code>/",
        api.LocalAuthorityDetailApi.as_view(),
        name="api-local-authority-detail",
    ),
    path("inspectorates/", api.InspectorateListApi.as_view(), name="api-inspectorate-list"),
]
