from django.urls import path

from .api import cases, evidence, judgements, shared

urlpatterns = [
    path(
        "inspections/<int:pk>/judgements/",
        judgements.InspectionJudgementsApi.as_view(),
        name="api-inspection-judgements",
    ),
    path(
        "judgements/<int:pk>/",
        judgements.JudgementDetailApi.as_view(),
        name="api-judgement-detail",
    ),
    path(
        "judgements/<int:pk>/history/",
        judgements.JudgementHistoryApi.as_view(),
        name="api-judgement-history",
    ),
    path(
        "inspections/<int:pk>/evidence/",
        evidence.InspectionEvidenceApi.as_view(),
        name="api-inspection-evidence",
    ),
    path("evidence/<int:pk>/", evidence.EvidenceDetailApi.as_view(), name="api-evidence-detail"),
    path(
        "inspections/<int:pk>/case-samples/",
        cases.InspectionCasesApi.as_view(),
        name="api-inspection-cases",
    ),
    path(
        "inspections/<int:pk>/case-samples/summary/",
        cases.InspectionCaseSummaryApi.as_view(),
        name="api-inspection-case-summary",
    ),
    path("case-samples/<int:pk>/", cases.CaseDetailApi.as_view(), name="api-case-detail"),
    path(
        "case-samples/<int:pk>/assessments/",
        cases.CaseAssessmentsApi.as_view(),
        name="api-case-assessments",
    ),
    path(
        "inspections/<int:pk>/shared-judgements/",
        shared.InspectionSharedApi.as_view(),
        name="api-inspection-shared",
    ),
    path(
        "shared-judgements/<int:pk>/",
        shared.SharedDetailApi.as_view(),
        name="api-shared-detail",
    ),
    path(
        "shared-judgements/<int:pk>/agreements/",
        shared.SharedAgreementsApi.as_view(),
        name="api-shared-agreements",
    ),
]
