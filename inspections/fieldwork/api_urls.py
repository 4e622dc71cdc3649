from django.urls import path

from . import api

urlpatterns = [
    path(
        "inspections/<int:pk>/tracked-cases/",
        api.InspectionTrackedCasesApi.as_view(),
        name="api-inspection-tracked-cases",
    ),
    path("tracked-cases/<int:pk>/", api.TrackedCaseDetailApi.as_view(), name="api-tracked-case"),
    path(
        "tracked-cases/<int:pk>/agencies/<int:agency_pk>/answers/",
        api.TrackedCaseAnswersApi.as_view(),
        name="api-tracked-case-answers",
    ),
    path(
        "tracked-cases/<int:pk>/audit/",
        api.TrackedCaseAuditApi.as_view(),
        name="api-tracked-case-audit",
    ),
    path(
        "inspections/<int:pk>/timetable/",
        api.InspectionTimetableApi.as_view(),
        name="api-inspection-timetable",
    ),
    path(
        "timetable-sessions/<int:pk>/",
        api.SessionDetailApi.as_view(),
        name="api-timetable-session",
    ),
    path(
        "inspections/<int:pk>/lines-of-enquiry/",
        api.InspectionLinesOfEnquiryApi.as_view(),
        name="api-inspection-lines-of-enquiry",
    ),
]
