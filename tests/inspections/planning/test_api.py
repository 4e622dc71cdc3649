"""The planning API: programmes, proposals, runs (202 + status URL), concerns; 400/403/404/409."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from inspections.planning.models import Programme


@pytest.fixture
def api(admin):
    client = APIClient()
    client.force_authenticate(admin)
    return client


def _create(api, jtai_version, **overrides):
    body = {
        "name": "JTAI 2027",
        "framework_version": jtai_version.pk,
        "theme": "domestic-abuse-2024",
        "period_start": "2027-04-01",
        "period_end": "2028-10-31",
        "target_areas": 25,
        "capacities": [
            {"inspectorate": "ofsted", "inspector_count": 12, "team_size": 3, "max_concurrent": 4},
            {"inspectorate": "cqc", "inspector_count": 8, "team_size": 2, "max_concurrent": 4},
            {"inspectorate": "hmicfrs", "inspector_count": 8, "team_size": 2, "max_concurrent": 4},
            {
                "inspectorate": "hmiprobation",
                "inspector_count": 8,
                "team_size": 2,
                "max_concurrent": 4,
            },
        ],
        **overrides,
    }
    return api.post(reverse("api-programme-list"), body, format="json")


def test_create_propose_run_poll_accept(api, jtai_version, django_capture_on_commit_callbacks):
    response = _create(api, jtai_version)
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    first = api.get(reverse("api-programme-proposal", args=[pk])).json()
    assert first["count"] == 153 and len(first["results"]) == 25 and first["next"]
    url = reverse("api-programme-proposal", args=[pk])
    proposal = api.get(url, {"page_size": 200}).json()["results"]
    assert len(proposal) == 153
    assert sum(c["included"] for c in proposal) == 25
    assert all(c["reason"] for c in proposal)
    inn = api.get(url, {"included": "in", "page_size": 200}).json()
    assert inn["count"] == len(inn["results"]) == 25
    choice = next(c for c in proposal if not c["included"])
    response = api.post(
        reverse("api-programme-choice", args=[pk, choice["id"]]), {"action": "lock"}
    )
    assert response.status_code == 200 and response.json()["locked"]
    response = api.post(
        reverse("api-programme-choice", args=[pk, choice["id"]]), {"action": "explode"}
    )
    assert response.status_code == 400
    assert "action" in response.json()["errors"]

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            reverse("api-programme-run-create", args=[pk]), {"time_limit": 10}, format="json"
        )
    assert response.status_code == 202
    url = response["Location"]
    assert response.json()["status_url"].endswith(url)
    run = api.get(url).json()
    assert run["status"] == "done" and run["solver_status"] in ("optimal", "feasible")
    assert len(run["slots"]) == 25
    response = api.post(reverse("api-programme-run-accept", args=[run["id"]]))
    assert response.status_code == 200
    assert all(s["inspection"] for s in response.json()["slots"])
    response = api.post(reverse("api-programme-run-accept", args=[run["id"]]))
    assert response.status_code == 409
    assert Programme.objects.get(pk=pk).status == "accepted"


def test_bad_programme_input_is_400_with_field_errors(api, jtai_version):
    response = _create(api, jtai_version, period_end="2027-01-01", target_areas=0)
    assert response.status_code == 400
    assert "target_areas" in response.json()["errors"]
    response = _create(api, jtai_version, period_end="2027-01-01")
    assert response.status_code == 400
    assert "period_end" in response.json()["errors"]
    response = _create(api, jtai_version, theme="neglect", period_end="2027-12-31")
    assert response.status_code == 400  # the neglect theme ran in 2017
    assert "theme" in response.json()["errors"]


def test_others_get_404(client, cqc_inspector, lead_inspector, admin, jtai_version):
    api = APIClient()
    api.force_authenticate(admin)
    pk = _create(api, jtai_version).json()["id"]
    for person in (cqc_inspector, lead_inspector):
        other = APIClient()
        other.force_authenticate(person)
        assert other.get(reverse("api-programme-list")).status_code == 404
        assert other.get(reverse("api-programme-detail", args=[pk])).status_code == 404


def test_concerns(api, lead_inspector, cqc_inspector):
    lead = APIClient()
    lead.force_authenticate(lead_inspector)
    body = {
        "inspectorate": "ofsted",
        "authority": "E08000035",
        "date": "2026-10-01",
        "severity": "high",
        "summary": "Drift in child protection plans",
    }
    response = lead.post(reverse("api-concern-list"), body, format="json")
    assert response.status_code == 201, response.json()
    response = lead.post(
        reverse("api-concern-list"), {**body, "inspectorate": "cqc"}, format="json"
    )
    assert response.status_code == 403  # a lead records concerns for their own inspectorate
    response = lead.post(reverse("api-concern-list"), {**body, "severity": "dire"}, format="json")
    assert response.status_code == 400 and "severity" in response.json()["errors"]
    concerns = api.get(reverse("api-concern-list")).json()
    assert concerns["count"] == len(concerns["results"]) == 1
    inspector = APIClient()
    inspector.force_authenticate(cqc_inspector)
    assert inspector.get(reverse("api-concern-list")).status_code == 404
