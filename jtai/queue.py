"""Queue background work by the task's dotted name, through an outbox, once the transaction
commits.

A task module imports the services it runs; a service that queues a task names it instead of
importing it, so the two never import each other. The name is checked when the work is
queued: a task that does not exist fails loudly, at once, not in a worker. The work is written
to the outbox (`jtai.models.OutboxMessage`) in the same transaction as the change, so a broker
that is away never turns a saved change into an error or loses the work it owes.
"""

import datetime
import logging
from importlib import import_module

from django.db import transaction
from django.db.models import F

from . import clock, logs

logger = logging.getLogger(__name__)

# Sending gives up after this long when the broker cannot be reached: a request that only
# queues work answers within a couple of seconds whatever the broker's state.
BROKER_CONNECT_TIMEOUT = 1.0


def task_named(dotted_name: str):
    """The Celery task at `package.module.task_name`."""
    module, name = dotted_name.rsplit(".", 1)
    return getattr(import_module(module), name)


def enqueue_on_commit(dotted_name: str, *args) -> None:
    """Owe the task `dotted_name(*args)` to the queue in the current transaction, and send it
    once the transaction commits. If the broker cannot be reached then, the message stays in the
    outbox for `flush_outbox` to send when it is back: the change itself stands either way.

    `args` must be JSON values (ids, numbers, short strings): a task re-reads what it needs.
    """
    from .models import OutboxMessage

    task_named(dotted_name)  # a misspelt task fails here, at once
    message = OutboxMessage.objects.create(
        task=dotted_name, args=list(args), context=logs.current_context()
    )
    transaction.on_commit(lambda: outbox_send(message.pk))


def outbox_send(message_id: int) -> bool:
    """Send one outbox message if nobody else is sending it; True once the broker took it.

    The row is claimed before sending (so two senders never both send it) and released again
    when the broker cannot be reached.
    """
    from .models import OutboxMessage

    claimed = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(
        sent_at=clock.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    if send_now(message.task, *message.args, context=message.context):
        return True
    OutboxMessage.objects.filter(pk=message_id).update(sent_at=None)
    return False


# A message younger than this is left to the request that wrote it (it is being sent).
OUTBOX_GRACE = datetime.timedelta(seconds=5)


def outbox_flush(*, now=None, limit: int = 500) -> int:
    """Send what the outbox still owes (the broker was away); how many the broker took."""
    from .models import OutboxMessage

    now = now or clock.now()
    pending = OutboxMessage.objects.filter(
        sent_at__isnull=True, created_at__lt=now - OUTBOX_GRACE
    ).values_list("pk", flat=True)[:limit]
    return sum(outbox_send(pk) for pk in list(pending))


def send_now(dotted_name: str, *args, context: dict | None = None) -> bool:
    """Publish the task once, on a fresh connection that tries once and briefly; False (logged)
    when the broker cannot be reached, so the caller keeps the work recorded to send again. The
    result is not kept (callers follow the work in the database), so no result backend is
    contacted either. Tasks run in-process when Celery is eager (no broker configured).

    `context` (the request id, user and inspection that queued it; the current ones when not
    given) travels in the message's headers, for the task's log lines (`jtai.celery`)."""
    task = task_named(dotted_name)
    app = task.app
    headers = {logs.HEADER: context if context is not None else logs.current_context()}
    if app.conf.task_always_eager:
        task.apply_async(args=args, headers=headers)
        return True
    try:
        with app.connection_for_write(
            connect_timeout=BROKER_CONNECT_TIMEOUT,
            transport_options={
                "max_retries": 0,  # one attempt to connect, no backoff
                # A broker that drops packets (rather than refusing) must not hold the request
                # for the operating system's connect timeout either.
                "socket_connect_timeout": BROKER_CONNECT_TIMEOUT,
                "socket_timeout": BROKER_CONNECT_TIMEOUT * 1.5,
            },
        ) as conn:
            task.apply_async(
                args=args, connection=conn, retry=False, ignore_result=True, headers=headers
            )
    except Exception:  # any failure to publish leaves the work recorded, to be sent again
        logger.warning("Could not send %s%r to the broker", dotted_name, args, exc_info=True)
        return False
    return True
