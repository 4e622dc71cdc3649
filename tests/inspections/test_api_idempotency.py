"""Idempotency keys on the POSTs that create: a retried request with the same key and body
gets the first answer and creates nothing; the same key with another body is a 422; keys are
the user's own and expire."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from inspections.models import Inspection
from jtai.models import IdempotencyRecord
from reports.models import ReportJob

BODY = {"framework": "jtai", "theme": "neglect", "window_start": "2017-12-04"}


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _schedule(api, authority, key, **changes):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return api.post(
        "/api/inspections/",
        {"authority": authority.gss_code, **BODY, **changes},
        format="json",
        **headers,
    )


@pytest.mark.django_db
def test_a_retried_schedule_creates_one_inspection(admin, haringey, enfield):
    api = client_for(admin)
    first = _schedule(api, haringey, "schedule-haringey-1")
    assert first.status_code == 201 and "Idempotent-Replayed" not in first
    again = _schedule(api, haringey, "schedule-haringey-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Inspection.objects.filter(authority=haringey).count() == 1
    other = _schedule(api, enfield, "schedule-haringey-1")
    assert other.status_code == 422
    assert other["Content-Type"] == "application/problem+json"
    assert other.json()["type"] == "/api/problems/idempotency-key-reused/"
    assert Inspection.objects.filter(authority=haringey).count() == 1
    # Without a key, as before: each request is its own.
    assert _schedule(api, enfield, None).status_code == 201


@pytest.mark.django_db
def test_an_error_keeps_nothing_and_keys_expire(admin, haringey, enfield):
    api = client_for(admin)
    refused = _schedule(api, haringey, "k-2", window_start="2017-12-05")  # not a Monday
    assert refused.status_code == 400
    assert not IdempotencyRecord.objects.filter(key="k-2").exists()
    assert _schedule(api, haringey, "k-2").status_code == 201  # the corrected retry is handled
    IdempotencyRecord.objects.filter(key="k-2").update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    later = _schedule(api, enfield, "k-2")
    assert later.status_code == 201 and "Idempotent-Replayed" not in later
    assert Inspection.objects.filter(authority__in=[haringey, enfield]).count() == 2
    bad = _schedule(api, haringey, "x" * 256)
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"Idempotency-Key"}


@pytest.mark.django_db
def test_keys_are_each_users_own(admin, haringey, enfield):
    from agencies.factories import UserFactory

    other_admin = UserFactory(username="second_admin", admin=True)
    assert _schedule(client_for(admin), haringey, "shared").status_code == 201
    theirs = _schedule(client_for(other_admin), enfield, "shared")
    assert theirs.status_code == 201 and "Idempotent-Replayed" not in theirs


@pytest.mark.django_db
def test_a_retried_report_generation_queues_one_job(django_capture_on_commit_callbacks):
    from reports.factories import build_inspection

    inspection = build_inspection(cases=0, evidence_per_agency=0)
    api = client_for(inspection.leads["ofsted"])
    url = f"/api/inspections/{inspection.pk}/reports/"
    with django_capture_on_commit_callbacks(execute=False):
        first = api.post(url, {"kind": "draft"}, format="json", HTTP_IDEMPOTENCY_KEY="gen-1")
        again = api.post(url, {"kind": "draft"}, format="json", HTTP_IDEMPOTENCY_KEY="gen-1")
    assert first.status_code == again.status_code == 202
    assert again["Location"] == first["Location"] and again["Idempotent-Replayed"] == "true"
    assert ReportJob.objects.filter(inspection=inspection).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_retries_at_once_create_one_inspection(require_postgres, admin, haringey):
    """The key's row is the lock: the second request waits for the first, then answers as it."""
    answers = []
    barrier = threading.Barrier(2)

    def send():
        try:
            barrier.wait()
            answers.append(_schedule(client_for(admin), haringey, "at-once"))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(a.status_code for a in answers) == [201, 201]
    assert sum(a.has_header("Idempotent-Replayed") for a in answers) == 1
    assert Inspection.objects.filter(authority=haringey).count() == 1


@pytest.mark.django_db
def test_the_schema_documents_the_key_on_each_post_that_creates(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in ("/api/inspections/", "/api/inspections/{id}/reports/", "/api/programmes/"):
        operation = schema["paths"][path]["post"]
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert "Idempotency-Key" in headers and "422" in operation["responses"], path
