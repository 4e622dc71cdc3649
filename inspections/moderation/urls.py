from django.urls import path

from . import views

app_name = "moderation"
urlpatterns: list = [
    path("<int:pk>/moderation/", views.grid, name="grid"),
    path("<int:pk>/moderation/sign-off/", views.sign_off, name="sign-off"),
    path("<int:pk>/moderation/sign-off/check/", views.sign_off_confirm, name="sign-off-confirm"),
    path(
        "<int:pk>/moderation/judgements/<int:judgement_pk>/",
        views.judgement,
        name="judgement",
    ),
    path(
        "<int:pk>/moderation/judgements/<int:judgement_pk>/sign-off/",
        views.judgement_sign_off_confirm,
        name="judgement-sign-off",
    ),
    path(
        "<int:pk>/moderation/judgements/<int:judgement_pk>/return/",
        views.return_judgement,
        name="return",
    ),
]
