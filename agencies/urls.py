from django.urls import path

from . import views

app_name = "agencies"
urlpatterns = [
    path("local-authorities/", views.authority_list, name="authority-list"),
    path("local-authorities/<str:gss_code>/", views.authority_detail, name="authority-detail"),
    path("inspectorates/", views.inspectorate_list, name="inspectorate-list"),
]
