"""The inspection's lifecycle: one service moves an inspection by a verb of
`inspections.lifecycle.TRANSITIONS`, and the daily task starts fieldwork when windows open."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jtai import clock
from jtai.exceptions import ApplicationError

from .. import lifecycle, workdays
from ..models import Inspection, Status, Transition
from ..permissions import actor_roles
from ..selectors import team_gaps
from .common import check_lock, fail, long_date

logger = logging.getLogger(__name__)


def _builtin_guard(inspection: Inspection, verb: str, *, by, reason: str) -> None:
    today = clock.today()
    if verb == "notify":
        gaps = team_gaps(inspection)
        if gaps:
            raise ApplicationError(
                "The team is not complete: " + "; ".join(gaps), fields={"team": gaps}
            )
    elif verb == "start_fieldwork" and today < inspection.window_start:
        if by is None:
            fail("Fieldwork starts on the window's first day", conflict=True)
        if not reason.strip():
            fail(
                f"The window starts on {long_date(inspection.window_start)}; "
                "give a reason to start fieldwork early",
                "reason",
            )
    elif verb == "await_action_plan" and not inspection.framework_version.action_plan_working_days:
        fail("This framework does not ask for a written statement of action", conflict=True)
    elif (
        verb == "close"
        and inspection.status == Status.PUBLISHED
        and inspection.framework_version.action_plan_working_days
    ):
        fail("Ask for the written statement of action before closing", conflict=True)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _builtin_after(inspection: Inspection, verb: str, *, by, transition: Transition) -> None:
    if verb in ("cancel", "defer"):
        inspection.team.update(holds_booking=False)
    elif verb == "await_action_plan":
        published = (
            inspection.transitions.filter(to_status=Status.PUBLISHED).order_by("-at").first()
        )
        start = timezone.localdate(published.at) if published else clock.today()
        inspection.action_plan_due_date = workdays.add_working_days(
            start, inspection.framework_version.action_plan_working_days
        )
        inspection.save(update_fields=["action_plan_due_date"])


@transaction.atomic
def inspection_transition(
    *,
    inspection: Inspection,
    verb: str,
    by=None,
    reason: str = "",
    lock_version: int | None = None,
) -> Inspection:
    """Move an inspection by one verb of the lifecycle table, if `by` may and its state allows.

    Raises PermissionDenied (the role may not), ConflictError (not from the current state, or a
    stale `lock_version`) or ApplicationError (a field error, e.g. a missing reason).
    `by=None` is the system (the scheduled task starting fieldwork).
    """
    rule = lifecycle.TRANSITIONS.get(verb)
    if rule is None:
        fail(f"Unknown action {verb!r}", "verb")
    locked = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("authority", "framework_version__framework", "theme")
        .get(pk=inspection.pk)
    )
    if not rule.allows(actor_roles(by, locked)):
        raise PermissionDenied(f"You cannot {rule.label.lower()} for this inspection")
    if locked.status not in rule.sources:
        fail(
            f"The inspection is {locked.status_phrase}: it cannot move on by "
            f"“{rule.label.lower()}”",
            conflict=True,
        )
    check_lock(locked, lock_version)
    reason = (reason or "").strip()
    if rule.reason_required and not reason:
        fail("Enter a reason", "reason")
    _builtin_guard(locked, verb, by=by, reason=reason)
    for blocks in lifecycle.blockers_for(verb):
        found = blocks([locked]).get(locked.pk, [])
        if found:
            raise ApplicationError(" ".join(_sentence(b.text) for b in found))
    for check in lifecycle.guards_for(verb):
        check(locked, by=by, reason=reason)

    from_status = locked.status
    locked.status = rule.target
    if rule.reason_required:
        locked.status_reason = reason
    locked.lock_version += 1
    locked.save(update_fields=["status", "status_reason", "lock_version", "updated_at"])
    transition = Transition.objects.create(
        inspection=locked,
        verb=verb,
        from_status=from_status,
        to_status=rule.target,
        by=by,
        at=clock.now(),
        reason=reason,
    )
    _builtin_after(locked, verb, by=by, transition=transition)
    for hook in lifecycle.hooks_after(verb):
        hook(locked, by=by, transition=transition)
    # The caller's object reflects the new state too.
    inspection.status = locked.status
    inspection.status_reason = locked.status_reason
    inspection.lock_version = locked.lock_version
    inspection.action_plan_due_date = locked.action_plan_due_date
    return locked


def inspections_start_due_fieldwork(*, today: datetime.date | None = None) -> list[int]:
    """Start fieldwork on every notified inspection whose window has begun. Idempotent."""
    today = today or clock.today()
    started = []
    due = Inspection.objects.filter(status=Status.NOTIFIED, window_start__lte=today)
    for pk in due.values_list("pk", flat=True):
        try:
            inspection_transition(inspection=Inspection(pk=pk), verb="start_fieldwork", by=None)
        except ApplicationError as exc:
            logger.warning("Fieldwork not started on inspection %s: %s", pk, exc.message)
            continue
        started.append(pk)
    return started
