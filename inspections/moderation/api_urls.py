from django.urls import path

from . import api

urlpatterns: list = [
    path(
        "judgements/<int:pk>/return/", api.JudgementReturnApi.as_view(), name="api-judgement-return"
    ),
    path("inspections/<int:pk>/sign-off/", api.SignOffApi.as_view(), name="api-sign-off"),
]
