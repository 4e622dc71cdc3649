"""Programmes, their inspectorates' capacity and leave, and concerns: keyword-only
`<entity>_<verb>` functions. A broken rule raises `ApplicationError` with field errors; a
person who may not do this gets `PermissionDenied`; a change to an accepted programme is a
`ConflictError`."""

from __future__ import annotations

import datetime

from django.db import transaction

from agencies.models import Inspectorate, LocalAuthority, Role
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError, full_clean

from ...models import FrameworkVersion, Theme
from ..models import CapacityLeave, Concern, InspectorateCapacity, Programme, ProgrammeStatus
from ..permissions import require_admin, require_concern_recorder

# Default team sizes: Ofsted brings the overall lead and two inspectors.
DEFAULT_TEAM_SIZE = {"ofsted": 3, "cqc": 2, "hmicfrs": 2, "hmiprobation": 2, "hmiprisons": 1}


def lock_editable(programme: Programme) -> Programme:
    """The programme, locked for this transaction; refused once it has been accepted."""
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if locked.status == ProgrammeStatus.ACCEPTED:
        raise ConflictError("The programme has been accepted; it can no longer change")
    return locked


# Programmes ---------------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    name: str,
    framework_version: FrameworkVersion,
    period_start: datetime.date,
    period_end: datetime.date,
    target_areas: int,
    well_performing_share: int = 25,
    theme: Theme | None = None,
    by=None,
    capacities: dict[str, dict] | None = None,
) -> Programme:
    """Create a programme with a capacity row for each inspectorate of its framework.

    `capacities` maps inspectorate code to {"inspector_count", "team_size", "max_concurrent",
    "inspectors" (users)}; without it, the inspectorate's inspectors in the product are named.
    """
    require_admin(by)
    errors: dict[str, list[str]] = {}
    if period_start and period_end and period_end <= period_start:
        errors.setdefault("period_end", []).append("The end must be after the start")
    if theme is not None and theme.framework_id != framework_version.framework_id:
        errors.setdefault("theme", []).append(
            f"{theme.name} is not a theme of the {framework_version.framework.name}"
        )
    elif theme is not None and period_start and period_end:
        if theme.start_date > period_end or (theme.end_date and theme.end_date < period_start):
            until = theme.end_date.strftime("%-d %B %Y") if theme.end_date else "now"
            errors.setdefault("theme", []).append(
                f"The theme {theme.name} runs from {theme.start_date:%-d %B %Y} to {until}; "
                "choose a theme that runs during the programme"
            )
    if (
        period_start
        and period_end
        and not framework_version.is_active_between(period_start, period_end)
    ):
        until = (
            framework_version.active_to.strftime("%-d %B %Y")
            if framework_version.active_to
            else "now"
        )
        errors.setdefault("period_start", []).append(
            f"{framework_version.framework.name} runs from "
            f"{framework_version.active_from:%-d %B %Y} to {until}; the programme must fall "
            "in that period"
        )
    if errors:
        raise ApplicationError.from_fields(errors)
    programme = Programme(
        name=name,
        framework_version=framework_version,
        theme=theme,
        period_start=period_start,
        period_end=period_end,
        target_areas=target_areas,
        well_performing_share=well_performing_share,
        created_by=by,
    )
    full_clean(programme, exclude=["created_by"])
    programme.save()
    capacities = capacities or {}
    for rule in framework_version.inspectorate_rules.select_related("inspectorate"):
        code = rule.inspectorate.code
        spec = capacities.get(code, {})
        people = spec.get("inspectors")
        if people is None and "inspector_count" not in spec:
            people = list(
                rule.inspectorate.people.filter(
                    is_active=True, role__in=[Role.INSPECTOR, Role.LEAD_INSPECTOR]
                )
            )
        capacity_set(
            programme=programme,
            inspectorate=rule.inspectorate,
            inspectors=people or [],
            inspector_count=spec.get("inspector_count", len(people or [])),
            team_size=spec.get("team_size", DEFAULT_TEAM_SIZE.get(code, 2)),
            max_concurrent=spec.get("max_concurrent", 2),
        )
    return programme


@transaction.atomic
def capacity_set(
    *,
    programme: Programme,
    inspectorate: Inspectorate,
    inspector_count: int,
    team_size: int,
    max_concurrent: int,
    inspectors=(),
    by=None,
) -> InspectorateCapacity:
    require_admin(by)
    programme = lock_editable(programme)
    people = list(inspectors)
    wrong = [u.display_name for u in people if u.inspectorate_id != inspectorate.pk]
    if wrong:
        raise ApplicationError(
            f"{', '.join(wrong)} not in {inspectorate.short_name}",
            fields={"inspectors": [f"{', '.join(wrong)} not in {inspectorate.short_name}"]},
        )
    capacity, _ = InspectorateCapacity.objects.get_or_create(
        programme=programme,
        inspectorate=inspectorate,
        defaults={"team_size": team_size, "max_concurrent": max_concurrent},
    )
    capacity.inspector_count = max(len(people), inspector_count)
    capacity.team_size = team_size
    capacity.max_concurrent = max_concurrent
    full_clean(capacity)
    capacity.save()
    capacity.inspectors.set(people)
    return capacity


@transaction.atomic
def leave_record(
    *,
    capacity: InspectorateCapacity,
    start: datetime.date,
    end: datetime.date,
    user=None,
    headcount: int = 1,
    by=None,
) -> CapacityLeave:
    require_admin(by)
    lock_editable(capacity.programme)
    errors = {}
    if start and end and end < start:
        errors["end"] = ["The last day must be on or after the first day"]
    if user is not None and user.inspectorate_id != capacity.inspectorate_id:
        name = capacity.inspectorate.short_name
        errors["user"] = [f"Choose an inspector from {name}"]
    if errors:
        raise ApplicationError.from_fields(errors)
    leave = CapacityLeave(capacity=capacity, user=user, start=start, end=end, headcount=headcount)
    full_clean(leave)
    leave.save()
    return leave


# Concerns -----------------------------------------------------------------------------------


@transaction.atomic
def concern_record(
    *,
    inspectorate: Inspectorate,
    authority: LocalAuthority,
    date: datetime.date,
    summary: str,
    severity: str,
    by,
) -> Concern:
    """Admins and leads record concerns; a lead only for their own inspectorate."""
    require_concern_recorder(by, inspectorate)
    if date and date > clock.today():
        raise ApplicationError(
            "The date of the concern must be today or in the past",
            fields={"date": ["The date of the concern must be today or in the past"]},
        )
    concern = Concern(
        inspectorate=inspectorate,
        authority=authority,
        date=date,
        summary=(summary or "").strip(),
        severity=severity,
        recorded_by=by,
    )
    full_clean(concern, exclude=["recorded_by"])
    concern.save()
    return concern
