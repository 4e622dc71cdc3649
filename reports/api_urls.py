from django.urls import path

from . import api

urlpatterns: list = [
    path(
        "inspections/<int:pk>/reports/",
        api.InspectionReportsApi.as_view(),
        name="api-inspection-reports",
    ),
    path("report-jobs/<int:pk>/", api.ReportJobApi.as_view(), name="api-report-job"),
    path(
        "factual-accuracy-links/<int:pk>/revoke/",
        api.FactualAccuracyLinkRevokeApi.as_view(),
        name="api-factual-accuracy-link-revoke",
    ),
]
