"""Every write of the report: draft text, generation jobs and versions, factual accuracy,
publication and the written statement of action. Keyword-only, atomic, raising
`ApplicationError` when a rule is broken.

The inspection's status moves only through the lifecycle's verbs (`inspections.services`),
which check roles and source states and write the audit trail; `reports.lifecycle` adds the
report's guards (no publication without a final version) and after-hooks.
"""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from inspections.models import (
    Inspection,
    Judgement,
    JudgementStatus,
    SharedJudgement,
    Status,
)
from inspections.permissions import is_overall_lead
from inspections.services import (
    inspection_await_action_plan,
    inspection_close,
    inspection_publish,
    inspection_send_for_factual_accuracy,
)
from inspections.workdays import add_working_days
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError

from .assembly import assemble_report, report_title
from .models import (
    ActionPlan,
    ActionPlanStatus,
    FactualAccuracyComment,
    FactualAccuracyRequest,
    JobStatus,
    Publication,
    ReportDraft,
    ReportJob,
    ReportVersion,
    VersionKind,
)
from .rendering import html_to_pdf, render_print_html, version_marking

logger = logging.getLogger(__name__)

FACTUAL_ACCURACY_LINK_DAYS = 14
FACTUAL_ACCURACY_WORKING_DAYS = 10
ACTION_PLAN_MAX_BYTES = 10 * 1024 * 1024

# Which kinds of version may be generated in which inspection states.
KIND_STATES = {
    VersionKind.DRAFT: (Status.MODERATION, Status.FACTUAL_ACCURACY),
    VersionKind.FACTUAL_ACCURACY: (Status.MODERATION,),
    VersionKind.FINAL: (Status.FACTUAL_ACCURACY,),
}


def _require_overall_lead(user, inspection) -> None:
    if not is_overall_lead(user, inspection):
        raise ApplicationError("Only the inspection's overall lead inspector can do this.")


# Drafting -------------------------------------------------------------------------------------


@transaction.atomic
def report_draft_update(*, inspection: Inspection, user, key_findings: str) -> ReportDraft:
    _require_overall_lead(user, inspection)
    if inspection.status in (Status.PUBLISHED, Status.ACTION_PLAN_DUE, Status.CLOSED):
        raise ConflictError("The report has been published; its text can no longer change.")
    key_findings = (key_findings or "").strip()
    if len(key_findings) > 20000:
        raise ApplicationError(
            "The key findings are too long.",
            fields={"key_findings": ["Key findings must be 20,000 characters or fewer."]},
        )
    draft, _ = ReportDraft.objects.select_for_update().get_or_create(inspection=inspection)
    draft.key_findings = key_findings
    draft.updated_by = user
    draft.updated_at = clock.now()
    draft.full_clean()
    draft.save()
    return draft


# Generation -----------------------------------------------------------------------------------


def _shared_is_agreed(shared: SharedJudgement, inspectorate_ids: set[int]) -> bool:
    try:  # The recording slice owns the rule, where it has landed.
        from inspections.recording.services import shared_judgement_is_agreed
    except ImportError:
        shared_judgement_is_agreed = None
    if shared_judgement_is_agreed is not None:
        return shared_judgement_is_agreed(shared)
    agreed = {
        a.inspectorate_id
        for a in shared.agreements.all()
        if a.agrees and a.judgement_version == shared.version
    }
    return bool(inspectorate_ids) and inspectorate_ids <= agreed


def generation_blockers(inspection: Inspection) -> list[str]:
    """Why the report cannot be generated yet (empty when it can)."""
    reasons = []
    counts = {}
    for status in Judgement.objects.filter(inspection=inspection).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    total = sum(counts.values())
    if not total:
        reasons.append("There are no judgements to report.")
    pending = total - counts.get(JudgementStatus.SIGNED_OFF, 0)
    if pending:
        reasons.append(
            f"{pending} of {total} judgement{'s' if total != 1 else ''} "
            f"{'are' if pending != 1 else 'is'} not signed off."
        )
    inspectorate_ids = set(inspection.inspectorates.values_list("pk", flat=True))
    for shared in (
        SharedJudgement.objects.filter(inspection=inspection)
        .select_related("area")
        .prefetch_related("agreements")
    ):
        if not _shared_is_agreed(shared, inspectorate_ids):
            reasons.append(f"The shared judgement “{shared.area.title}” is not agreed by all.")
    return reasons


