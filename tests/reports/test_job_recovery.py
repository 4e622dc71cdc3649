"""The beat task that hands on lost jobs: by heartbeat, never a live render, one version."""

import datetime

import pytest
from django.utils import timezone

from reports.models import JobStatus, ReportJob, ReportVersion
from reports.services import job_is_stalled
from reports.tasks import recover_report_jobs

pytestmark = pytest.mark.django_db


def _job(inspection, **fields):
    return ReportJob.objects.create(
        inspection=inspection, kind="draft", requested_by=inspection.leads["ofsted"], **fields
    )


def test_the_beat_runs_the_recovery_every_half_minute():
    from jtai.celery import app

    entries = [
        e for e in app.conf.beat_schedule.values() if e["task"].endswith("recover_report_jobs")
    ]
    assert [(e["task"], e["schedule"]) for e in entries] == [
        ("reports.tasks.recover_report_jobs", 30.0)
    ]


def test_a_render_with_an_old_heartbeat_is_handed_on_and_yields_one_version(inspection, settings):
    settings.REPORT_JOB_STALE_SECONDS = 60
    long_ago = timezone.now() - datetime.timedelta(minutes=2)
    job = _job(
        inspection,
        status=JobStatus.RENDERING,
        progress=40,
        attempts=1,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    assert job_is_stalled(job)
    assert recover_report_jobs() == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.READY, 2)
    assert ReportVersion.objects.filter(inspection=inspection).count() == 1
    assert recover_report_jobs() == []
    assert ReportVersion.objects.filter(inspection=inspection).count() == 1


def test_a_render_that_beats_is_left_alone(inspection, settings):
    settings.REPORT_JOB_STALE_SECONDS = 60
    now = timezone.now()
    job = _job(
        inspection,
        status=JobStatus.RENDERING,
        progress=40,
        attempts=1,
        started_at=now - datetime.timedelta(minutes=30),
        heartbeat_at=now - datetime.timedelta(seconds=5),
    )
    assert not job_is_stalled(job)
    assert recover_report_jobs() == []
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RENDERING, 1)


def test_a_job_that_keeps_losing_its_worker_fails(inspection):
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    job = _job(
        inspection,
        status=JobStatus.RENDERING,
        attempts=3,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    assert recover_report_jobs() == []
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "lost 3 times" in job.error


def test_a_queued_job_never_started_is_sent_again(inspection):
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    job = _job(inspection, status=JobStatus.QUEUED, queued_at=long_ago, created_at=long_ago)
    assert recover_report_jobs() == [job.pk]
    job.refresh_from_db()
    assert job.status == JobStatus.READY


def test_a_job_queued_again_after_a_failure_is_not_stalled(inspection):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    job = _job(
        inspection,
        status=JobStatus.QUEUED,
        attempts=1,
        created_at=long_ago,
        started_at=long_ago,
        queued_at=timezone.now(),
    )
    assert not job_is_stalled(job)


def test_the_beat_sends_waiting_factual_accuracy_emails_every_minute():
    from jtai.celery import app

    tasks = {e["task"]: e["schedule"] for e in app.conf.beat_schedule.values()}
    assert tasks["reports.tasks.send_waiting_factual_accuracy_emails"] == 60.0
