"""Queue background work by the task's dotted name, once the transaction commits.

A task module imports the services it runs; a service that queues a task names it instead of
importing it, so the two never import each other. The name is checked when the work is
queued: a task that does not exist fails loudly, at once, not in a worker.
"""

import logging
from importlib import import_module

from django.db import transaction

logger = logging.getLogger(__name__)

# Sending gives up after this long when the broker cannot be reached: a request that only
# queues work answers within a couple of seconds whatever the broker's state.
BROKER_CONNECT_TIMEOUT = 1.0


def task_named(dotted_name: str):
    """The Celery task at `package.module.task_name`."""
    module, name = dotted_name.rsplit(".", 1)
    return getattr(import_module(module), name)


def enqueue_on_commit(dotted_name: str, *args) -> None:
    """Send the task with `args` after the current transaction commits (at once outside one)."""
    task = task_named(dotted_name)
    transaction.on_commit(lambda: task.delay(*args))


def send_now(dotted_name: str, *args) -> bool:
    """Publish the task once, on a fresh connection that tries once and briefly; False (logged)
    when the broker cannot be reached, so the caller keeps the work recorded to send again. The
    result is not kept (callers follow the work in the database), so no result backend is
    contacted either. Tasks run in-process when Celery is eager (no broker configured)."""
    task = task_named(dotted_name)
    app = task.app
    if app.conf.task_always_eager:
        task.apply_async(args=args)
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
            task.apply_async(args=args, connection=conn, retry=False, ignore_result=True)
    except Exception:  # any failure to publish leaves the work recorded, to be sent again
        logger.warning("Could not send %s%r to the broker", dotted_name, args, exc_info=True)
        return False
    return True
