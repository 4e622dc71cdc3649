"""Every 4xx the API sends is one body: RFC 9457 problem details, `application/problem+json`,
with field errors for a 400 (see docs/adr/api-schema.md)."""

import pytest
from rest_framework.test import APIClient

from inspections.models import Inspection

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
KEYS = {"type", "title", "status", "detail", "instance"}


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert KEYS <= set(body) <= KEYS | {"errors"}
    assert body["status"] == status
    return body


def test_400_names_each_field(full_team, admin):
    response = client_for(admin).post("/api/inspections/", {"window_start": "soon"}, format="json")
    body = _problem(response, 400)
    assert body["type"] == "/api/problems/invalid/"
    assert body["title"] == body["detail"] == "The request is not valid."
    assert body["instance"] == "/api/inspections/"
    assert {"authority", "framework", "window_start"} <= set(body["errors"])
    assert all(isinstance(m, list) and m for m in body["errors"].values())


def test_401_403_404_405_are_about_blank(full_team, lead_inspector, hmiprobation_inspector):
    base = f"/api/inspections/{full_team.pk}"
    unauthorised = _problem(client_for().get(f"{base}/"), 401)
    assert unauthorised["type"] == "about:blank" and unauthorised["title"] == "Unauthorized"
    forbidden = _problem(client_for(lead_inspector).post(f"{base}/notify/"), 403)
    assert forbidden["title"] == "Forbidden" and forbidden["instance"] == f"{base}/notify/"
    missing = _problem(client_for(hmiprobation_inspector).get(f"{base}/"), 404)
    assert missing["detail"] == "Not found."
    not_allowed = _problem(client_for(lead_inspector).delete(f"{base}/"), 405)
    assert not_allowed["type"] == "about:blank"


def test_409_is_a_conflict_with_the_field(full_team, admin):
    url = f"/api/inspections/{full_team.pk}/"
    stale = full_team.lock_version - 1
    body = _problem(
        client_for(admin).patch(url, {"version": stale, "window_start": "2017-11-27"}), 409
    )
    assert body["type"] == "/api/problems/conflict/"
    assert Inspection.objects.get(pk=full_team.pk).lock_version == full_team.lock_version


def test_an_unknown_api_url_and_a_query_are_problems_without_the_query(client):
    body = _problem(client.get("/api/no-such-thing/?token=secret"), 404)
    assert body["instance"] == "/api/no-such-thing/"


def test_each_problem_type_is_documented_at_its_url(client):
    for slug in ("invalid", "conflict", "precondition-failed", "precondition-required"):
        response = client.get(f"/api/problems/{slug}/")
        assert response.status_code == 200
        assert response.json()["type"] == f"/api/problems/{slug}/"
        assert response.json()["description"]
    _problem(client.get("/api/problems/nonsense/"), 404)
