"""Who may do what with a report. Seeing is decided in `selectors` (404 outside the team);
these predicates decide doing, and the `require_*` helpers refuse with Django's
`PermissionDenied` (403), whoever asks: a page, the API or a task.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspections.models import TeamRole
from inspections.permissions import is_overall_lead, team_membership

__all__ = [
    "can_accept_action_plan",
    "can_evaluate_action_plan",
    "can_submit_action_plan",
    "evaluating_inspectorate",
    "require_can_evaluate_action_plan",
    "require_can_submit_action_plan",
    "can_agree_section",
    "can_edit_section",
    "require_can_agree_section",
    "require_can_edit_section",
    "can_record_action_plan",
    "can_see_overdue_action_plans",
    "can_write_report",
    "concerned_inspectorates",
    "is_overall_lead",
    "require_can_accept_action_plan",
    "require_can_record_action_plan",
    "require_can_see_overdue_action_plans",
    "require_can_write_report",
]


# `role` not given: the user's place on the team is read here.
_READ_ROLE = object()


def _is_overall_lead(user, inspection, role) -> bool:
    """Pass `role` (the user's role in their active place on the team, None without one) when
    already read with the inspection (`selectors.inspection_with_role_for_team`)."""
    if role is _READ_ROLE:
        return is_overall_lead(user, inspection)
    return bool(user.is_authenticated) and role == TeamRole.OVERALL_LEAD


def can_write_report(user, inspection, *, role=_READ_ROLE) -> bool:
    """Drafting, generating versions, factual accuracy and publishing: the overall lead's."""
    return _is_overall_lead(user, inspection, role)


def can_record_action_plan(user, inspection, *, role=_READ_ROLE) -> bool:
    return bool(user.is_admin) or _is_overall_lead(user, inspection, role)


def can_submit_action_plan(user, inspection) -> bool:
    """The area's nominated contact for this inspection (on behalf of the director of
    children's services); the team's admin or overall lead record one received by email."""
    from inspections.information.permissions import is_contact_for

    return is_contact_for(user, inspection) or can_record_action_plan(user, inspection)


def evaluating_inspectorate(user, inspection, member=None):
    """The participating inspectorate the user evaluates the statement for: their own, when they
    lead it (or lead the inspection) on this inspection's team; otherwise None."""
    member = member or team_membership(user, inspection)
    if member is None or member.role not in (TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD):
        return None
    if not inspection.inspectorates.filter(pk=member.inspectorate_id).exists():
        return None
    return member.inspectorate


def can_evaluate_action_plan(user, inspection, member=None) -> bool:
    return evaluating_inspectorate(user, inspection, member) is not None


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


def require_can_submit_action_plan(user, inspection) -> None:
    if not can_submit_action_plan(user, inspection):
        raise PermissionDenied(
            "Only the area's nominated contact, an admin or the overall lead can submit the "
            "written statement of action."
        )


def require_can_evaluate_action_plan(user, inspection):
    """The inspectorate the user evaluates for; 403 when they lead none on this inspection."""
    inspectorate = evaluating_inspectorate(user, inspection)
    if inspectorate is None:
        raise PermissionDenied(
            "Only the lead of a participating inspectorate can evaluate the statement of action."
        )
    return inspectorate


def require_can_accept_action_plan(user) -> None:
    if not can_accept_action_plan(user):
        raise PermissionDenied("Only an admin can accept the written statement of action.")


def require_can_see_overdue_action_plans(user) -> None:
    if not can_see_overdue_action_plans(user):
        raise PermissionDenied("Only an admin can see the overdue statements of action.")


def can_edit_section(user, section, member=None) -> bool:
    """The overall lead writes every section; an inspectorate's lead writes the sections their
    inspectorate owns (its agencies' reports). Inspectors read them. Pass `member` (the user's
    place on the team) when already loaded."""
    member = member or team_membership(user, section.inspection)
    if member is None:
        return False
    if member.role == TeamRole.OVERALL_LEAD:
        return True
    return (
        member.role == TeamRole.INSPECTORATE_LEAD
        and section.inspectorate_id is not None
        and member.inspectorate_id == section.inspectorate_id
    )


def require_can_edit_section(user, section) -> None:
    if not can_edit_section(user, section):
        raise PermissionDenied(
            "Only the overall lead, or the lead of the inspectorate that writes this section, "
            "can change it."
        )


def concerned_inspectorates(section, participating=None) -> list:
    """The inspectorates whose leads agree the section: an agency's own, or every participating
    one (`participating`, when already loaded)."""
    if section.inspectorate_id:
        return [section.inspectorate]
    if participating is not None:
        return list(participating)
    return list(section.inspection.inspectorates.order_by("order", "name"))


def _agreeing_inspectorate(user, section, member=None, participating=None):
    member = member or team_membership(user, section.inspection)
    if member is None or member.role not in (TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD):
        return None
    concerned = {i.pk: i for i in concerned_inspectorates(section, participating)}
    return concerned.get(member.inspectorate_id)


def can_agree_section(user, section, member=None, participating=None) -> bool:
    """The lead of an inspectorate the section concerns (quality assurance)."""
    return _agreeing_inspectorate(user, section, member, participating) is not None


def require_can_agree_section(user, section):
    """The inspectorate the user agrees for; 403 when the section is not theirs to agree."""
    inspectorate = _agreeing_inspectorate(user, section)
    if inspectorate is None:
        raise PermissionDenied(
            "Only the lead of an inspectorate this section concerns can agree it."
        )
    return inspectorate
