from django.urls import path

from . import views

app_name = "fieldwork"
urlpatterns = [
    path("<int:pk>/cohort/", views.cohort, name="cohort"),
    path("<int:pk>/cohort/<int:case_pk>/", views.tracked_case, name="case"),
    path("<int:pk>/cohort/<int:case_pk>/remove/", views.cohort_remove, name="case-remove"),
    path(
        "<int:pk>/cohort/<int:case_pk>/agencies/<int:agency_pk>/",
        views.case_answers,
        name="case-answers",
    ),
    path("<int:pk>/timetable/", views.timetable, name="timetable"),
    path("<int:pk>/timetable/add/", views.session_add, name="session-add"),
    path("<int:pk>/timetable/<int:session_pk>/", views.session_edit, name="session-edit"),
    path(
        "<int:pk>/timetable/<int:session_pk>/delete/",
        views.session_delete,
        name="session-delete",
    ),
    path("<int:pk>/lines-of-enquiry/", views.lines_of_enquiry, name="lines-of-enquiry"),
]
