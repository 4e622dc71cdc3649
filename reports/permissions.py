"""Who may do what with a report. Seeing is decided in `selectors` (404 outside the team);
these predicates decide doing, and the `require_*` helpers refuse with Django's
`PermissionDenied` (403), whoever asks: a page, the API or a task.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspections.permissions import is_overall_lead

__all__ = [
    "can_accept_action_plan",
    "can_record_action_plan",
    "can_see_overdue_action_plans",
    "can_write_report",
    "is_overall_lead",
    "require_can_accept_action_plan",
    "require_can_record_action_plan",
    "require_can_see_overdue_action_plans",
    "require_can_write_report",
]


def can_write_report(user, inspection) -> bool:
    """Drafting, generating versions, factual accuracy and publishing: the overall lead's."""
    return is_overall_lead(user, inspection)


def can_record_action_plan(user, inspection) -> bool:
    return bool(user.is_admin) or is_overall_lead(user, inspection)


def can_accept_action_plan(user) -> bool:
    return bool(user.is_admin)


def can_see_overdue_action_plans(user) -> bool:
    return bool(user.is_authenticated and user.is_admin)


def require_can_write_report(user, inspection) -> None:
    if not can_write_report(user, inspection):
        raise PermissionDenied("Only the inspection's overall lead inspector can do this.")


def require_can_record_action_plan(user, inspection) -> None:
    if not can_record_action_plan(user, inspection):
        raise PermissionDenied("Only an admin or the overall lead can record the submission.")


def require_can_accept_action_plan(user) -> None:
    if not can_accept_action_plan(user):
        raise PermissionDenied("Only an admin can accept the written statement of action.")


def require_can_see_overdue_action_plans(user) -> None:
    if not can_see_overdue_action_plans(user):
        raise PermissionDenied("Only an admin can see the overdue statements of action.")
