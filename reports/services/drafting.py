"""Drafting the report and generating its versions: the key findings box, generation jobs queued
for a worker, and the worker's render of one version, exactly once."""

from __future__ import annotations

import datetime
import logging
import os
import threading
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Count, Max, Q, prefetch_related_objects

from inspections.models import Inspection, Judgement, JudgementStatus, SharedJudgement, Status
from inspections.recording.selectors import shared_judgement_is_agreed
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError
from jtai.queue import send_now

from ..assembly import assemble_report
from ..models import (
    ACTIVE_JOB_STATUSES,
    FactualAccuracyComment,
    JobStatus,
    ReportJob,
    ReportSection,
    ReportVersion,
    VersionKind,
)
from ..permissions import require_can_write_report
from ..privacy import inspection_snapshot_check
from ..rendering import html_to_pdf, render_print_html, version_marking

logger = logging.getLogger(__name__)

# Which kinds of version may be generated in which inspection states.
KIND_STATES = {
    VersionKind.DRAFT: (Status.MODERATION, Status.FACTUAL_ACCURACY),
    VersionKind.FACTUAL_ACCURACY: (Status.MODERATION,),
    VersionKind.FINAL: (Status.FACTUAL_ACCURACY,),
}


# Set only by the worker tests: a file whose presence holds every render at a known point
# (after the HTML, before the PDF layout), so a test can kill the worker there. Read once.
RENDER_HOLD_FILE = os.environ.get("JTAI_REPORT_RENDER_HOLD_FILE", "")


# Drafting -------------------------------------------------------------------------------------


def report_draft_update(*, inspection: Inspection, user, key_findings: str) -> ReportSection:
    """The key findings (a letter's headline findings) from the lead's single box: a save of
    that section over its current version. Kept for the page's and API's old form; sections
    are written through `report_section_save`."""
    from .sections import key_findings_section, report_section_save

    require_can_write_report(user, inspection)
    if inspection.status in (Status.PUBLISHED, Status.ACTION_PLAN_DUE, Status.CLOSED):
        raise ConflictError("The report has been published; its text can no longer change.")
    key_findings = (key_findings or "").strip()
    if len(key_findings) > 20000:
        raise ApplicationError(
            "The key findings are too long.",
            fields={"key_findings": ["Key findings must be 20,000 characters or fewer."]},
        )
    section = key_findings_section(inspection)
    return report_section_save(
        section=section, user=user, version=section.version, text=key_findings
    )


# Generation -----------------------------------------------------------------------------------


def generation_blockers(inspection: Inspection) -> list[str]:
    """Why the report cannot be generated yet (empty when it can)."""
    reasons = []
    counts = Judgement.objects.filter(inspection=inspection).aggregate(
        total=Count("pk"), signed_off=Count("pk", filter=Q(status=JudgementStatus.SIGNED_OFF))
    )
    total = counts["total"]
    if not total:
        reasons.append("There are no judgements to report.")
    pending = total - counts["signed_off"]
    if pending:
        reasons.append(
            f"{pending} of {total} judgement{'s' if total != 1 else ''} "
            f"{'are' if pending != 1 else 'is'} not signed off."
        )
    shared_judgements = list(
        SharedJudgement.objects.filter(inspection=inspection)
        .select_related("area")
        .only("version", "area", "area__title")
        .prefetch_related("agreements")
    )
    if shared_judgements:
        # Each is agreed by the inspection's inspectorates: read once, for all of them.
        prefetch_related_objects([inspection], "inspectorates")
    for shared in shared_judgements:
        shared.inspection = inspection
        if not shared_judgement_is_agreed(shared):
            reasons.append(f"The shared judgement “{shared.area.title}” is not agreed by all.")
    return reasons


