"""Who may moderate: the leads see the grid, return judgements and sign off their own.

Seeing the inspection is decided by the selectors (404); what a person may do here once they
see it is decided by these predicates, for pages, the API and the services alike (403).
"""

from django.core.exceptions import PermissionDenied

from ..models import Inspection, Judgement, TeamMember, TeamRole
from ..permissions import team_membership
from ..recording.permissions import LEAD_ROLES

_LOOK_UP = object()  # `member` not given: read the user's place on the team


def _member(user, inspection: Inspection, member) -> TeamMember | None:
    return team_membership(user, inspection) if member is _LOOK_UP else member


def can_moderate(user, inspection: Inspection, *, member=_LOOK_UP) -> bool:
    """Admins and the inspection's leads open the moderation pages."""
    member = _member(user, inspection, member)
    return bool(user.is_admin) or (member is not None and member.role in LEAD_ROLES)


def can_return(
    user, inspection: Inspection, judgement: Judgement | None = None, *, member=_LOOK_UP
) -> bool:
    """The overall lead returns any judgement; an inspectorate's lead their own inspectorate's."""
    member = _member(user, inspection, member)
    if member is None:
        return False
    if member.role == TeamRole.OVERALL_LEAD:
        return True
    return (
        member.role == TeamRole.INSPECTORATE_LEAD
        and judgement is not None
        and judgement.inspectorate_id == member.inspectorate_id
    )


def sign_off_inspectorate_id(user, inspection: Inspection, *, member=_LOOK_UP) -> int | None:
    """The inspectorate whose judgements `user` signs off on this inspection, if any."""
    member = _member(user, inspection, member)
    if member is None or member.role not in LEAD_ROLES:
        return None
    return member.inspectorate_id


def require_moderate(user, inspection: Inspection, *, member=_LOOK_UP) -> TeamMember | None:
    """Refuse anyone but admins and leads; returns the user's place on the team (or None).
    Pass `member` when already loaded (an admin's is looked up: an admin may be on a team)."""
    member = team_membership(user, inspection) if member is _LOOK_UP or user.is_admin else member
    if not can_moderate(user, inspection, member=member):
        raise PermissionDenied("Moderation is for the inspection's leads.")
    return member


def require_return(user, inspection: Inspection, judgement: Judgement, *, member=_LOOK_UP):
    if not can_return(user, inspection, judgement, member=member):
        raise PermissionDenied(
            "Only the overall lead or the inspectorate's lead can return this judgement."
        )


def require_sign_off(user, inspection: Inspection, *, member=_LOOK_UP) -> int:
    """The inspectorate whose judgements `user` signs off, or a refusal."""
    inspectorate_id = sign_off_inspectorate_id(user, inspection, member=member)
    if inspectorate_id is None:
        raise PermissionDenied("Only an inspectorate's lead can sign off its judgements.")
    return inspectorate_id
