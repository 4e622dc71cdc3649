from django.urls import path

from . import views

app_name = "recording"
urlpatterns = [
    path("<int:pk>/tasks/", views.tasks, name="tasks"),
    path("<int:pk>/judgements/<int:judgement_pk>/", views.judgement, name="judgement"),
    path(
        "<int:pk>/judgements/<int:judgement_pk>/history/",
        views.judgement_history,
        name="judgement-history",
    ),
    path("<int:pk>/evidence/", views.evidence_list, name="evidence"),
    path("<int:pk>/evidence/add/", views.evidence_add, name="evidence-add"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_edit, name="evidence-edit"),
    path("<int:pk>/cases/", views.case_list, name="cases"),
    path("<int:pk>/cases/add/", views.case_add, name="case-add"),
    path("<int:pk>/cases/<int:case_pk>/", views.case_detail, name="case"),
    path("<int:pk>/cases/<int:case_pk>/edit/", views.case_edit, name="case-edit"),
    path("<int:pk>/shared/<int:shared_pk>/", views.shared, name="shared"),
    path(
        "<int:pk>/shared/<int:shared_pk>/agreement/",
        views.shared_agreement,
        name="shared-agreement",
    ),
]
