"""Scheduling an inspection: checking a plan, the dates that follow from it, clashes with other
inspections and bookings, and changing a planned inspection."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from agencies.models import Inspectorate, LocalAuthority
from jtai import clock
from jtai.exceptions import ApplicationError

from .. import workdays
from ..models import (
    INACTIVE_STATUSES,
    FrameworkVersion,
    Inspection,
    Participation,
    Status,
    TeamMember,
    Theme,
    Transition,
)
from ..selectors import (
    agencies_in_scope,
    has_custodial_establishment,
    participating_inspectorates,
    theme_inspectorate_ids,
)
from .common import check_lock, fail, full_clean, long_date, translate_integrity_error

AUTHORITY_OVERLAP_CONSTRAINT = "no_overlapping_inspections_per_authority"
INSPECTOR_OVERLAP_CONSTRAINT = "no_inspector_on_overlapping_inspections"


# --- derived dates --------------------------------------------------------------------------


def window_end_for(version: FrameworkVersion, window_start: datetime.date) -> datetime.date:
    """The window's last day: `window_days` calendar days counted inclusively from its Monday."""
    return window_start + datetime.timedelta(days=version.window_days - 1)


def notification_date_for(
    version: FrameworkVersion, window_start: datetime.date
) -> datetime.date | None:
    """Notice in working days, the notification day being day 1; None when unannounced."""
    if not version.is_announced:
        return None
    return workdays.notification_date_for(window_start, version.notice_working_days)


# --- clashes --------------------------------------------------------------------------------


def _authority_clash(authority, start, end, *, exclude_pk=None) -> Inspection | None:
    clashes = (
        Inspection.objects.filter(authority=authority, window_start__lte=end, window_end__gte=start)
        .exclude(status__in=INACTIVE_STATUSES)
        .select_related("framework_version__framework")
    )
    if exclude_pk:
        clashes = clashes.exclude(pk=exclude_pk)
    return clashes.first()


def _authority_clash_message(authority, clash: Inspection) -> str:
    return (
        f"{authority.name} already has an inspection from {long_date(clash.window_start)} to "
        f"{long_date(clash.window_end)} ({clash.framework_version.framework.name}); "
        "two inspections of one area cannot overlap"
    )


def inspector_clash(user, start, end, *, exclude_inspection_pk=None) -> TeamMember | None:
    clashes = TeamMember.objects.filter(
        user=user, is_active=True, holds_booking=True, window_start__lte=end, window_end__gte=start
    ).select_related("inspection__authority")
    if exclude_inspection_pk:
        clashes = clashes.exclude(inspection_id=exclude_inspection_pk)
    return clashes.first()


def inspector_clash_message(user, clash: TeamMember) -> str:
    return (
        f"{user.display_name} is already on the team inspecting {clash.inspection.authority.name} "
        f"from {long_date(clash.window_start)} to {long_date(clash.window_end)}; an inspector "
        "cannot be on two inspections at once"
    )


# --- scheduling -----------------------------------------------------------------------------


class Scheduled(NamedTuple):
    inspection: Inspection
    warnings: list[str]


