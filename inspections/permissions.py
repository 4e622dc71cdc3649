"""Who may see and do what with an inspection. Applied in querysets, so a list never shows,
and an id never reaches, what the user may not see."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet

from .models import Inspection, TeamMember, TeamRole

# The roles a person can hold towards one inspection (see `actor_roles`).
ADMIN = "admin"
OVERALL_LEAD = "overall_lead"
INSPECTORATE_LEAD = "inspectorate_lead"
TEAM = "team"
# The scheduled task that starts fieldwork acts as the system, not as a person.
SYSTEM = "system"


def visible_inspections(user) -> QuerySet[Inspection]:
    """Inspections the user may see while unpublished: admins see all; others their own teams'."""
    if not user.is_authenticated:
        return Inspection.objects.none()
    if user.is_admin:
        return Inspection.objects.all()
    on_team = TeamMember.objects.filter(inspection=OuterRef("pk"), user=user, is_active=True)
    return Inspection.objects.filter(Exists(on_team))


def team_membership(user, inspection) -> TeamMember | None:
    """The user's active place on the inspection's team, or None."""
    if not user.is_authenticated:
        return None
    return (
        TeamMember.objects.filter(inspection=inspection, user=user, is_active=True)
        .select_related("inspectorate")
        .first()
    )


def is_overall_lead(user, inspection) -> bool:
    member = team_membership(user, inspection)
    return member is not None and member.role == TeamRole.OVERALL_LEAD


def is_inspectorate_lead(user, inspection, inspectorate=None) -> bool:
    member = team_membership(user, inspection)
    if member is None or member.role not in (TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD):
        return False
    return inspectorate is None or member.inspectorate_id == inspectorate.pk


def actor_roles(user, inspection, member: TeamMember | None = None) -> frozenset[str]:
    """The roles `user` holds towards `inspection`: admin, overall lead, inspectorate lead, team.

    `user=None` is the system (a scheduled task). Pass `member` when already loaded.
    """
    if user is None:
        return frozenset({SYSTEM})
    roles = set()
    if getattr(user, "is_admin", False):
        roles.add(ADMIN)
    if member is None:
        member = team_membership(user, inspection)
    if member is not None:
        roles.add(TEAM)
        if member.role == TeamRole.OVERALL_LEAD:
            roles.add(OVERALL_LEAD)
        elif member.role == TeamRole.INSPECTORATE_LEAD:
            roles.add(INSPECTORATE_LEAD)
    return frozenset(roles)


def can_manage_programme(user) -> bool:
    """Scheduling, teams, partner agencies, frameworks and themes are the admins' work."""
    return bool(user.is_authenticated and user.is_admin)


def require_can_manage_programme(user) -> None:
    """Refuse (403) anyone but an admin: pages and the API ask here before an admin's work."""
    if not can_manage_programme(user):
        raise PermissionDenied("Only admins can do this")
