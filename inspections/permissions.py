"""Who may see and do what with an inspection. Applied in querysets, so a list never shows,
and an id never reaches, what the user may not see."""

from django.db.models import QuerySet

from .models import Inspection, TeamMember, TeamRole


def visible_inspections(user) -> QuerySet[Inspection]:
    """Inspections the user may see while unpublished: admins see all; others their own teams'."""
    if not user.is_authenticated:
        return Inspection.objects.none()
    if user.is_admin:
        return Inspection.objects.all()
    return Inspection.objects.filter(team__user=user, team__is_active=True).distinct()


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
