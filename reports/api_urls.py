from django.urls import path

from . import api

urlpatterns: list = [
    path(
        "inspections/<int:pk>/reports/",
        api.InspectionReportsApi.as_view(),
        name="api-inspection-reports",
    ),
    path("report-jobs/<int:pk>/", api.ReportJobApi.as_view(), name="api-report-job"),
]