@transaction.atomic
def report_job_create(*, inspection: Inspection, user, kind: str) -> ReportJob:
    """Record the generation of a version and hand it to the broker once this transaction
    commits (`report_job_dispatch`).

    The job row is the outbox: it is committed as waiting for the queue, so a broker that is
    down loses nothing and blocks nothing; the job is sent when the broker is back (by the
    next request for the same version, or `recover_report_jobs`).
    """
    require_can_write_report(user, inspection)
    if kind not in VersionKind.values:
        raise ApplicationError(
            "Choose which version to generate.", fields={"kind": ["Choose a kind of version."]}
        )
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.status not in KIND_STATES[kind]:
        raise ConflictError(
            f"A {VersionKind(kind).label.lower()} version cannot be generated while the "
            f"inspection is {inspection.status_phrase}."
        )
    blockers = generation_blockers(inspection)
    if blockers:
        raise ApplicationError(" ".join(blockers), fields={"kind": blockers})
    active = list(ReportJob.objects.filter(inspection=inspection, status__in=ACTIVE_JOB_STATUSES))
    waiting = next((j for j in active if j.status == JobStatus.WAITING and j.kind == kind), None)
    if waiting is not None:
        # The same version asked for again while the broker was away: send that job again.
        _enqueue(waiting)
        return waiting
    if any(not job_is_stalled(job) for job in active):
        raise ConflictError("A version is already being generated. Wait for it to finish.")
    if kind == VersionKind.FINAL:
        if ReportVersion.objects.filter(inspection=inspection, kind=VersionKind.FINAL).exists():
            raise ConflictError("The final version has already been generated.")
        if FactualAccuracyComment.objects.filter(
            request__version__inspection=inspection,
            response=FactualAccuracyComment.Response.PENDING,
        ).exists():
            raise ApplicationError(
                "Respond to every factual accuracy comment before making the final version.",
                fields={"kind": ["Some factual accuracy comments have no response."]},
            )
    job = ReportJob(
        inspection=inspection,
        kind=kind,
        requested_by=user,
        status=JobStatus.WAITING,
        waiting_since=clock.now(),
        created_at=clock.now(),
    )
    job.full_clean()
    job.save()
    _enqueue(job)
    return job


def _enqueue(job: ReportJob) -> None:
    transaction.on_commit(partial(report_job_dispatch, job=job))


def report_job_dispatch(*, job: ReportJob) -> bool:
    """Hand a job waiting for the queue to the broker, within a couple of seconds at most.

    True when the broker took it (the job is then queued, unless a worker already started it);
    False when the broker could not be reached: the job stays waiting and is sent again later.
    `job` is refreshed, so a caller shows what happened.
    """
    if send_now("reports.tasks.render_report_version", job.pk):
        ReportJob.objects.filter(pk=job.pk, status=JobStatus.WAITING).update(
            status=JobStatus.QUEUED, queued_at=clock.now()
        )
        sent = True
    else:
        sent = False
    job.refresh_from_db()
    return sent


def _stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.REPORT_JOB_STALE_SECONDS)


# The render task's limits (the worker enforces them; a job past the hard one has lost its worker).
RENDER_SOFT_TIME_LIMIT = 240
RENDER_TIME_LIMIT = 300
# A job the broker accepted but no worker started for this long was probably lost with the
# broker's data (a Redis restarted without persistence): it is sent again.
QUEUED_LOST_AFTER = datetime.timedelta(minutes=7)
# A job that has just started waiting is left to the request that recorded it.
WAITING_GRACE = datetime.timedelta(seconds=5)
# A job whose worker is lost this many times (each render killing it, say) fails for good.
MAX_RENDER_ATTEMPTS = 3


def job_is_stalled(job: ReportJob, now=None) -> bool:
    """Queued or rendering with no sign of life for too long: its worker was lost and nothing
    has handed it on (yet). It may be retried; if the original delivery comes back after all,
    the job still yields one version. A job waiting for the queue is not stalled: it is sent as
    soon as the broker is back."""
    now = now or clock.now()
    if job.status == JobStatus.RENDERING and job.heartbeat_at is not None:
        return now - job.heartbeat_at > _stale_after()
    if job.status == JobStatus.RENDERING:
        since = job.started_at or job.created_at
    elif job.status == JobStatus.QUEUED:
        # Not `started_at`: a job queued again after a failure started long ago.
        since = job.queued_at or job.created_at
    else:
        return False
    return now - since > datetime.timedelta(seconds=RENDER_TIME_LIMIT + 120)


