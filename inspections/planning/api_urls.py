from django.urls import path

from . import api, api_capacity

urlpatterns: list = [
    path("programmes/", api.ProgrammeListApi.as_view(), name="api-programme-list"),
    path("programmes/<int:pk>/", api.ProgrammeDetailApi.as_view(), name="api-programme-detail"),
    path(
        "programmes/<int:pk>/capacities/<slug:inspectorate>/",
        api_capacity.CapacityApi.as_view(),
        name="api-programme-capacity",
    ),
    path(
        "programmes/<int:pk>/leave/",
        api_capacity.LeaveListApi.as_view(),
        name="api-programme-leave",
    ),
    path("programmes/<int:pk>/proposal/", api.ProposalApi.as_view(), name="api-programme-proposal"),
    path(
        "programmes/<int:pk>/choices/<int:choice_pk>/",
        api.ChoiceApi.as_view(),
        name="api-programme-choice",
    ),
    path("programmes/<int:pk>/runs/", api.RunCreateApi.as_view(), name="api-programme-run-create"),
    path("programme-runs/<int:pk>/", api.RunDetailApi.as_view(), name="api-programme-run"),
    path(
        "programme-runs/<int:pk>/accept/",
        api.RunAcceptApi.as_view(),
        name="api-programme-run-accept",
    ),
    path("concerns/", api.ConcernListApi.as_view(), name="api-concern-list"),
]
