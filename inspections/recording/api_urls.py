from django.urls import path

from . import api

urlpatterns = [
    path(
        "inspections/<int:pk>/judgements/",
        api.InspectionJudgementsApi.as_view(),
        name="api-inspection-judgements",
    ),
    path("judgements/<int:pk>/", api.JudgementDetailApi.as_view(), name="api-judgement-detail"),
    path(
        "inspections/<int:pk>/evidence/",
        api.InspectionEvidenceApi.as_view(),
        name="api-inspection-evidence",
    ),
    path("evidence/<int:pk>/", api.EvidenceDetailApi.as_view(), name="api-evidence-detail"),
    path(
        "inspections/<int:pk>/case-samples/",
        api.InspectionCasesApi.as_view(),
        name="api-inspection-cases",
    ),
    path(
        "inspections/<int:pk>/case-samples/summary/",
        api.InspectionCaseSummaryApi.as_view(),
        name="api-inspection-case-summary",
    ),
    path("case-samples/<int:pk>/", api.CaseDetailApi.as_view(), name="api-case-detail"),
    path(
        "case-samples/<int:pk>/assessments/",
        api.CaseAssessmentsApi.as_view(),
        name="api-case-assessments",
    ),
    path(
        "inspections/<int:pk>/shared-judgements/",
        api.InspectionSharedApi.as_view(),
        name="api-inspection-shared",
    ),
    path(
        "shared-judgements/<int:pk>/",
        api.SharedDetailApi.as_view(),
        name="api-shared-detail",
    ),
    path(
        "shared-judgements/<int:pk>/agreements/",
        api.SharedAgreementsApi.as_view(),
        name="api-shared-agreements",
    ),
]
