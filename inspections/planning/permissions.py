"""Who may plan programmes and who may record concerns, decided once for pages, API and services.

Programmes, their proposal and schedule runs are the admins' work: anyone else does not see
them (the selectors return nothing, so pages and API answer 404), and a service called for
them refuses with `PermissionDenied` (403). Concerns are recorded by admins, and by lead
inspectors for their own inspectorate.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from ..permissions import can_manage_programme


def can_plan(user) -> bool:
    """Programmes, proposals and schedule runs: admins only."""
    return can_manage_programme(user)


def can_record_concerns(user) -> bool:
    """Concerns: admins, and lead inspectors (for their own inspectorate)."""
    return bool(user.is_authenticated and (user.is_admin or user.is_lead))


def require_admin(user) -> None:
    """Refuse anyone but an admin. `None` is the system (a task or the demo data), which may."""
    if user is not None and not can_plan(user):
        raise PermissionDenied("Only admins plan programmes")


def require_concern_recorder(user, inspectorate) -> None:
    """Refuse anyone who may not record a concern about `inspectorate`'s work."""
    if user is None or not can_record_concerns(user):
        raise PermissionDenied("Only admins and lead inspectors record concerns")
    if not user.is_admin and user.inspectorate_id != inspectorate.pk:
        raise PermissionDenied(f"You can record concerns for {user.inspectorate.short_name} only")
