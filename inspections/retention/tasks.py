"""The retention schedule's daily run (Celery beat)."""

from celery import shared_task

from . import services


@shared_task
def apply_retention_schedule() -> int:
    """Run daily: remove what is due under the retention schedule; returns how many items."""
    return sum(r.removed for r in services.retention_apply())
