from django.urls import path

from . import views

app_name = "reports"
urlpatterns: list = [
    path("", views.register, name="register"),
    path("feed.atom", views.ReportsFeed(), name="feed"),
    path("judgements.csv", views.judgements_csv, name="judgements-csv"),
    path("action-plans/overdue/", views.overdue_action_plans, name="overdue-action-plans"),
    path(
        "factual-accuracy/<str:token>/",
        views.factual_accuracy_download,
        name="factual-accuracy-download",
    ),
    path("<slug:slug>.pdf", views.detail_pdf, name="detail-pdf"),
    path("<slug:slug>/", views.detail, name="detail"),
]
