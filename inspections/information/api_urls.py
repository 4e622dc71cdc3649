from django.urls import path

from . import api

urlpatterns = [
    path(
        "inspections/<int:pk>/information-request/",
        api.RequestApi.as_view(),
        name="api-information-request",
    ),
    path(
        "inspections/<int:pk>/information-request/items/<int:item_pk>/uploads/",
        api.UploadApi.as_view(),
        name="api-information-upload",
    ),
    path(
        "inspections/<int:pk>/area-contacts/",
        api.ContactsApi.as_view(),
        name="api-information-contacts",
    ),
]
