"""Celery tasks for reports: thin, idempotent, taking ids.

Rendering is acknowledged late and rejected when the worker is lost, so a pool process killed
mid-render hands the job back to the broker and another one renders it; the service finds a
finished version and does nothing on any later delivery. A whole worker lost (its message then
held by the broker for the visibility timeout) stops the job's heartbeat, and the beat task
`recover_report_jobs` hands the job on; it also sends the jobs recorded while the broker was
unreachable (see `reports.services.report_job_create`).
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from jtai import clock, metrics
from jtai.exceptions import ApplicationError

from .services.drafting import RENDER_SOFT_TIME_LIMIT, RENDER_TIME_LIMIT

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=RENDER_SOFT_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT,
    max_retries=2,
)
def render_report_version(self, job_id: int) -> int | None:
    from .services import report_job_fail, report_job_run

    try:
        version = report_job_run(job_id=job_id)
    except SoftTimeLimitExceeded:
        logger.error("Report job %s took too long and was stopped", job_id)
        metrics.record_render_failure(reason="time_limit")
        report_job_fail(job_id=job_id, error="Generation took too long and was stopped.")
        return None
    except ApplicationError as exc:  # a rule of the report's content: the lead can fix it
        logger.warning("Report job %s refused: %s", job_id, exc.message)
        metrics.record_render_failure(reason="refused")
        report_job_fail(job_id=job_id, error=exc.message)
        return None
    except Exception as exc:
        logger.exception("Report job %s failed", job_id)
        metrics.record_render_failure(reason="error")
        report_job_fail(job_id=job_id, error=f"{type(exc).__name__}: {exc}")
        return None
    return version.pk if version else None


@shared_task(ignore_result=True)
def recover_report_jobs() -> list[int]:
    """Beat task (every 30 seconds): hand on jobs whose worker died, and send the jobs waiting
    for the queue. Cheap when there is nothing to do: two queries."""
    from .services import report_jobs_recover

    return report_jobs_recover()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_factual_accuracy_emails(request_id: int) -> int:
    """Email each recipient their own link to the factual-accuracy PDF, once: a redelivery
    emails only those not yet emailed, and a link revoked meanwhile is not sent."""
    from .links import link_token
    from .models import FactualAccuracyLink, FactualAccuracyRequest

    request = (
        FactualAccuracyRequest.objects.select_related("version__inspection__authority")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        return 0
    inspection = request.version.inspection
    site = settings.SITE_URL
    sent = 0
    for link in request.links.filter(revoked_at__isnull=True, emailed_at__isnull=True):
        url = site + reverse("reports:factual-accuracy-download", args=[link_token(link.pk)])
        send_mail(
            subject=f"Factual accuracy check: {inspection.authority.name} joint inspection report",
            message=(
                f"Dear {link.name},\n\n"
                f"The draft report of the joint inspection in {inspection.authority.name} is "
                f"ready for your factual accuracy check. Download it here (the link is yours "
                f"alone and works until {request.expires_at:%-d %B %Y}):\n\n{url}\n\n"
                f"Please send any comments by {request.comments_due:%-d %B %Y}. The draft is "
                f"restricted and must not be shared or published.\n"
            ),
            from_email=None,
            recipient_list=[link.email],
        )
        FactualAccuracyLink.objects.filter(pk=link.pk).update(emailed_at=clock.now())
        sent += 1
    return sent


@shared_task(ignore_result=True)
def send_waiting_factual_accuracy_emails() -> list[int]:
    """Beat task (every minute): send the factual-accuracy emails the broker never took."""
    from .services import factual_accuracy_emails_recover

    return factual_accuracy_emails_recover()


@shared_task(ignore_result=True)
def ask_for_due_action_plans() -> list[int]:
    """Beat task: once an embargoed report is public, ask for its statement of action."""
    from .services.publication import action_plans_ask_due

    return action_plans_ask_due()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_published_edition(publication_id: int) -> str | None:
    """The published edition: the final version's text with its publication date on the cover
    (a date nobody knows when the final version is made). Once: a redelivery finds it stored."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from .models import Publication
    from .rendering import html_to_pdf, published_edition_name, render_print_html

    publication = Publication.objects.select_related("version").filter(pk=publication_id).first()
    if publication is None:
        return None
    name = published_edition_name(publication)
    if default_storage.exists(name):
        return name
    html = render_print_html(
        publication.version.snapshot,
        published_on=timezone.localtime(publication.publish_at).date(),
    )
    return default_storage.save(name, ContentFile(html_to_pdf(html, kind="published").data))


@shared_task(ignore_result=True)
def send_due_pre_publication_copies() -> list[int]:
    """Beat task (daily, early morning): send each pre-publication copy on its due day, the
    framework's working days before publication. Idempotent: a copy is recorded once per
    publication, so a second run (or the lead's earlier button) sends nothing more."""
    from .services import pre_publication_copies_send_due

    return pre_publication_copies_send_due()