def report_jobs_recover(*, now=None) -> list[int]:
    """Hand on every job that lost its way; the ids of the jobs sent to the broker.

    - rendering with a heartbeat older than `REPORT_JOB_STALE_SECONDS`: its worker died (a
      render that is alive beats, so it is never delivered twice); after `MAX_RENDER_ATTEMPTS`
      it fails instead;
    - queued for longer than `QUEUED_LOST_AFTER` and never started;
    - waiting for the queue: sent again.
    A job handed on twice by accident still yields one version (`_store_version`).
    """
    now = now or clock.now()
    lost = ReportJob.objects.filter(
        Q(status=JobStatus.RENDERING, heartbeat_at__lt=now - _stale_after())
        | Q(status=JobStatus.QUEUED, queued_at__lt=now - QUEUED_LOST_AFTER)
    )
    recovered = []
    for job in lost:
        unchanged = ReportJob.objects.filter(
            pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at, queued_at=job.queued_at
        )
        if job.status == JobStatus.RENDERING and job.attempts >= MAX_RENDER_ATTEMPTS:
            unchanged.update(
                status=JobStatus.FAILED,
                error=f"The worker was lost {job.attempts} times while generating this version.",
                finished_at=now,
            )
            continue
        if unchanged.update(status=JobStatus.WAITING, waiting_since=now, progress=0):
            logger.warning("Report job %s lost its worker or message; sending it again.", job.pk)
            recovered.append(job.pk)
    sent = []
    for job in ReportJob.objects.filter(status=JobStatus.WAITING).filter(
        Q(waiting_since__isnull=True)
        | Q(waiting_since__lt=now - WAITING_GRACE)
        | Q(pk__in=recovered)
    ):
        if report_job_dispatch(job=job):
            sent.append(job.pk)
    return sent


@transaction.atomic
def report_job_retry(*, job: ReportJob, user) -> ReportJob:
    require_can_write_report(user, job.inspection)
    job = ReportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != JobStatus.FAILED and not job_is_stalled(job):
        raise ConflictError("Only a failed or stalled generation can be retried.")
    ReportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.WAITING,
        progress=0,
        error="",
        finished_at=None,
        waiting_since=clock.now(),
    )
    job.refresh_from_db()
    _enqueue(job)
    return job


def _set_progress(job_id: int, progress: int, **fields) -> None:
    ReportJob.objects.filter(pk=job_id).update(progress=progress, **fields)


def report_job_run(*, job_id: int) -> ReportVersion | None:
    """The worker's work: assemble, render and store one version for a job, exactly once.

    Idempotent: a redelivered job whose version exists does nothing. Rendering happens outside
    any transaction (it is slow); the version is written under a lock on the job, so two
    deliveries racing still leave one version (and the one-to-one on `job` guarantees it).
    """
    job = ReportJob.objects.select_related("inspection").filter(pk=job_id).first()
    if job is None:
        logger.warning("Report job %s does not exist; nothing to do.", job_id)
        return None
    existing = ReportVersion.objects.filter(job_id=job_id).first()
    if existing is not None:
        if job.status != JobStatus.READY:
            _set_progress(job_id, 100, status=JobStatus.READY, finished_at=clock.now())
        return existing
    if job.status == JobStatus.FAILED:
        return None
    now = clock.now()
    ReportJob.objects.filter(pk=job_id).update(
        status=JobStatus.RENDERING,
        progress=5,
        started_at=now,
        heartbeat_at=now,
        attempts=job.attempts + 1,
        error="",
    )
    with _heartbeat(job_id):
        snapshot = assemble_report(job.inspection_id)
        _set_progress(job_id, 25)
        html = render_print_html(
            snapshot,
            version_label=_next_label(job),
            marking=version_marking(job.kind),
        )
        _set_progress(job_id, 40)
        _hold_for_tests(job_id)
        pdf = html_to_pdf(html, kind=job.kind)
        _set_progress(job_id, 90)
        return _store_version(job_id=job_id, snapshot=snapshot, pdf=pdf)