@transaction.atomic
def report_job_create(*, inspection: Inspection, user, kind: str) -> ReportJob:
    """Queue the generation of a version; a worker renders it after this transaction commits."""
    _require_overall_lead(user, inspection)
    if kind not in VersionKind.values:
        raise ApplicationError(
            "Choose which version to generate.", fields={"kind": ["Choose a kind of version."]}
        )
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.status not in KIND_STATES[kind]:
        raise ConflictError(
            f"A {VersionKind(kind).label.lower()} version cannot be generated while the "
            f"inspection is {inspection.get_status_display().lower()}."
        )
    blockers = generation_blockers(inspection)
    if blockers:
        raise ApplicationError(" ".join(blockers), fields={"kind": blockers})
    if any(
        not job_is_stalled(job)
        for job in ReportJob.objects.filter(
            inspection=inspection, status__in=[JobStatus.QUEUED, JobStatus.RENDERING]
        )
    ):
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
    job = ReportJob(inspection=inspection, kind=kind, requested_by=user, created_at=clock.now())
    job.full_clean()
    job.save()
    _enqueue(job)
    return job


def _enqueue(job: ReportJob) -> None:
    from .tasks import render_report_version

    render_report_version.delay_on_commit(job.pk)


def job_is_stalled(job: ReportJob, now=None) -> bool:
    """Queued or rendering for longer than the task's hard time limit allows: its worker was
    lost and the broker has not handed it on (yet). It may be retried; if the original
    delivery comes back after all, the job still yields one version."""
    from .tasks import RENDER_TIME_LIMIT

    if job.status not in (JobStatus.QUEUED, JobStatus.RENDERING):
        return False
    since = job.started_at or job.created_at
    return (now or clock.now()) - since > datetime.timedelta(seconds=RENDER_TIME_LIMIT + 120)


@transaction.atomic
def report_job_retry(*, job: ReportJob, user) -> ReportJob:
    _require_overall_lead(user, job.inspection)
    job = ReportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != JobStatus.FAILED and not job_is_stalled(job):
        raise ConflictError("Only a failed or stalled generation can be retried.")
    ReportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.QUEUED, progress=0, error="", finished_at=None
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
    ReportJob.objects.filter(pk=job_id).update(
        status=JobStatus.RENDERING,
        progress=5,
        started_at=clock.now(),
        attempts=job.attempts + 1,
        error="",
    )
    snapshot = assemble_report(job.inspection_id)
    _set_progress(job_id, 25)
    html = render_print_html(
        snapshot,
        version_label=_next_label(job),
        marking=version_marking(job.kind),
    )
    _set_progress(job_id, 40)
    pdf = html_to_pdf(html)
    _set_progress(job_id, 90)
    return _store_version(job_id=job_id, snapshot=snapshot, pdf=pdf)


def _next_label(job: ReportJob) -> str:
    if job.kind == VersionKind.DRAFT:
        n = ReportVersion.objects.filter(inspection_id=job.inspection_id, kind="draft").count()
        return f"Draft {n + 1}"
    return VersionKind(job.kind).label + " version"


@transaction.atomic
def _store_version(*, job_id: int, snapshot: dict, pdf) -> ReportVersion:
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


# Factual accuracy -----------------------------------------------------------------------------


@transaction.atomic
def factual_accuracy_send(*, version: ReportVersion, user, recipients: list[dict]):
    """Send the factual-accuracy version to the area's leaders, with an expiring link."""
    inspection = version.inspection
    _require_overall_lead(user, inspection)
    if version.kind != VersionKind.FACTUAL_ACCURACY:
        raise ApplicationError("Only the factual accuracy version can be sent to the area.")
    if not recipients:
        raise ApplicationError(
            "The area has no contacts to send the report to.",
            fields={"recipients": ["Choose at least one contact."]},
        )
    now = clock.now()
    request = FactualAccuracyRequest(
        version=version,
        recipients=recipients,
        sent_by=user,
        sent_at=now,
        expires_at=now + datetime.timedelta(days=FACTUAL_ACCURACY_LINK_DAYS),
        comments_due=add_working_days(clock.today(), FACTUAL_ACCURACY_WORKING_DAYS),
    )
    request.full_clean()
    request.save()
    if inspection.status == Status.MODERATION:
        inspection_send_for_factual_accuracy(
            inspection=inspection,
            by=user,
            reason=f"Factual accuracy version sent to {len(recipients)} contact(s).",
        )
    from .tasks import send_factual_accuracy_emails

    send_factual_accuracy_emails.delay_on_commit(request.pk)
    return request


