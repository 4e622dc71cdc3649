from django.urls import path

from . import proposal_views, views

app_name = "planning"
urlpatterns: list = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("concerns/", views.concern_list, name="concerns"),
    path("concerns/new/", views.concern_create, name="concern-create"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/capacity/<int:capacity_pk>/", views.capacity_change, name="capacity-change"),
    path("<int:pk>/propose/", views.programme_propose, name="propose"),
    path("<int:pk>/proposal/", proposal_views.proposal, name="proposal"),
    path("<int:pk>/proposal/selected/", proposal_views.proposal_bulk, name="proposal-bulk"),
    path("<int:pk>/choices/<int:choice_pk>/", views.choice_change, name="choice"),
    path("<int:pk>/runs/", views.run_create, name="run-create"),
    path("<int:pk>/runs/<int:run_pk>/", views.run_detail, name="run"),
    path("<int:pk>/runs/<int:run_pk>/calendar/", views.run_calendar, name="calendar"),
    path("<int:pk>/runs/<int:run_pk>/accept/", views.run_accept, name="accept"),
]
