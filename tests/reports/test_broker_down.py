"""Generating while the broker is unreachable: the request answers at once, the job waits for
the queue (never a 500, never a job that was never sent blocking the next one), and it starts
by itself once the broker is back."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.factories import agree_report_sections, build_inspection
from reports.models import JobStatus, ReportJob, ReportVersion

UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture(params=["refusing", "silent"])
def broker_down(request):
    """Tasks go (not eagerly) to a broker that refuses connections, or to one that accepts
    them and never answers."""
    import socket

    from jtai.celery import app

    silent = None
    url = UNREACHABLE
    if request.param == "silent":
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(0)
        url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    yield app
    app.conf.broker_url, app.conf.task_always_eager = saved
    if silent is not None:
        silent.close()


@pytest.mark.django_db
def test_the_api_accepts_the_job_as_waiting_at_once(
    inspection, broker_down, django_capture_on_commit_callbacks
):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(inspection.leads["ofsted"])
    url = f"/api/inspections/{inspection.pk}/reports/"
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url, {"kind": "draft"})
    assert time.monotonic() - started < 3
    assert response.status_code == 202
    job = ReportJob.objects.get(inspection=inspection)
    assert job.status == JobStatus.WAITING and job.queued_at is None
    assert api.get(response["Location"]).json()["status"] == "waiting"

    # Asking again re-sends the same job: no second job, no 409.
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        again = api.post(url, {"kind": "draft"})
    assert time.monotonic() - started < 3
    assert again.status_code == 202 and again.json()["id"] == job.pk
    assert ReportJob.objects.filter(inspection=inspection).count() == 1


@pytest.mark.django_db
def test_the_page_says_the_job_is_waiting_for_the_queue(
    lead_client, inspection, broker_down, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            reverse("reports:generate", args=[inspection.pk]), {"kind": "draft"}, follow=True
        )
    assert time.monotonic() - started < 3
    assert response.status_code == 200
    page = response.content.decode()
    assert "waiting for the queue" in page
    assert "starts by itself" in page
    job = ReportJob.objects.get(inspection=inspection)
    assert job.status == JobStatus.WAITING


@pytest.mark.django_db
def test_a_retry_while_the_broker_is_down_waits_too(
    lead_client, inspection, broker_down, django_capture_on_commit_callbacks
):
    job = ReportJob.objects.create(
        inspection=inspection,
        kind="draft",
        requested_by=inspection.leads["ofsted"],
        status=JobStatus.FAILED,
        error="boom",
    )
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(reverse("reports:job-retry", args=[inspection.pk, job.pk]))
    assert time.monotonic() - started < 3
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.WAITING


@pytest.mark.celery_worker
@pytest.mark.services
def test_a_waiting_job_starts_once_the_broker_is_back(committed_db, celery_on_redis):
    from jtai.celery import app
    from reports.services import report_job_create
    from reports.tasks import recover_report_jobs

    inspection = build_inspection(cases=1)
    real = app.conf.broker_url
    app.conf.broker_url = UNREACHABLE
    try:
        started = time.monotonic()
        job = report_job_create(
            inspection=inspection, user=inspection.leads["ofsted"], kind="draft"
        )
        assert time.monotonic() - started < 3
    finally:
        app.conf.broker_url = real
    job.refresh_from_db()
    assert job.status == JobStatus.WAITING

    celery_on_redis("e-back")
    # The beat leaves a job that has only just started waiting to the request that made it.
    recover_report_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.WAITING
    ReportJob.objects.filter(pk=job.pk).update(
        waiting_since=timezone.now() - datetime.timedelta(minutes=1)
    )
    recover_report_jobs()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in (JobStatus.READY, JobStatus.FAILED):
            break
        time.sleep(0.2)
    assert job.status == JobStatus.READY, job.error
    assert job.queued_at is not None
    assert ReportVersion.objects.filter(inspection=inspection).count() == 1


@pytest.mark.django_db
def test_factual_accuracy_emails_wait_for_the_queue_and_go_once(
    inspection, broker_down, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.core.files.base import ContentFile

    from reports.models import FactualAccuracyLink
    from reports.services import factual_accuracy_send
    from reports.tasks import send_waiting_factual_accuracy_emails

    version = ReportVersion(
        inspection=inspection,
        number=1,
        kind="factual_accuracy",
        pdf_sha256="3" * 64,
        snapshot={},
        created_by=inspection.leads["ofsted"],
    )
    version.pdf.save("fa.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    version.save()
    agree_report_sections(inspection)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        request = factual_accuracy_send(
            version=version,
            user=inspection.leads["ofsted"],
            recipients=[
                {"name": "Dana", "role": "DCS", "email": "dana@example.test"},
                {"name": "Pat", "role": "Police", "email": "pat@example.test"},
            ],
        )
    assert time.monotonic() - started < 3
    request.refresh_from_db()
    assert request.emails_queued_at is None and not mail.outbox

    # The broker is back (tasks run at once here, as a worker would).
    broker_down.conf.task_always_eager = True
    type(request).objects.filter(pk=request.pk).update(
        sent_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    send_waiting_factual_accuracy_emails()
    assert sorted(m.to[0] for m in mail.outbox) == ["dana@example.test", "pat@example.test"]
    assert not FactualAccuracyLink.objects.filter(request=request, emailed_at=None).exists()
    send_waiting_factual_accuracy_emails()
    assert len(mail.outbox) == 2