@transaction.atomic
def factual_accuracy_comment_record(
    *, request: FactualAccuracyRequest, user, from_name: str, section: str, comment: str
) -> FactualAccuracyComment:
    _require_overall_lead(user, request.version.inspection)
    errors = {}
    if not (from_name or "").strip():
        errors["from_name"] = ["Enter who the comment is from."]
    if not (comment or "").strip():
        errors["comment"] = ["Enter the comment."]
    if errors:
        raise ApplicationError("The comment could not be recorded.", fields=errors)
    item = FactualAccuracyComment(
        request=request,
        from_name=from_name.strip(),
        section=(section or "").strip(),
        comment=comment.strip(),
        recorded_by=user,
        recorded_at=clock.now(),
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def factual_accuracy_comment_respond(
    *, comment: FactualAccuracyComment, user, response: str, note: str
) -> FactualAccuracyComment:
    _require_overall_lead(user, comment.request.version.inspection)
    pending = FactualAccuracyComment.Response.PENDING
    valid = [r for r in FactualAccuracyComment.Response.values if r != pending]
    if response not in valid:
        raise ApplicationError(
            "Choose a response.", fields={"response": ["Choose how the report responds."]}
        )
    comment.response = response
    comment.response_note = (note or "").strip()
    comment.responded_at = clock.now()
    comment.full_clean()
    comment.save()
    return comment


# Publication ----------------------------------------------------------------------------------


def _unique_slug(base: str) -> str:
    slug = slugify(base)[:150] or "report"
    candidate, n = slug, 2
    while Publication.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


@transaction.atomic
def report_publish(
    *, inspection: Inspection, user, publish_at: datetime.datetime | None = None
) -> Publication:
    """Publish the final version now, or under embargo until `publish_at`."""
    _require_overall_lead(user, inspection)
    final = ReportVersion.objects.filter(inspection=inspection, kind=VersionKind.FINAL).first()
    if final is None:
        raise ApplicationError(
            "Generate the final version before publishing.",
            fields={"publish_at": ["There is no final version to publish."]},
        )
    if Publication.objects.filter(inspection=inspection).exists():
        raise ConflictError("This report has already been published.")
    now = clock.now()
    publish_at = publish_at or now
    if publish_at < now - datetime.timedelta(minutes=1):
        raise ApplicationError(
            "The publication time is in the past.",
            fields={"publish_at": ["Publication must be now or in the future."]},
        )
    if inspection.status != Status.FACTUAL_ACCURACY:
        raise ConflictError(
            "Only a report that has been through factual accuracy can be published "
            f"(the inspection is {inspection.get_status_display().lower()})."
        )
    publication = Publication(
        inspection=inspection,
        version=final,
        slug=_unique_slug(
            f"{inspection.authority.name}-{inspection.framework_version.framework.code}-"
            f"{inspection.window_start:%Y-%m}"
        ),
        title=report_title(inspection),
        publish_at=publish_at,
        published_by=user,
        created_at=now,
    )
    publication.full_clean()
    publication.save()
    inspection_publish(
        inspection=inspection,
        by=user,
        reason=(
            f"Published under embargo until {timezone.localtime(publish_at):%-d %B %Y %H:%M}."
            if publish_at > now
            else "Published."
        ),
    )
    if inspection.framework_version.action_plan_working_days:
        # reports.lifecycle's after-hook creates the action plan, due from `publish_at`.
        inspection_await_action_plan(inspection=inspection, by=user)
    return publication


def action_plan_due_date(publication: Publication):
    days = publication.inspection.framework_version.action_plan_working_days
    return add_working_days(timezone.localtime(publication.publish_at).date(), days)


def _validate_pdf_upload(document) -> bytes:
    if document is None:
        raise ApplicationError(
            "Choose the written statement of action to upload.",
            fields={"document": ["Select a PDF file."]},
        )
    if document.size > ACTION_PLAN_MAX_BYTES:
        raise ApplicationError(
            "The file is too large.", fields={"document": ["The file must be smaller than 10 MB."]}
        )
    data = document.read()
    if not data.startswith(b"%PDF-"):
        raise ApplicationError(
            "The file is not a PDF.", fields={"document": ["The selected file must be a PDF."]}
        )
    return data


@transaction.atomic
def action_plan_submit(*, action_plan: ActionPlan, user, document) -> ActionPlan:
    """Record the partnership's written statement of action (a PDF)."""
    inspection = action_plan.publication.inspection
    if not (user.is_admin or is_overall_lead(user, inspection)):
        raise ApplicationError("Only an admin or the overall lead can record the submission.")
    data = _validate_pdf_upload(document)
    plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    if plan.status == ActionPlanStatus.ACCEPTED:
        raise ConflictError("The written statement of action has already been accepted.")
    plan.document.save(
        f"{inspection.reference}-statement-of-action.pdf", ContentFile(data), save=False
    )
    plan.document_sha256 = hashlib.sha256(data).hexdigest()
    plan.status = ActionPlanStatus.SUBMITTED
    plan.submitted_by = user
    plan.submitted_at = clock.now()
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def action_plan_accept(*, action_plan: ActionPlan, user) -> ActionPlan:
    """An admin accepts the submitted statement of action, which closes the inspection."""
    inspection = action_plan.publication.inspection
    if not user.is_admin:
        raise ApplicationError("Only an admin can accept the written statement of action.")
    plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    if plan.status != ActionPlanStatus.SUBMITTED:
        raise ConflictError("Only a submitted statement of action can be accepted.")
    plan.status = ActionPlanStatus.ACCEPTED
    plan.save(update_fields=["status"])
    inspection_close(inspection=inspection, by=user, reason="Written statement of action accepted.")
    return plan
