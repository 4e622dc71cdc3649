"""Celery tasks: thin, take an id, idempotent (a redelivered task finds its work done)."""

from celery import shared_task

from .services import notifications, transitions


@shared_task(
    autoretry_for=(ConnectionError, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_notification_emails(inspection_id: int) -> int:
    """Email the team (and the area, when announced) that the inspection is notified (once)."""
    return notifications.inspection_send_notification_emails(inspection_id=inspection_id)


@shared_task(
    autoretry_for=(ConnectionError, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_arrival_emails(inspection_id: int) -> int:
    """Email an unannounced inspection's area on the morning inspectors arrive (once)."""
    return notifications.inspection_send_arrival_emails(inspection_id=inspection_id)


@shared_task
def start_due_fieldwork() -> list[int]:
    """Run daily by Celery beat: fieldwork starts on the window's first day."""
    return transitions.inspections_start_due_fieldwork()
