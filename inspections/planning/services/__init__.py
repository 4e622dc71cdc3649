"""Every write of programme planning, by concern: programmes, capacity and concerns
(`programmes`), the proposal (`proposal`), schedule runs and their acceptance (`runs`).
Callers use `services.<entity>_<verb>` from here."""

from .programmes import capacity_set, concern_record, leave_record, programme_create
from .proposal import (
    CHOICE_ACTIONS,
    candidates_for,
    choice_change,
    choices_change,
    programme_propose,
)
from .runs import (
    problem_for,
    schedule_run_accept,
    schedule_run_execute,
    schedule_run_request,
)

__all__ = [
    "CHOICE_ACTIONS",
    "candidates_for",
    "capacity_set",
    "choice_change",
    "choices_change",
    "concern_record",
    "leave_record",
    "problem_for",
    "programme_create",
    "programme_propose",
    "schedule_run_accept",
    "schedule_run_execute",
    "schedule_run_request",
]
