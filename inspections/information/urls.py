from django.urls import path

from . import views

app_name = "information"
urlpatterns = [
    path("information/", views.my_requests, name="mine"),
    path("<int:pk>/information/", views.request_page, name="request"),
    path("<int:pk>/information/items/<int:item_pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/information/contacts/", views.contacts, name="contacts"),
    path(
        "<int:pk>/information/contacts/<int:contact_pk>/remove/",
        views.contact_remove,
        name="contact-remove",
    ),
    path("information/files/<int:upload_pk>/", views.download, name="download"),
]
