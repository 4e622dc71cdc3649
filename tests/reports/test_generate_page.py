"""The generate form of the report page, its jobs' progress, failures and retries."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.factories import build_inspection
from reports.models import JobStatus, ReportJob, ReportVersion

pytestmark = pytest.mark.django_db


def test_generation_waits_for_sign_off_and_agreement(
    lead_client, django_capture_on_commit_callbacks
):
    inspection = build_inspection(cases=1, judgement_status="completed", agreed=False)
    lead_client.force_login(inspection.leads["ofsted"])
    response = lead_client.post(
        reverse("reports:generate", args=[inspection.pk]), {"kind": "draft"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "not signed off" in page and "is not agreed by all" in page
    assert not ReportJob.objects.filter(inspection=inspection).exists()


def test_only_the_overall_lead_generates(client, inspection):
    client.force_login(inspection.leads["cqc"])
    response = client.post(reverse("reports:generate", args=[inspection.pk]), {"kind": "draft"})
    assert response.status_code == 403
    assert not ReportJob.objects.exists()


def test_a_failed_generation_shows_the_error_and_can_be_retried(
    lead_client, inspection, monkeypatch, django_capture_on_commit_callbacks
):
    import reports.services.drafting as report_services

    real = report_services.html_to_pdf

    def broken(html, **kwargs):
        raise RuntimeError("the fonts went missing")

    monkeypatch.setattr(report_services, "html_to_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(
            reverse("reports:generate", args=[inspection.pk]),
            {"kind": "draft"},
        )
    job = ReportJob.objects.get(inspection=inspection)
    assert job.status == JobStatus.FAILED and "fonts went missing" in job.error
    page = lead_client.get(reverse("reports:inspection", args=[inspection.pk]))
    assert "Try again" in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()

    monkeypatch.setattr(report_services, "html_to_pdf", real)
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(reverse("reports:job-retry", args=[inspection.pk, job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.READY and job.attempts == 2
    assert ReportVersion.objects.filter(job=job).count() == 1


def test_the_page_shows_progress_without_reloading_itself_while_a_job_is_queued(
    lead_client, inspection
):
    job = ReportJob.objects.create(
        inspection=inspection, kind="draft", requested_by=inspection.leads["ofsted"]
    )
    page = lead_client.get(reverse("reports:inspection", args=[inspection.pk]))
    html = page.content.decode()
    # No reload by itself (it would wipe what the lead is typing): a script polls the job.
    assert 'http-equiv="refresh"' not in html
    assert "report-progress.js" in html
    assert f'data-job-status-url="/api/report-jobs/{job.pk}/"' in html
    assert 'aria-live="polite"' in html
    assert "<progress" in html and "0% done" in html
    # Without JavaScript, the lead reloads when they choose.
    assert re.search(
        rf'href="/inspections/{inspection.pk}/report/\?progress=\d+#job-{job.pk}" data-job-check>',
        html,
    )
    assert "Check progress" in html
    status = lead_client.get(f"/api/report-jobs/{job.pk}/", HTTP_ACCEPT="application/json")
    assert status.status_code == 200 and status.json()["progress"] == 0


def test_a_stalled_job_can_be_retried(lead_client, inspection, django_capture_on_commit_callbacks):
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    job = ReportJob.objects.create(
        inspection=inspection,
        kind="draft",
        requested_by=inspection.leads["ofsted"],
        status=JobStatus.RENDERING,
        progress=40,
        created_at=long_ago,
        started_at=long_ago,
    )
    page = lead_client.get(reverse("reports:inspection", args=[inspection.pk]))
    assert "has stalled" in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(reverse("reports:job-retry", args=[inspection.pk, job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.READY
    assert ReportVersion.objects.filter(job=job).count() == 1


def test_a_finished_job_cannot_be_retried_and_the_page_says_why(lead_client, inspection):
    job = ReportJob.objects.create(
        inspection=inspection,
        kind="draft",
        requested_by=inspection.leads["ofsted"],
        status=JobStatus.READY,
        progress=100,
    )
    response = lead_client.post(reverse("reports:job-retry", args=[inspection.pk, job.pk]))
    assert response.status_code == 400
    assert "Only a failed or stalled generation can be retried" in response.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.READY
