"""The report API: queue a generation, follow its job, list versions."""

import pytest

from agencies.factories import person

pytestmark = pytest.mark.django_db


def test_api_answers_202_with_a_status_url(inspection, django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(inspection.leads["ofsted"])
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/inspections/{inspection.pk}/reports/", {"kind": "draft"})
    assert response.status_code == 202
    status_url = response.json()["status_url"]
    assert response["Location"] == status_url
    job = api.get(status_url).json()
    assert job["status"] == "ready" and job["progress"] == 100
    assert job["version"]["label"] == "Draft 1"
    bad = api.post(f"/api/inspections/{inspection.pk}/reports/", {"kind": "nonsense"})
    assert bad.status_code == 400 and "kind" in bad.json()["errors"]
    other = APIClient()
    other.force_authenticate(person("api_outsider", "lead", "cqc"))
    assert other.get(status_url).status_code == 404
    assert (
        other.post(f"/api/inspections/{inspection.pk}/reports/", {"kind": "draft"}).status_code
        == 404
    )
