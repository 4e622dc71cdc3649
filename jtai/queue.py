"""Queue background work by the task's dotted name, once the transaction commits.

A task module imports the services it runs; a service that queues a task names it instead of
importing it, so the two never import each other. The name is checked when the work is
queued: a task that does not exist fails loudly, at once, not in a worker.
"""

from importlib import import_module

from django.db import transaction


def task_named(dotted_name: str):
    """The Celery task at `package.module.task_name`."""
    module, name = dotted_name.rsplit(".", 1)
    return getattr(import_module(module), name)


def enqueue_on_commit(dotted_name: str, *args) -> None:
    """Send the task with `args` after the current transaction commits (at once outside one)."""
    task = task_named(dotted_name)
    transaction.on_commit(lambda: task.delay(*args))
