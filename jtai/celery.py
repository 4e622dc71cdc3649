import gc
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtai.settings")

app = Celery("jtai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["inspections.recording", "inspections.planning", "inspections.retention"])


def freeze_startup_heap() -> None:
    """A worker process keeps its code, settings and templates for as long as it lives: move
    them out of the garbage collector's generations, so the collections a report's layout
    triggers (it makes millions of short-lived objects) stop walking them every time. About a
    tenth of a report job's CPU time (`make bench`). Objects made later are collected as ever."""
    gc.freeze()


@worker_process_init.connect
def _worker_process_init(**_kwargs) -> None:
    freeze_startup_heap()
