from django.urls import path

from .views import cases, evidence, judgements, shared

app_name = "recording"
urlpatterns = [
    path("<int:pk>/tasks/", judgements.tasks, name="tasks"),
    path("<int:pk>/judgements/<int:judgement_pk>/", judgements.judgement, name="judgement"),
    path(
        "<int:pk>/judgements/<int:judgement_pk>/history/",
        judgements.judgement_history,
        name="judgement-history",
    ),
    path("<int:pk>/evidence/", evidence.evidence_list, name="evidence"),
    path("<int:pk>/evidence/add/", evidence.evidence_add, name="evidence-add"),
    path("<int:pk>/evidence/<int:evidence_pk>/", evidence.evidence_edit, name="evidence-edit"),
    path("<int:pk>/cases/", cases.case_list, name="cases"),
    path("<int:pk>/cases/add/", cases.case_add, name="case-add"),
    path("<int:pk>/cases/<int:case_pk>/", cases.case_detail, name="case"),
    path("<int:pk>/cases/<int:case_pk>/edit/", cases.case_edit, name="case-edit"),
    path("<int:pk>/shared/<int:shared_pk>/", shared.shared, name="shared"),
    path(
        "<int:pk>/shared/<int:shared_pk>/agreement/",
        shared.shared_agreement,
        name="shared-agreement",
    ),
]
