from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/retention/", views.retention, name="retention"),
    path("<int:pk>/retention/hold/", views.legal_hold_place, name="legal-hold-place"),
    path("<int:pk>/retention/hold/lift/", views.legal_hold_lift, name="legal-hold-lift"),
]
