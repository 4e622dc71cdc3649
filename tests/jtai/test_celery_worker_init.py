"""Each worker pool process freezes its start-up heap, so a render's garbage collections stop
walking the code and settings it will keep for life."""

import gc

from celery.signals import worker_process_init

from jtai.celery import _worker_process_init


def test_a_starting_pool_process_freezes_its_startup_heap():
    assert _worker_process_init in [ref() for _, ref in worker_process_init.receivers]
    gc.unfreeze()
    try:
        worker_process_init.send(sender=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
