"""Celery task for the scheduler: thin and idempotent (a finished run is left alone)."""

from celery import shared_task


@shared_task(bind=True, acks_late=True, max_retries=2)
def schedule_run_execute(self, run_id: int) -> str:
    from .services import schedule_run_execute as execute

    run = execute(run_id=run_id)
    return run.status if run else "missing"
