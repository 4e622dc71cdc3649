"""Every report page, mounted at the site's root: the team's report of an inspection under
`/inspections/<pk>/report/`, the public register under `/reports/`."""

from django.urls import include, path

from .views import (
    action_plans,
    management,
    open_data,
    picture,
    public,
    register,
    sections,
    versions,
)

app_name = "reports"

inspection_urlpatterns: list = [
    path("", management.manage, name="inspection"),
    path("key-findings/", management.key_findings, name="findings"),
    path("sections/", sections.index, name="sections"),
    path("sections/<slug:key>/", sections.edit, name="section"),
    path("sections/<slug:key>/agree/", sections.agree, name="section-agree"),
    path("sections/<slug:key>/history/", sections.history, name="section-history"),
    path("generate/", management.generate, name="generate"),
    path("jobs/<int:job_pk>/retry/", management.retry, name="job-retry"),
    path("versions/<int:version_pk>/", versions.version_preview, name="version"),
    path("versions/<int:version_pk>.pdf", versions.version_pdf, name="version-pdf"),
    path("compare/", versions.compare, name="compare"),
    path("factual-accuracy/", management.factual_accuracy_send, name="fa-send"),
    path(
        "factual-accuracy/<int:request_pk>/comments/",
        management.factual_accuracy_comment,
        name="fa-comment",
    ),
    path(
        "factual-accuracy/comments/<int:comment_pk>/respond/",
        management.factual_accuracy_respond,
        name="fa-respond",
    ),
    path(
        "factual-accuracy/links/<int:link_pk>/revoke/",
        management.factual_accuracy_link_revoke,
        name="fa-link-revoke",
    ),
    path("publish/", management.publish, name="publish"),
    path("pre-publication-copy/", management.pre_publication_copy, name="pre-publication-copy"),
    path("factual-accuracy/check/", management.factual_accuracy_confirm, name="fa-send-confirm"),
    path("publish/check/", management.publish_confirm, name="publish-confirm"),
    path("action-plan/", management.action_plan, name="action-plan"),
    path(
        "action-plan/statement.pdf",
        action_plans.action_plan_document,
        name="action-plan-document",
    ),
    path("action-plan/submit/", action_plans.submit, name="action-plan-submit"),
    path("action-plan/evaluation/", action_plans.evaluation, name="action-plan-evaluation"),
    path("action-plan/received/", action_plans.received, name="action-plan-received"),
]

public_urlpatterns: list = [
    path("", register.register, name="register"),
    path("map/", picture.area_map, name="map"),
    path("charts/", picture.charts, name="charts"),
    path("feed.atom", public.ReportsFeed(), name="feed"),
    path("judgements.csv", open_data.judgements_csv, name="judgements-csv"),
    path("action-plans/overdue/", action_plans.overdue_action_plans, name="overdue-action-plans"),
    path(
        "factual-accuracy/<str:token>/",
        public.factual_accuracy_download,
        name="factual-accuracy-download",
    ),
    path("<slug:slug>.pdf", public.detail_pdf, name="detail-pdf"),
    path("<slug:slug>/", public.detail, name="detail"),
]

urlpatterns: list = [
    path("inspections/<int:pk>/report/", include(inspection_urlpatterns)),
    path("reports/", include(public_urlpatterns)),
]
