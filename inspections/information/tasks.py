"""Celery tasks of the request for information: thin, idempotent, queued by name."""

from celery import shared_task

from . import services


@shared_task(
    autoretry_for=(ConnectionError, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_request_emails(inspection_id: int) -> int:
    """Email the request for information to the area's nominated contacts (once each)."""
    return services.request_send_emails(inspection_id=inspection_id)
