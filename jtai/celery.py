import gc
import os
import time

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtai.settings")

app = Celery("jtai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["inspections.recording", "inspections.planning", "inspections.retention"])


# Each task's log lines carry the request id, user and inspection of the request that queued
# it (sent in the message's headers by jtai.queue), with the task's name and id; its outcome
# and duration are counted for /metrics. A task run in-process (eager) puts the context it
# found back when it ends, so the request's own lines carry on unchanged.
_started: dict[str, tuple[float, dict]] = {}


def _carried(request) -> dict:
    from .logs import HEADER

    carried = getattr(request, HEADER, None)
    if carried is None and isinstance(getattr(request, "headers", None), dict):
        carried = request.headers.get(HEADER)
    return carried if isinstance(carried, dict) else {}


@task_prerun.connect
def _task_started(task_id=None, task=None, **_kwargs):
    import structlog

    from . import logs

    before = structlog.contextvars.get_contextvars()
    _started[task_id] = (time.monotonic(), before)
    if not task.request.is_eager:
        logs.clear()
    context = {k: v for k, v in _carried(task.request).items() if k in logs.CARRIED_KEYS}
    logs.bind(**context, task=task.name, task_id=task_id)
    logs.get_logger("jtai.task").info("task started", queue=_queue(task.request))


@task_postrun.connect
def _task_finished(task_id=None, task=None, state=None, **_kwargs):
    from . import logs, metrics

    started, before = _started.pop(task_id, (None, {}))
    seconds = time.monotonic() - started if started is not None else None
    logs.get_logger("jtai.task").info(
        "task finished",
        state=state,
        duration_ms=round(seconds * 1000, 1) if seconds is not None else None,
    )
    metrics.record_task(task=task.name, state=state or "UNKNOWN", seconds=seconds)
    logs.clear()
    logs.bind(**before)


def _queue(request) -> str | None:
    info = getattr(request, "delivery_info", None) or {}
    return info.get("routing_key")


def freeze_startup_heap() -> None:
    """A worker process keeps its code, settings and templates for as long as it lives: load
    the template engine (Django imports every installed app's template tag libraries when it
    first renders, about 0.08 s of CPU that the process's first report job would otherwise
    pay), then move all of it out of the garbage collector's generations, so the collections a
    report's layout triggers (it makes millions of short-lived objects) stop walking them every
    time. About a tenth of a report job's CPU time (`make bench`). Objects made later are
    collected as ever."""
    from django.template import engines

    engines.all()
    gc.freeze()


@worker_process_init.connect
def _worker_process_init(**_kwargs) -> None:
    freeze_startup_heap()
