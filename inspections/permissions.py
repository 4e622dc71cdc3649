"""Who may see and do what with an inspection. Applied in querysets, so a list never shows,
and an id never reaches, what the user may not see."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

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
    # One place per person per team (a constraint): `get`, with no ORDER BY to build.
    try:
        return TeamMember.objects.select_related("inspectorate").get(
            inspection=inspection, user=user, is_active=True
        )
    except TeamMember.DoesNotExist:
        return None


def inspection_and_member(user, pk, *, joins=()) -> tuple[Inspection, TeamMember | None]:
    """The inspection `pk` if the user may see it, with their active place on its team (None
    for an admin or anyone off the team); otherwise 404. `joins` are the inspection's relations
    the page shows.

    A team member's place is what lets them see an unpublished inspection, so for them the
    place and the inspection come in one query: the rows `visible_inspections` and
    `team_membership` would find, an active place of this user on this inspection."""
    try:
        if user.is_authenticated and not user.is_admin:
            member = TeamMember.objects.select_related(
                "inspectorate", *(f"inspection__{join}" for join in joins)
            ).get(inspection_id=pk, user=user, is_active=True)
            return member.inspection, member
        return visible_inspections(user).select_related(*joins).get(pk=pk), None
    except (TeamMember.DoesNotExist, Inspection.DoesNotExist):
        raise Http404("No such inspection") from None


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
