"""One name for the version a client read (`version`), required where a stale write would
lose data, and HTTP's conditional requests on the same resources: every answer carries the
resource's version as its ETag; If-Match may stand for the body's `version` (412 when it
names another); a write with neither is 428; a stale body `version` stays a 409."""

import pytest
from rest_framework.test import APIClient

from inspections.models import Inspection

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_inspection_by_etag_and_if_match(full_team, admin):
    api = client_for(admin)
    url = f"/api/inspections/{full_team.pk}/"
    read = api.get(url)
    version = read.json()["version"]
    assert "lock_version" not in read.json()
    assert read["ETag"] == f'"{version}"'
    stale = api.patch(url, {"window_start": "2017-11-27"}, format="json", HTTP_IF_MATCH='"999"')
    assert stale.status_code == 412 and stale.json()["type"] == "/api/problems/precondition-failed/"
    neither = api.patch(url, {"window_start": "2017-11-27"}, format="json")
    assert neither.status_code == 428 and set(neither.json()["errors"]) == {"version"}
    assert Inspection.objects.get(pk=full_team.pk).lock_version == version
    changed = api.patch(
        url, {"window_start": "2017-11-27"}, format="json", HTTP_IF_MATCH=read["ETag"]
    )
    assert changed.status_code == 200
    assert changed["ETag"] == f'"{version + 1}"' and changed.json()["version"] == version + 1
    # The body's version, stale: 409 naming the field (`version`, never `lock_version`).
    body = api.patch(url, {"version": version, "window_start": "2017-12-04"}, format="json")
    assert body.status_code == 409 and set(body.json()["errors"]) == {"version"}
    assert api.patch(url, {"version": "x"}, format="json").status_code == 400


def test_a_transition_takes_if_match_but_does_not_need_it(full_team, admin):
    api = client_for(admin)
    base = f"/api/inspections/{full_team.pk}"
    version = api.get(f"{base}/").json()["version"]
    stale = api.post(f"{base}/notify/", HTTP_IF_MATCH=f'"{version - 1}"')
    assert stale.status_code == 412
    assert Inspection.objects.get(pk=full_team.pk).status == "planned"
    assert api.post(f"{base}/notify/", HTTP_IF_MATCH=f'W/"{version}"').status_code == 200
    # Without a version the state machine still guards it: notifying twice is a 409.
    assert api.post(f"{base}/notify/").status_code == 409


def test_every_versioned_write_documents_if_match_412_and_428(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    conditional = {
        ("/api/inspections/{id}/", "patch"),
        ("/api/judgements/{id}/", "put"),
        ("/api/evidence/{id}/", "put"),
        ("/api/case-samples/{id}/", "put"),
        ("/api/shared-judgements/{id}/", "put"),
        ("/api/inspections/{id}/report-sections/{key}/", "put"),
    }
    for path, method in conditional:
        operation = schema["paths"][path][method]
        assert {"412", "428"} <= set(operation["responses"]), (path, method)
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert "If-Match" in headers, (path, method)
        assert "ETag" in operation["responses"]["200"]["headers"], (path, method)
        assert "ETag" in schema["paths"][path]["get"]["responses"]["200"]["headers"], path
    notify = schema["paths"]["/api/inspections/{id}/notify/"]["post"]
    assert "412" in notify["responses"] and "428" not in notify["responses"]
    # One name: no request body anywhere calls it `lock_version`.
    for name, component in schema["components"]["schemas"].items():
        assert "lock_version" not in component.get("properties", {}), name
