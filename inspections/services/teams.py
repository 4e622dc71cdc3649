"""The inspection team: adding, changing and removing members, with their roles and agencies."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from agencies.models import PartnerAgency
from jtai.exceptions import ApplicationError

from ..models import INACTIVE_STATUSES, Inspection, Status, TeamMember, TeamRole
from ..selectors import judging_inspectorate_ids
from .common import fail, full_clean, translate_integrity_error
from .scheduling import INSPECTOR_OVERLAP_CONSTRAINT, inspector_clash, inspector_clash_message

OFSTED = "ofsted"
# While these, the team may still change.
TEAM_EDITABLE_STATUSES = (
    Status.PLANNED,
    Status.NOTIFIED,
    Status.FIELDWORK,
    Status.EVIDENCE_CLOSED,
    Status.MODERATION,
)


def _lock_for_team_change(inspection: Inspection) -> Inspection:
    locked = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("framework_version")
        .get(pk=inspection.pk)
    )
    if locked.status not in TEAM_EDITABLE_STATUSES:
        fail(
            f"The team cannot change once the inspection is {locked.status_phrase}",
            conflict=True,
        )
    return locked


def _validate_member(
    inspection: Inspection, user, role: str, agencies, *, member_pk=None
) -> list[PartnerAgency]:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    inspectorate = user.inspectorate
    if role not in TeamRole.values:
        add("role", "Choose a role")
    if inspectorate is None:
        add("user", f"{user.display_name} does not belong to an inspectorate")
    elif not inspection.inspectorates.filter(pk=inspectorate.pk).exists():
        add("user", f"{inspectorate.short_name} is not taking part in this inspection")
    elif role == TeamRole.OVERALL_LEAD and inspectorate.code != OFSTED:
        add("role", "The overall lead inspector must be from Ofsted")

    others = inspection.team.exclude(pk=member_pk) if member_pk else inspection.team.all()
    if role == TeamRole.OVERALL_LEAD and others.filter(role=TeamRole.OVERALL_LEAD).exists():
        lead = others.select_related("user").get(role=TeamRole.OVERALL_LEAD)
        add("role", f"{lead.user.display_name} is already the overall lead inspector")
    if (
        role == TeamRole.INSPECTORATE_LEAD
        and inspectorate is not None
        and others.filter(role=TeamRole.INSPECTORATE_LEAD, inspectorate=inspectorate).exists()
    ):
        lead = others.select_related("user").get(
            role=TeamRole.INSPECTORATE_LEAD, inspectorate=inspectorate
        )
        add("role", f"{lead.user.display_name} is already {inspectorate.short_name}'s lead")
    if member_pk is None and inspection.team.filter(user=user).exists():
        add("user", f"{user.display_name} is already on the team")

    chosen = list(agencies)
    if inspectorate is not None and chosen:
        judged_by = judging_inspectorate_ids(inspection.framework_version)
        in_inspection = set(inspection.agencies.values_list("pk", flat=True))
        for agency in chosen:
            if agency.pk not in in_inspection:
                add("agencies", f"{agency.name} is not covered by this inspection")
            elif judged_by.get(agency.agency_type_id) != inspectorate.pk:
                add(
                    "agencies",
                    f"{agency.name} is judged by another inspectorate, not "
                    f"{inspectorate.short_name}",
                )

    if "user" not in errors:
        clash = inspector_clash(
            user,
            inspection.window_start,
            inspection.window_end,
            exclude_inspection_pk=inspection.pk,
        )
        if clash and inspection.status not in INACTIVE_STATUSES:
            add("user", inspector_clash_message(user, clash))

    if errors:
        first = next(iter(errors.values()))[0]
        raise ApplicationError(first, fields=errors)
    return chosen


@transaction.atomic
def team_member_add(
    *, inspection: Inspection, user, role: str, agencies: Iterable[PartnerAgency] = (), by=None
) -> TeamMember:
    """Put an inspector on the team, with a role and the agencies they inspect."""
    locked = _lock_for_team_change(inspection)
    chosen = _validate_member(locked, user, role, agencies)
    member = TeamMember(
        inspection=locked,
        user=user,
        inspectorate=user.inspectorate,
        role=role,
        window_start=locked.window_start,
        window_end=locked.window_end,
        holds_booking=locked.status not in INACTIVE_STATUSES,
    )
    full_clean(member, validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:
        translate_integrity_error(
            exc,
            {
                INSPECTOR_OVERLAP_CONSTRAINT: f"{user.display_name} is already on another "
                "inspection in this window",
                "one_overall_lead": "The inspection already has an overall lead inspector",
                "one_lead_per_inspectorate": "That inspectorate already has a lead",
                "member_once_per_team": f"{user.display_name} is already on the team",
            },
        )
    member.agencies.set(chosen)
    locked.lock_version += 1
    locked.save(update_fields=["lock_version", "updated_at"])
    return member


@transaction.atomic
def team_member_update(
    *,
    member: TeamMember,
    role: str | None = None,
    agencies: Iterable[PartnerAgency] | None = None,
    by=None,
) -> TeamMember:
    locked = _lock_for_team_change(member.inspection)
    member = TeamMember.objects.select_related("user__inspectorate").get(pk=member.pk)
    new_role = role or member.role
    chosen = _validate_member(
        locked,
        member.user,
        new_role,
        member.agencies.all() if agencies is None else agencies,
        member_pk=member.pk,
    )
    member.role = new_role
    try:
        with transaction.atomic():
            member.save(update_fields=["role"])
    except IntegrityError as exc:
        translate_integrity_error(
            exc,
            {
                "one_overall_lead": "The inspection already has an overall lead inspector",
                "one_lead_per_inspectorate": "That inspectorate already has a lead",
            },
        )
    member.agencies.set(chosen)
    locked.lock_version += 1
    locked.save(update_fields=["lock_version", "updated_at"])
    return member


@transaction.atomic
def team_member_remove(*, member: TeamMember, by=None) -> None:
    locked = _lock_for_team_change(member.inspection)
    member.delete()
    locked.lock_version += 1
    locked.save(update_fields=["lock_version", "updated_at"])