@contextmanager
def _heartbeat(job_id: int):
    """Stamp `heartbeat_at` every `REPORT_JOB_HEARTBEAT_SECONDS` while the render runs (from a
    thread: the layout itself gives no chance to), so `recover_report_jobs` can tell a render
    that is alive, however slow, from one whose worker died.

    Not inside a transaction (a test's): another connection would not see the job anyway."""
    if connection.in_atomic_block:
        yield
        return
    stop = threading.Event()
    interval = settings.REPORT_JOB_HEARTBEAT_SECONDS

    def beat():
        try:
            while not stop.wait(interval):
                try:
                    ReportJob.objects.filter(pk=job_id, status=JobStatus.RENDERING).update(
                        heartbeat_at=clock.now()
                    )
                except Exception:  # a missed beat must never break the render; try again
                    logger.warning("Report job %s: heartbeat missed", job_id, exc_info=True)
                    connection.close()
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"report-job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 5)


def _hold_for_tests(job_id: int) -> None:
    """With `JTAI_REPORT_RENDER_HOLD_FILE` naming a file that exists, write "<job id> <process
    id>" to `<file>.reached` and wait while the file exists (the worker tests kill the process
    there). Never set outside those tests."""
    if not RENDER_HOLD_FILE:
        return
    hold = Path(RENDER_HOLD_FILE)
    if not hold.exists():
        return
    reached = Path(f"{RENDER_HOLD_FILE}.reached")
    partial = reached.with_name(reached.name + ".partial")
    partial.write_text(f"{job_id} {os.getpid()}")
    partial.replace(reached)  # whole or absent: the test never reads half a line
    while hold.exists():
        time.sleep(0.1)


def _next_label(job: ReportJob) -> str:
    if job.kind == VersionKind.DRAFT:
        n = ReportVersion.objects.filter(inspection_id=job.inspection_id, kind="draft").count()
        return f"Draft {n + 1}"
    return VersionKind(job.kind).label + " version"


@transaction.atomic
def _store_version(*, job_id: int, snapshot: dict, pdf) -> ReportVersion:
    inspection_snapshot_check(snapshot)  # nothing that identifies a child is ever stored
    job = ReportJob.objects.select_for_update().select_related("inspection").get(pk=job_id)
    existing = ReportVersion.objects.filter(job_id=job_id).first()
    if existing is not None:
        return existing
    # Serialise version numbering per inspection.
    Inspection.objects.select_for_update().filter(pk=job.inspection_id).first()
    numbers = ReportVersion.objects.filter(inspection_id=job.inspection_id).aggregate(
        n=Max("number")
    )
    number = (numbers["n"] or 0) + 1
    draft_number = None
    if job.kind == VersionKind.DRAFT:
        draft_number = (
            ReportVersion.objects.filter(
                inspection_id=job.inspection_id, kind=VersionKind.DRAFT
            ).count()
            + 1
        )
    version = ReportVersion(
        inspection_id=job.inspection_id,
        job=job,
        number=number,
        kind=job.kind,
        draft_number=draft_number,
        pdf_sha256=pdf.sha256,
        pdf_size=len(pdf.data),
        page_count=pdf.page_count,
        snapshot=snapshot,
        created_by=job.requested_by,
        created_at=clock.now(),
    )
    version.pdf.save(
        f"{job.inspection.reference}-v{number}-{pdf.sha256[:12]}.pdf",
        ContentFile(pdf.data),
        save=False,
    )
    version.full_clean()
    version.save()
    ReportJob.objects.filter(pk=job_id).update(
        status=JobStatus.READY, progress=100, finished_at=clock.now(), error=""
    )
    return version


def report_job_fail(*, job_id: int, error: str) -> None:
    ReportJob.objects.filter(pk=job_id).exclude(status=JobStatus.READY).update(
        status=JobStatus.FAILED, error=error[:2000], finished_at=clock.now()
    )


def report_render_now(*, inspection: Inspection, user, kind: str) -> ReportVersion:
    """Create a job and run it in this process (demo seeding and benchmarks; never a request)."""
    with transaction.atomic():
        job = ReportJob.objects.create(
            inspection=inspection, kind=kind, requested_by=user, created_at=clock.now()
        )
    return report_job_run(job_id=job.pk)
