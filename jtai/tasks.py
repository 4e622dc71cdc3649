"""Celery tasks of the project itself."""

from celery import shared_task

from .queue import outbox_flush


@shared_task(ignore_result=True)
def flush_outbox() -> int:
    """Run by Celery beat: send the work that changes committed while the broker was away."""
    return outbox_flush()
