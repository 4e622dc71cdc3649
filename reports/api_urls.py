from django.urls import path

from . import api

urlpatterns: list = [
    path(
        "inspections/<int:pk>/reports/",
        api.InspectionReportsApi.as_view(),
        name="api-inspection-reports",
    ),
    path(
        "inspections/<int:pk>/reports/factual-accuracy/",
        api.FactualAccuracySendApi.as_view(),
        name="api-inspection-factual-accuracy-send",
    ),
    path(
        "inspections/<int:pk>/reports/publish/",
        api.PublishApi.as_view(),
        name="api-inspection-report-publish",
    ),
    path("report-jobs/<int:pk>/", api.ReportJobApi.as_view(), name="api-report-job"),
    path(
        "factual-accuracy-links/<int:pk>/revoke/",
        api.FactualAccuracyLinkRevokeApi.as_view(),
        name="api-factual-accuracy-link-revoke",
    ),
]
