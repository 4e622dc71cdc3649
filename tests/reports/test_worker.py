"""Generation by a real Celery worker on Redis, surviving a worker killed mid-render."""

import datetime
import os
import signal
import time

import pytest
from django.utils import timezone

from reports.factories import build_inspection
from reports.models import JobStatus, ReportJob, ReportVersion, VersionKind
from reports.services import report_job_create

pytestmark = [pytest.mark.celery_worker, pytest.mark.services]


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.django_db
def test_render_task_is_acked_late_rejected_on_loss_and_time_limited():
    # Marked django_db: it also makes pytest-django set up the test database when this module
    # runs on its own (the worker tests below use it through `committed_db`).
    from reports.tasks import render_report_version

    assert render_report_version.acks_late is True
    assert render_report_version.reject_on_worker_lost is True
    assert 0 < render_report_version.soft_time_limit < render_report_version.time_limit


def test_worker_renders_a_version(committed_db, celery_on_redis):
    inspection = build_inspection(cases=3)
    celery_on_redis("e-render")
    job = report_job_create(inspection=inspection, user=inspection.leads["ofsted"], kind="draft")
    _wait(
        lambda: ReportJob.objects.get(pk=job.pk).status in (JobStatus.READY, JobStatus.FAILED),
        120,
        "the job to finish",
    )
    job.refresh_from_db()
    assert job.status == JobStatus.READY, job.error
    version = ReportVersion.objects.get(job=job)
    assert version.kind == VersionKind.DRAFT and version.draft_number == 1
    assert version.pdf.read(5) == b"%PDF-"


def test_worker_killed_mid_render_yields_exactly_one_version(
    committed_db, celery_on_redis, tmp_path
):
    # The render holds at a known point (HTML made, PDF not laid out) while `hold` exists.
    hold = tmp_path / "hold-render"
    reached = tmp_path / "hold-render.reached"
    hold.touch()
    inspection = build_inspection(cases=3)
    celery_on_redis("e-doomed", env={"JTAI_REPORT_RENDER_HOLD_FILE": str(hold)})
    job = report_job_create(inspection=inspection, user=inspection.leads["ofsted"], kind="draft")

    _wait(reached.exists, 120, "the render to reach the hold")
    job_id, child_pid = (int(n) for n in reached.read_text().split())
    assert job_id == job.pk
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == (JobStatus.RENDERING, 40, 1)

    # Kill the pool child rendering it outright: the worker rejects the unacknowledged
    # message back to Redis, and a new child gets it.
    reached.unlink()
    os.kill(child_pid, signal.SIGKILL)
    job.refresh_from_db()
    assert job.status == JobStatus.RENDERING
    assert not ReportVersion.objects.filter(job=job).exists()

    _wait(reached.exists, 120, "the redelivered render to reach the hold")
    job_id, rescue_pid = (int(n) for n in reached.read_text().split())
    assert job_id == job.pk and rescue_pid != child_pid
    assert not ReportVersion.objects.filter(job=job).exists()
    hold.unlink()
    _wait(
        lambda: ReportJob.objects.get(pk=job.pk).status in (JobStatus.READY, JobStatus.FAILED),
        180,
        "the redelivered job to finish",
    )
    job.refresh_from_db()
    assert job.status == JobStatus.READY, job.error
    assert job.attempts == 2
    assert ReportVersion.objects.filter(inspection=inspection).count() == 1

    # A duplicate delivery of the same job finds its version and does nothing.
    from reports.tasks import render_report_version

    version = ReportVersion.objects.get(job=job)
    result = render_report_version.delay(job.pk)
    assert result.get(timeout=60) == version.pk
    assert ReportVersion.objects.filter(inspection=inspection).count() == 1
    assert version.pdf.read(5) == b"%PDF-"


def test_a_whole_worker_killed_mid_render_is_recovered_by_the_beat(
    committed_db, celery_on_redis, tmp_path, settings
):
    """SIGKILL the worker and its children: the broker would hold the message for its
    visibility timeout (an hour); the heartbeat shows the render died, and the beat task hands
    the job to another worker, which renders it once."""
    from jtai.celery import app
    from reports.tasks import recover_report_jobs

    settings.REPORT_JOB_STALE_SECONDS = 4
    app.conf.broker_transport_options = {"visibility_timeout": 3600}
    hold = tmp_path / "hold-render"
    reached = tmp_path / "hold-render.reached"
    hold.touch()
    inspection = build_inspection(cases=3)
    slow_redelivery = {"JTAI_VISIBILITY_TIMEOUT": "3600", "JTAI_REPORT_JOB_HEARTBEAT_SECONDS": "1"}
    doomed = celery_on_redis(
        "e-lost", env={"JTAI_REPORT_RENDER_HOLD_FILE": str(hold), **slow_redelivery}
    )
    job = report_job_create(inspection=inspection, user=inspection.leads["ofsted"], kind="draft")
    _wait(reached.exists, 120, "the render to reach the hold")

    # Alive, however long it takes: its heartbeat keeps it from being handed on.
    time.sleep(settings.REPORT_JOB_STALE_SECONDS + 2)
    recover_report_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RENDERING, 1)
    assert timezone.now() - job.heartbeat_at < datetime.timedelta(seconds=3)

    doomed.kill()
    killed = time.monotonic()
    reached.unlink()
    hold.unlink()
    celery_on_redis("e-rescue", env=slow_redelivery)

    def recovered():
        recover_report_jobs()
        time.sleep(0.5)
        return ReportJob.objects.get(pk=job.pk).status in (JobStatus.READY, JobStatus.FAILED)

    _wait(recovered, 120, "the beat to recover the job")
    assert time.monotonic() - killed < 120
    job.refresh_from_db()
    assert job.status == JobStatus.READY, job.error
    assert job.attempts == 2
    assert ReportVersion.objects.filter(inspection=inspection).count() == 1
