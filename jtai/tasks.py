"""Celery tasks of the project itself."""

from celery import shared_task

from .queue import outbox_flush


@shared_task(ignore_result=True)
def flush_outbox() -> int:
    """Run by Celery beat: send the work that changes committed while the broker was away."""
    return outbox_flush()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def email_notifications(ids: list[int]) -> int:
    """Email these notifications to the people who want them at once (each only once)."""
    from .notifications import notifications_email_now

    return notifications_email_now(ids=ids)


@shared_task(ignore_result=True)
def send_notification_digests() -> int:
    """Run by Celery beat once a day: the daily digest of each person who chose one."""
    from .notifications import notification_digests_send

    return notification_digests_send()
