from django.urls import path

from reports import views as report_views

from . import views

app_name = "moderation"
urlpatterns: list = [
    path("<int:pk>/moderation/", views.grid, name="grid"),
    path("<int:pk>/moderation/sign-off/", views.sign_off, name="sign-off"),
    path(
        "<int:pk>/moderation/judgements/<int:judgement_pk>/return/",
        views.return_judgement,
        name="return",
    ),
    # The report's workflow pages belong to the inspection (views in the reports app).
    path("<int:pk>/report/", report_views.manage, name="report"),
    path("<int:pk>/report/key-findings/", report_views.key_findings, name="report-findings"),
    path("<int:pk>/report/generate/", report_views.generate, name="report-generate"),
    path("<int:pk>/report/jobs/<int:job_pk>/retry/", report_views.retry, name="report-job-retry"),
    path(
        "<int:pk>/report/versions/<int:version_pk>/",
        report_views.version_preview,
        name="report-version",
    ),
    path(
        "<int:pk>/report/versions/<int:version_pk>.pdf",
        report_views.version_pdf,
        name="report-version-pdf",
    ),
    path("<int:pk>/report/compare/", report_views.compare, name="report-compare"),
    path(
        "<int:pk>/report/factual-accuracy/",
        report_views.factual_accuracy_send,
        name="report-fa-send",
    ),
    path(
        "<int:pk>/report/factual-accuracy/<int:request_pk>/comments/",
        report_views.factual_accuracy_comment,
        name="report-fa-comment",
    ),
    path(
        "<int:pk>/report/factual-accuracy/comments/<int:comment_pk>/respond/",
        report_views.factual_accuracy_respond,
        name="report-fa-respond",
    ),
    path("<int:pk>/report/publish/", report_views.publish, name="report-publish"),
    path("<int:pk>/report/action-plan/", report_views.action_plan, name="report-action-plan"),
]
