"""The request's API answers like its pages: the contact's own request, 404 for another, 403
for everything else; uploads checked the same way; admins nominate."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from inspections.information.models import RequestUpload

from .test_checks import pdf_bytes

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_contact_reads_their_own_request_only(notified, other_inspection, area_contact):
    api = client_for(area_contact)
    response = api.get(reverse("api-information-request", args=[notified.pk]))
    assert response.status_code == 200
    body = response.json()
    assert body["items"][0]["code"] == "child-level-lists"
    assert body["contacts"] == []  # the contact is not shown the list of contacts
    assert api.get(reverse("api-information-request", args=[other_inspection.pk])).status_code == (
        404
    )


def test_a_contacts_token_opens_nothing_else(notified, area_contact):
    token = Token.objects.create(user=area_contact)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("api-inspection-list")).status_code == 403
    assert api.get(reverse("api-framework-list")).status_code == 403
    assert api.get(reverse("api-information-request", args=[notified.pk])).status_code == 200


def test_upload_by_api(notified, area_contact):
    item = notified.request_items.order_by("order").first()
    url = reverse("api-information-upload", args=[notified.pk, item.pk])
    api = client_for(area_contact)
    bad = SimpleUploadedFile("c.pdf", b"%PDF-1.7\n<html></html>")
    response = api.post(url, {"file": bad}, format="multipart")
    assert response.status_code == 400
    good = SimpleUploadedFile("c.pdf", pdf_bytes())
    response = api.post(url, {"file": good}, format="multipart")
    assert response.status_code == 201, response.content
    assert RequestUpload.objects.get().pk == response.json()["id"]


def test_only_admins_nominate_by_api(full_team, admin, lead_inspector):
    url = reverse("api-information-contacts", args=[full_team.pk])
    body = {"first_name": "Ash", "last_name": "Area", "email": "ash@haringey.example"}
    assert client_for(lead_inspector).post(url, body, format="json").status_code == 403
    response = client_for(admin).post(url, body, format="json")
    assert response.status_code == 201
    assert response.json()["email"] == "ash@haringey.example"
    request = client_for(admin).get(reverse("api-information-request", args=[full_team.pk]))
    assert [c["email"] for c in request.json()["contacts"]] == ["ash@haringey.example"]
