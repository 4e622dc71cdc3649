"""Celery task for the scheduler: thin and idempotent. A finished run is left alone; a run
left "running" by a lost worker is picked up again on redelivery (acks late); a database
blip is retried with backoff."""

from celery import shared_task
from django.db import OperationalError


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def schedule_run_execute(self, run_id: int) -> str:
    from .services import schedule_run_execute as execute

    run = execute(run_id=run_id)
    return run.status if run else "missing"
