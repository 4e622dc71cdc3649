"""Scale-out shown: two real Celery workers on one Redis render 20 report jobs, each exactly
once, and a request's id reaches the log lines of the task it queued in a real worker.

`make scale-demo` runs this module. It needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL):
without them it is skipped, and with JTAI_REQUIRE_SERVICES=1 it fails.
"""

import json
import time
from collections import Counter

import pytest
from django.urls import reverse

from reports.factories import build_inspection
from reports.models import JobStatus, ReportJob, ReportVersion
from reports.services import report_job_create

pytestmark = [pytest.mark.celery_worker, pytest.mark.services]

RENDER = "reports.tasks.render_report_version"
JOBS = 20


def _json_lines(path) -> list[dict]:
    lines = []
    for raw in path.read_text(errors="replace").splitlines():
        if raw.startswith("{"):
            try:
                lines.append(json.loads(raw))
            except json.JSONDecodeError:
                continue
    return lines


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.django_db
def test_the_module_has_a_database():
    # Marked django_db: pytest-django sets up the test database when this module runs on its
    # own (the worker tests below use it through `committed_db`).
    assert ReportJob.objects.count() >= 0


def test_two_workers_render_twenty_jobs_each_exactly_once(committed_db, celery_on_redis, tmp_path):
    json_logs = {"JTAI_LOG_FORMAT": "json"}
    workers = [celery_on_redis("s-one", env=json_logs), celery_on_redis("s-two", env=json_logs)]
    inspections = [build_inspection(cases=1, evidence_per_agency=1) for _ in range(JOBS)]
    started = time.monotonic()
    jobs = [
        report_job_create(inspection=i, user=i.leads["ofsted"], kind="draft") for i in inspections
    ]
    ids = [job.pk for job in jobs]

    def finished():
        done = ReportJob.objects.filter(pk__in=ids, status__in=[JobStatus.READY, JobStatus.FAILED])
        return done.count() == JOBS

    _wait(finished, 240, f"{JOBS} jobs to finish")
    elapsed = time.monotonic() - started

    rows = ReportJob.objects.filter(pk__in=ids)
    assert {job.status for job in rows} == {JobStatus.READY}, [j.error for j in rows]
    assert {job.attempts for job in rows} == {1}  # nobody took a job another had taken
    versions = Counter(ReportVersion.objects.filter(job__pk__in=ids).values_list("job", flat=True))
    assert sorted(versions) == sorted(ids) and set(versions.values()) == {1}

    # Each render began exactly once across the two workers, and both took a share.
    per_worker = {}
    for worker in workers:
        lines = _json_lines(worker.log)
        per_worker[worker.log.name] = [
            line["task_id"]
            for line in lines
            if line.get("event") == "task started" and line.get("task") == RENDER
        ]
    everything = [task for tasks in per_worker.values() for task in tasks]
    assert len(everything) == JOBS and len(set(everything)) == JOBS, per_worker
    assert all(per_worker.values()), per_worker
    print(  # noqa: T201 - the demonstration's figures (`make scale-demo` shows them)
        f"\nscale-out: {JOBS} jobs rendered once each in {elapsed:.1f}s; "
        + ", ".join(f"{name}: {len(tasks)}" for name, tasks in per_worker.items())
    )


def test_a_request_id_reaches_the_task_in_a_real_worker(committed_db, celery_on_redis, client):
    worker = celery_on_redis("s-logs", env={"JTAI_LOG_FORMAT": "json"})
    inspection = build_inspection(cases=1, evidence_per_agency=1)
    lead = inspection.leads["ofsted"]
    client.force_login(lead)
    response = client.post(
        reverse("reports:generate", args=[inspection.pk]),
        {"kind": "draft"},
        headers={"X-Request-ID": "generate-draft-request-42"},
    )
    assert response.status_code == 302
    assert response["X-Request-ID"] == "generate-draft-request-42"
    job = ReportJob.objects.get(inspection=inspection)

    def logged():
        return any(
            line.get("event") == "task finished" and line.get("task") == RENDER
            for line in _json_lines(worker.log)
        )

    _wait(logged, 120, "the worker to log the render")
    lines = [line for line in _json_lines(worker.log) if line.get("task") == RENDER]
    assert {line["event"] for line in lines} >= {"task started", "task finished"}
    for line in lines:
        assert line["request_id"] == "generate-draft-request-42", line
        assert line["user_id"] == lead.pk and line["inspection_id"] == inspection.pk
    assert ReportJob.objects.get(pk=job.pk).status == JobStatus.READY
