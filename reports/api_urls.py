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
    path(
        "inspections/<int:pk>/report-sections/",
        api.ReportSectionsApi.as_view(),
        name="api-report-sections",
    ),
    path(
        "inspections/<int:pk>/report-sections/<slug:key>/",
        api.ReportSectionApi.as_view(),
        name="api-report-section",
    ),
    path(
        "inspections/<int:pk>/report-sections/<slug:key>/agree/",
        api.ReportSectionAgreeApi.as_view(),
        name="api-report-section-agree",
    ),
    path(
        "factual-accuracy-comments/<int:pk>/respond/",
        api.FactualAccuracyCommentRespondApi.as_view(),
        name="api-factual-accuracy-comment-respond",
    ),
    path(
        "inspections/<int:pk>/action-plan/submit/",
        api.ActionPlanSubmitApi.as_view(),
        name="api-action-plan-submit",
    ),
    path(
        "inspections/<int:pk>/action-plan/evaluate/",
        api.ActionPlanEvaluateApi.as_view(),
        name="api-action-plan-evaluate",
    ),
]