def inspection_plan_validate(
    *,
    authority: LocalAuthority,
    version: FrameworkVersion,
    theme: Theme | None,
    window_start: datetime.date,
    optional_inspectorates: Iterable[Inspectorate],
    exclude_pk: int | None = None,
) -> tuple[datetime.date, list[Inspectorate], list[str]]:
    """Check a plan; return (window end, optional inspectorates, warnings) or raise."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if not authority.is_current:
        add("authority", f"{authority.name} no longer exists; choose a current local authority")
    elif not authority.la_code:
        add("authority", f"{authority.name} has no children's services to inspect")

    window_end = None
    if window_start.weekday() != 0:
        add("window_start", "The window must start on a Monday")
    elif not workdays.is_working_day(window_start):
        name = workdays.bank_holiday_name(window_start) or "a bank holiday"
        add("window_start", f"The window cannot start on {name}; choose a working Monday")
    else:
        window_end = window_end_for(version, window_start)
        if not version.is_active_between(window_start, window_end):
            until = long_date(version.active_to) if version.active_to else "now"
            add(
                "window_start",
                f"{version.framework.name} runs from {long_date(version.active_from)} to {until}; "
                "the whole window must fall in that period",
            )

    if version.framework.themes.exists() and theme is None:
        add("theme", f"Choose a theme for the {version.framework.name}")
    if theme is not None:
        if theme.framework_id != version.framework_id:
            add("theme", f"{theme.name} is not a theme of the {version.framework.name}")
        elif theme.start_date > window_start or (
            theme.end_date is not None and theme.end_date < window_start
        ):
            until = long_date(theme.end_date) if theme.end_date else "now"
            add(
                "theme",
                f"The theme {theme.name} runs from {long_date(theme.start_date)} to {until}; "
                "choose a theme active when the window starts",
            )

    rules = {r.inspectorate_id: r for r in version.inspectorate_rules.all()}
    chosen = list(optional_inspectorates)
    in_theme = theme_inspectorate_ids(theme) if "theme" not in errors else None
    for inspectorate in chosen:
        rule = rules.get(inspectorate.pk)
        if rule is None or rule.participation != Participation.OPTIONAL:
            add(
                "optional_inspectorates",
                f"{inspectorate.short_name} is not an optional inspectorate of this framework",
            )
        elif in_theme is not None and inspectorate.pk not in in_theme:
            add(
                "optional_inspectorates",
                f"{inspectorate.short_name} does not take part in the theme {theme.name}",
            )

    if window_end and "authority" not in errors:
        clash = _authority_clash(authority, window_start, window_end, exclude_pk=exclude_pk)
        if clash:
            add("window_start", _authority_clash_message(authority, clash))

    if errors:
        first = next(iter(errors.values()))[0]
        raise ApplicationError(first, fields=errors)

    warnings = []
    if workdays.overlaps_christmas(window_start, window_end):
        warnings.append(
            "The window runs over Christmas and New Year, when many services are closed: "
            "consider another window"
        )
    notification = notification_date_for(version, window_start)
    if notification and notification < clock.today():
        warnings.append(f"The notification date, {long_date(notification)}, has already passed")
    return window_end, chosen, warnings


def _unique_reference(authority: LocalAuthority, version: FrameworkVersion, start) -> str:
    base = slugify(f"{authority.slug}-{version.framework.code}-{start:%Y-%m}")[:70]
    reference = base
    n = 2
    while Inspection.objects.filter(reference=reference).exists():
        reference = f"{base}-{n}"
        n += 1
    return reference


def _apply_derived(inspection: Inspection, chosen_optional) -> None:
    """Inspectorates follow from the framework, the theme, the area and the admin's choice;
    agencies from the inspectorates taking part (no HMI Probation, no probation service)."""
    version = inspection.framework_version
    custodial = has_custodial_establishment(inspection.authority)
    inspection.has_custodial_establishment = custodial
    inspection.save(update_fields=["has_custodial_establishment"])
    taking_part = participating_inspectorates(
        version, custodial=custodial, optional=chosen_optional, theme=inspection.theme
    )
    inspection.inspectorates.set(taking_part)
    inspection.agencies.set(agencies_in_scope(version, inspection.authority, taking_part))


@transaction.atomic
def inspection_schedule(
    *,
    authority: LocalAuthority,
    framework_version: FrameworkVersion,
    window_start: datetime.date,
    theme: Theme | None = None,
    optional_inspectorates: Iterable[Inspectorate] = (),
    by=None,
    reference: str = "",
) -> Scheduled:
    """Plan an inspection. Returns it with warnings (a window over Christmas) that do not refuse."""
    window_end, chosen, warnings = inspection_plan_validate(
        authority=authority,
        version=framework_version,
        theme=theme,
        window_start=window_start,
        optional_inspectorates=optional_inspectorates,
    )
    inspection = Inspection(
        authority=authority,
        framework_version=framework_version,
        theme=theme,
        reference=reference or _unique_reference(authority, framework_version, window_start),
        window_start=window_start,
        window_end=window_end,
        notification_date=notification_date_for(framework_version, window_start),
        status=Status.PLANNED,
        created_by=by,
    )
    full_clean(inspection, exclude=["created_by"])
    try:
        with transaction.atomic():
            inspection.save()
    except IntegrityError as exc:
        clash = _authority_clash(authority, window_start, window_end)
        message = (
            _authority_clash_message(authority, clash)
            if clash
            else "Another inspection of this area overlaps that window"
        )
        translate_integrity_error(exc, {AUTHORITY_OVERLAP_CONSTRAINT: message})
    _apply_derived(inspection, chosen)
    Transition.objects.create(
        inspection=inspection,
        verb="schedule",
        from_status="",
        to_status=Status.PLANNED,
        by=by,
        at=clock.now(),
    )
    return Scheduled(inspection, warnings)


_UNCHANGED = object()


@transaction.atomic
def inspection_update(
    *,
    inspection: Inspection,
    by=None,
    lock_version: int | None = None,
    window_start: datetime.date | None = None,
    theme=_UNCHANGED,
    optional_inspectorates: Iterable[Inspectorate] | None = None,
) -> Scheduled:
    """Change a planned inspection's window, theme or optional inspectorates."""
    locked = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("authority", "framework_version__framework")
        .get(pk=inspection.pk)
    )
    if locked.status != Status.PLANNED:
        fail(
            f"Only a planned inspection can be changed; this one is {locked.get_status_display()}",
            conflict=True,
        )
    check_lock(locked, lock_version)
    version = locked.framework_version
    new_start = window_start or locked.window_start
    new_theme = locked.theme if theme is _UNCHANGED else theme
    if optional_inspectorates is None:
        optional_ids = set(
            version.inspectorate_rules.filter(participation=Participation.OPTIONAL).values_list(
                "inspectorate_id", flat=True
            )
        )
        # Kept unless the new theme leaves them out (a front-door theme has no HMI Probation).
        in_theme = theme_inspectorate_ids(new_theme)
        optional_inspectorates = [
            i
            for i in locked.inspectorates.all()
            if i.pk in optional_ids and (in_theme is None or i.pk in in_theme)
        ]
    window_end, chosen, warnings = inspection_plan_validate(
        authority=locked.authority,
        version=version,
        theme=new_theme,
        window_start=new_start,
        optional_inspectorates=optional_inspectorates,
        exclude_pk=locked.pk,
    )
    if new_start != locked.window_start:
        for member in locked.team.filter(is_active=True).select_related("user"):
            clash = inspector_clash(
                member.user, new_start, window_end, exclude_inspection_pk=locked.pk
            )
            if clash:
                fail(inspector_clash_message(member.user, clash), "window_start")
    locked.window_start = new_start
    locked.window_end = window_end
    locked.theme = new_theme
    locked.notification_date = notification_date_for(version, new_start)
    locked.lock_version += 1
    full_clean(locked, exclude=["created_by"])
    try:
        with transaction.atomic():
            locked.save()
            locked.team.update(window_start=new_start, window_end=window_end)
    except IntegrityError as exc:
        translate_integrity_error(
            exc,
            {
                AUTHORITY_OVERLAP_CONSTRAINT: (
                    "Another inspection of this area overlaps that window"
                ),
                INSPECTOR_OVERLAP_CONSTRAINT: ("A team member is booked elsewhere in that window"),
            },
        )
    _apply_derived(locked, chosen)
    # Members of inspectorates no longer taking part leave the team.
    locked.team.exclude(inspectorate__in=locked.inspectorates.all()).delete()
    Transition.objects.create(
        inspection=locked,
        verb="update",
        from_status=locked.status,
        to_status=locked.status,
        by=by,
        at=clock.now(),
        reason="Plan changed",
    )
    return Scheduled(locked, warnings)
