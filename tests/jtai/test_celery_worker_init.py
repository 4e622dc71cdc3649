"""Each worker pool process freezes its start-up heap, so a render's garbage collections stop
walking the code, settings and template engine it will keep for life."""

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


def test_a_starting_pool_process_has_its_template_engine_loaded_before_any_job():
    """Django imports every app's template tag libraries when its engine is first used: done
    as the process starts (and frozen with the rest), not during its first report job."""
    import subprocess
    import sys

    script = (
        "import django, sys; django.setup()\n"
        "from django.template import engines\n"
        "from jtai.celery import freeze_startup_heap\n"
        "before = 'rest_framework.templatetags.rest_framework' in sys.modules\n"
        "freeze_startup_heap()\n"
        "after = 'rest_framework.templatetags.rest_framework' in sys.modules\n"
        "print(before, after, bool(engines._engines))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split()[-3:] == ["False", "True", "True"]
