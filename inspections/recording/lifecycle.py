"""Recording's part in the inspection's lifecycle.

Imported at start-up by `InspectionsConfig.ready()`, which also registers recording's
Celery tasks with every worker: `autodiscover_tasks` only finds `tasks` modules of installed
apps, and recording is a package inside `inspections`.
"""

from inspections.lifecycle import after

from . import tasks  # noqa: F401  (registers the tasks)
from .services import judgements_ensure


@after("start_fieldwork")
def open_task_lists(inspection, **_):
    """Every judgement row exists once fieldwork starts (idempotent)."""
    judgements_ensure(inspection=inspection)
