"""Recording's part in the inspection's lifecycle, imported at start-up by
`InspectionsConfig.ready()`. Recording's Celery tasks are found by the Celery app
(`jtai/celery.py` names this package), not by importing them here."""

from inspections.lifecycle import after

from .services.judgements import judgements_ensure


@after("start_fieldwork")
def open_task_lists(inspection, **_):
    """Every judgement row exists once fieldwork starts (idempotent)."""
    judgements_ensure(inspection=inspection)
