"""Every write to frameworks, partner agencies, inspections, teams and the lifecycle.

Keyword-only `<entity>_<verb>` functions, atomic, `full_clean()` before saving, and an
`ApplicationError` with field errors for every rule broken. Rules the database can hold too
(overlapping bookings, on PostgreSQL) are checked here first for a clear message, and the
database's refusal is translated into the same message.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Iterable
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from agencies.models import AgencyType, Inspectorate, LocalAuthority, PartnerAgency
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError

from . import lifecycle, workdays
from .models import (
    INACTIVE_STATUSES,
    CalendarToken,
    CaseCriterion,
    Framework,
    FrameworkAgencyType,
    FrameworkInspectorate,
    FrameworkVersion,
    Inspection,
    JudgementArea,
    Participation,
    Status,
    TeamMember,
    TeamRole,
    Theme,
    Transition,
)
from .permissions import actor_roles

logger = logging.getLogger(__name__)

OFSTED = "ofsted"
# While these, the team may still change.
TEAM_EDITABLE_STATUSES = (
    Status.PLANNED,
    Status.NOTIFIED,
    Status.FIELDWORK,
    Status.EVIDENCE_CLOSED,
    Status.MODERATION,
)
# A framework version used by an inspection in any other state has "started" and is frozen.
NOT_STARTED_STATUSES = (Status.PLANNED, Status.CANCELLED, Status.DEFERRED)

AUTHORITY_OVERLAP_CONSTRAINT = "no_overlapping_inspections_per_authority"
INSPECTOR_OVERLAP_CONSTRAINT = "no_inspector_on_overlapping_inspections"


def _date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _fail(message: str, field: str | None = None, *, conflict: bool = False):
    error = ConflictError if conflict else ApplicationError
    raise error(message, fields={field: [message]} if field else None)


def _full_clean(instance, **kwargs) -> None:
    """`full_clean()`, with Django's validation errors as our field errors."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "message_dict") else {"__all__": exc.messages}
        first = next(iter(fields.values()))[0]
        raise ApplicationError(first, fields={k: list(v) for k, v in fields.items()}) from exc


# --- derived facts --------------------------------------------------------------------------


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


def has_custodial_establishment(authority: LocalAuthority) -> bool:
    return authority.partner_agencies.filter(
        is_active=True, agency_type__is_custodial=True
    ).exists()


def participating_inspectorates(
    version: FrameworkVersion,
    *,
    custodial: bool,
    optional: Iterable[Inspectorate] = (),
) -> list[Inspectorate]:
    """Required ones, conditional ones where the area has a custodial establishment, and the
    optional ones the admin chose."""
    chosen = {i.pk for i in optional}
    result = []
    for rule in version.inspectorate_rules.select_related("inspectorate"):
        if (
            rule.participation == Participation.REQUIRED
            or (rule.participation == Participation.CONDITIONAL and custodial)
            or (rule.participation == Participation.OPTIONAL and rule.inspectorate_id in chosen)
        ):
            result.append(rule.inspectorate)
    return result


def agencies_in_scope(version: FrameworkVersion, authority: LocalAuthority):
    """The area's active partner agencies whose type the framework covers."""
    type_ids = version.agency_type_rules.values_list("agency_type_id", flat=True)
    return authority.partner_agencies.filter(is_active=True, agency_type_id__in=type_ids)


def judging_inspectorate_ids(version: FrameworkVersion) -> dict[int, int]:
    """agency type id -> the id of the inspectorate that judges it under this version."""
    return dict(version.agency_type_rules.values_list("agency_type_id", "judged_by_id"))


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
        f"{authority.name} already has an inspection from {_date(clash.window_start)} to "
        f"{_date(clash.window_end)} ({clash.framework_version.framework.name}); "
        "two inspections of one area cannot overlap"
    )


def _inspector_clash(user, start, end, *, exclude_inspection_pk=None) -> TeamMember | None:
    clashes = TeamMember.objects.filter(
        user=user, is_active=True, holds_booking=True, window_start__lte=end, window_end__gte=start
    ).select_related("inspection__authority")
    if exclude_inspection_pk:
        clashes = clashes.exclude(inspection_id=exclude_inspection_pk)
    return clashes.first()


def _inspector_clash_message(user, clash: TeamMember) -> str:
    return (
        f"{user.display_name} is already on the team inspecting {clash.inspection.authority.name} "
        f"from {_date(clash.window_start)} to {_date(clash.window_end)}; an inspector cannot be "
        "on two inspections at once"
    )


def _translate_integrity_error(exc: IntegrityError, message_for: dict[str, str]):
    text = str(exc)
    for constraint, message in message_for.items():
        if constraint in text:
            raise ApplicationError(message, fields={"__all__": [message]}) from exc
    raise exc


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
            until = _date(version.active_to) if version.active_to else "now"
            add(
                "window_start",
                f"{version.framework.name} runs from {_date(version.active_from)} to {until}; "
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
            until = _date(theme.end_date) if theme.end_date else "now"
            add(
                "theme",
                f"The theme {theme.name} runs from {_date(theme.start_date)} to {until}; "
                "choose a theme active when the window starts",
            )

    rules = {r.inspectorate_id: r for r in version.inspectorate_rules.all()}
    chosen = list(optional_inspectorates)
    for inspectorate in chosen:
        rule = rules.get(inspectorate.pk)
        if rule is None or rule.participation != Participation.OPTIONAL:
            add(
                "optional_inspectorates",
                f"{inspectorate.short_name} is not an optional inspectorate of this framework",
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
        warnings.append(f"The notification date, {_date(notification)}, has already passed")
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
    """Inspectorates and agencies follow from the framework, the area and the admin's choice."""
    version = inspection.framework_version
    custodial = has_custodial_establishment(inspection.authority)
    inspection.has_custodial_establishment = custodial
    inspection.save(update_fields=["has_custodial_establishment"])
    inspection.inspectorates.set(
        participating_inspectorates(version, custodial=custodial, optional=chosen_optional)
    )
    inspection.agencies.set(agencies_in_scope(version, inspection.authority))


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
    _full_clean(inspection, exclude=["created_by"])
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
        _translate_integrity_error(exc, {AUTHORITY_OVERLAP_CONSTRAINT: message})
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


def _check_lock(inspection: Inspection, lock_version: int | None) -> None:
    if lock_version is not None and int(lock_version) != inspection.lock_version:
        raise ConflictError(
            "Someone else changed this inspection while you were editing it; "
            "reload it to see their changes",
            fields={"lock_version": ["This inspection has changed since you loaded it"]},
        )


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
        _fail(
            f"Only a planned inspection can be changed; this one is {locked.get_status_display()}",
            conflict=True,
        )
    _check_lock(locked, lock_version)
    version = locked.framework_version
    new_start = window_start or locked.window_start
    new_theme = locked.theme if theme is _UNCHANGED else theme
    if optional_inspectorates is None:
        optional_ids = set(
            version.inspectorate_rules.filter(participation=Participation.OPTIONAL).values_list(
                "inspectorate_id", flat=True
            )
        )
        optional_inspectorates = [i for i in locked.inspectorates.all() if i.pk in optional_ids]
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
            clash = _inspector_clash(
                member.user, new_start, window_end, exclude_inspection_pk=locked.pk
            )
            if clash:
                _fail(_inspector_clash_message(member.user, clash), "window_start")
    locked.window_start = new_start
    locked.window_end = window_end
    locked.theme = new_theme
    locked.notification_date = notification_date_for(version, new_start)
    locked.lock_version += 1
    _full_clean(locked, exclude=["created_by"])
    try:
        with transaction.atomic():
            locked.save()
            locked.team.update(window_start=new_start, window_end=window_end)
    except IntegrityError as exc:
        _translate_integrity_error(
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


# --- teams ----------------------------------------------------------------------------------


def _lock_for_team_change(inspection: Inspection) -> Inspection:
    locked = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("framework_version")
        .get(pk=inspection.pk)
    )
    if locked.status not in TEAM_EDITABLE_STATUSES:
        _fail(
            f"The team cannot change once the inspection is {locked.get_status_display().lower()}",
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
        clash = _inspector_clash(
            user,
            inspection.window_start,
            inspection.window_end,
            exclude_inspection_pk=inspection.pk,
        )
        if clash and inspection.status not in INACTIVE_STATUSES:
            add("user", _inspector_clash_message(user, clash))

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
    _full_clean(member, validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:
        _translate_integrity_error(
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
        _translate_integrity_error(
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


def team_gaps(inspection: Inspection) -> list[str]:
    """What the team still needs before the area can be notified (empty when complete).

    Every participating inspectorate needs a lead (the overall lead leads Ofsted) and at least
    one inspector: someone in the inspector role, or a lead assigned agencies to inspect.
    """
    members = list(
        inspection.team.filter(is_active=True)
        .select_related("inspectorate")
        .prefetch_related("agencies")
    )
    return team_gaps_among(members, list(inspection.inspectorates.all()))


def team_gaps_among(members, inspectorates) -> list[str]:
    """`team_gaps` for members (with their agencies) and inspectorates already loaded."""
    gaps = []
    if not any(m.role == TeamRole.OVERALL_LEAD for m in members):
        gaps.append("The team has no overall lead inspector")
    for inspectorate in inspectorates:
        own = [m for m in members if m.inspectorate_id == inspectorate.pk]
        if not any(m.role in (TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD) for m in own):
            gaps.append(f"{inspectorate.short_name} has no lead inspector")
        if not any(m.role == TeamRole.INSPECTOR or m.agencies.all() for m in own):
            gaps.append(f"{inspectorate.short_name} has no inspector")
    return gaps


# --- the lifecycle --------------------------------------------------------------------------


def _builtin_guard(inspection: Inspection, verb: str, *, by, reason: str) -> None:
    today = clock.today()
    if verb == "notify":
        gaps = team_gaps(inspection)
        if gaps:
            raise ApplicationError(
                "The team is not complete: " + "; ".join(gaps), fields={"team": gaps}
            )
    elif verb == "start_fieldwork" and today < inspection.window_start:
        if by is None:
            _fail("Fieldwork starts on the window's first day", conflict=True)
        if not reason.strip():
            _fail(
                f"The window starts on {_date(inspection.window_start)}; "
                "give a reason to start fieldwork early",
                "reason",
            )
    elif verb == "await_action_plan" and not inspection.framework_version.action_plan_working_days:
        _fail("This framework does not ask for a written statement of action", conflict=True)
    elif (
        verb == "close"
        and inspection.status == Status.PUBLISHED
        and inspection.framework_version.action_plan_working_days
    ):
        _fail("Ask for the written statement of action before closing", conflict=True)


def _builtin_after(inspection: Inspection, verb: str, *, by, transition: Transition) -> None:
    if verb == "notify":
        from .tasks import send_notification_emails

        send_notification_emails.delay_on_commit(inspection.pk)
    elif verb in ("cancel", "defer"):
        inspection.team.update(holds_booking=False)
    elif verb == "start_fieldwork":
        _ensure_judgements(inspection)
    elif verb == "await_action_plan":
        published = (
            inspection.transitions.filter(to_status=Status.PUBLISHED).order_by("-at").first()
        )
        start = timezone.localdate(published.at) if published else clock.today()
        inspection.action_plan_due_date = workdays.add_working_days(
            start, inspection.framework_version.action_plan_working_days
        )
        inspection.save(update_fields=["action_plan_due_date"])


def _ensure_judgements(inspection: Inspection) -> None:
    """Judgement rows exist when fieldwork starts (the recording part of the product makes them)."""
    try:
        from .recording import services as recording_services
    except ImportError:
        return
    ensure = getattr(recording_services, "judgements_ensure", None)
    if ensure is not None:
        ensure(inspection=inspection)


@transaction.atomic
def inspection_transition(
    *,
    inspection: Inspection,
    verb: str,
    by=None,
    reason: str = "",
    lock_version: int | None = None,
) -> Inspection:
    """Move an inspection by one verb of the lifecycle table, if `by` may and its state allows.

    Raises PermissionDenied (the role may not), ConflictError (not from the current state, or a
    stale `lock_version`) or ApplicationError (a field error, e.g. a missing reason).
    `by=None` is the system (the scheduled task starting fieldwork).
    """
    rule = lifecycle.TRANSITIONS.get(verb)
    if rule is None:
        _fail(f"Unknown action {verb!r}", "verb")
    locked = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("authority", "framework_version__framework", "theme")
        .get(pk=inspection.pk)
    )
    if not rule.allows(actor_roles(by, locked)):
        raise PermissionDenied(f"You cannot {rule.label.lower()} for this inspection")
    if locked.status not in rule.sources:
        _fail(
            f"An inspection that is {locked.get_status_display().lower()} cannot move on by "
            f"“{rule.label.lower()}”",
            conflict=True,
        )
    _check_lock(locked, lock_version)
    reason = (reason or "").strip()
    if rule.reason_required and not reason:
        _fail("Enter a reason", "reason")
    _builtin_guard(locked, verb, by=by, reason=reason)
    for check in lifecycle.guards_for(verb):
        check(locked, by=by, reason=reason)

    from_status = locked.status
    locked.status = rule.target
    if rule.reason_required:
        locked.status_reason = reason
    locked.lock_version += 1
    locked.save(update_fields=["status", "status_reason", "lock_version", "updated_at"])
    transition = Transition.objects.create(
        inspection=locked,
        verb=verb,
        from_status=from_status,
        to_status=rule.target,
        by=by,
        at=clock.now(),
        reason=reason,
    )
    _builtin_after(locked, verb, by=by, transition=transition)
    for hook in lifecycle.hooks_after(verb):
        hook(locked, by=by, transition=transition)
    # The caller's object reflects the new state too.
    inspection.status = locked.status
    inspection.status_reason = locked.status_reason
    inspection.lock_version = locked.lock_version
    inspection.action_plan_due_date = locked.action_plan_due_date
    return locked


def inspection_notify(*, inspection, by, reason="", lock_version=None) -> Inspection:
    return inspection_transition(
        inspection=inspection, verb="notify", by=by, reason=reason, lock_version=lock_version
    )


def inspection_start_fieldwork(*, inspection, by, reason="", lock_version=None) -> Inspection:
    return inspection_transition(
        inspection=inspection,
        verb="start_fieldwork",
        by=by,
        reason=reason,
        lock_version=lock_version,
    )


def inspection_close_evidence(*, inspection, by, reason="", lock_version=None) -> Inspection:
    return inspection_transition(
        inspection=inspection,
        verb="close_evidence",
        by=by,
        reason=reason,
        lock_version=lock_version,
    )


def inspection_start_moderation(*, inspection, by, reason="", lock_version=None) -> Inspection:
    return inspection_transition(
        inspection=inspection,
        verb="start_moderation",
        by=by,
        reason=reason,
        lock_version=lock_version,
    )


def inspection_send_for_factual_accuracy(
    *, inspection, by, reason="", lock_version=None
) -> Inspection:
    return inspection_transition(
        inspection=inspection,
        verb="send_for_factual_accuracy",
        by=by,
        reason=reason,
        lock_version=lock_version,
    )


def inspection_publish(*, inspection, by, reason="", lock_version=None) -> Inspection:
    return inspection_transition(
        inspection=inspection, verb="publish", by=by, reason=reason, lock_version=lock_version
    )


def inspection_await_action_plan(*, inspection, by, reason="", lock_version=None) -> Inspection:
    return inspection_transition(
        inspection=inspection,
        verb="await_action_plan",
        by=by,
        reason=reason,
        lock_version=lock_version,
    )


def inspection_close(*, inspection, by, reason="", lock_version=None) -> Inspection:
    return inspection_transition(
        inspection=inspection, verb="close", by=by, reason=reason, lock_version=lock_version
    )


def inspection_cancel(*, inspection, by, reason, lock_version=None) -> Inspection:
    return inspection_transition(
        inspection=inspection, verb="cancel", by=by, reason=reason, lock_version=lock_version
    )


def inspection_defer(*, inspection, by, reason, lock_version=None) -> Inspection:
    return inspection_transition(
        inspection=inspection, verb="defer", by=by, reason=reason, lock_version=lock_version
    )


def inspections_start_due_fieldwork(*, today: datetime.date | None = None) -> list[int]:
    """Start fieldwork on every notified inspection whose window has begun. Idempotent."""
    today = today or clock.today()
    started = []
    due = Inspection.objects.filter(status=Status.NOTIFIED, window_start__lte=today)
    for pk in due.values_list("pk", flat=True):
        try:
            inspection_start_fieldwork(inspection=Inspection(pk=pk), by=None)
        except ApplicationError as exc:
            logger.warning("Fieldwork not started on inspection %s: %s", pk, exc.message)
            continue
        started.append(pk)
    return started


# --- notification emails --------------------------------------------------------------------


def _notification_body(inspection: Inspection, *, for_area: bool) -> str:
    version = inspection.framework_version
    lines = [
        f"{inspection.authority.name}: {version.framework.name}"
        + (f" ({inspection.theme.name})" if inspection.theme else ""),
        "",
        f"The inspection window runs from {_date(inspection.window_start)} to "
        f"{_date(inspection.window_end)}.",
    ]
    if inspection.notification_date:
        lines.append(
            f"This notice is given on {_date(inspection.notification_date)}, "
            f"{version.notice_working_days} working days before inspectors arrive "
            "(the day of notice counts as day 1)."
        )
    names = ", ".join(i.name for i in inspection.inspectorates.all())
    lines += ["", f"Inspectorates taking part: {names}."]
    if for_area:
        agencies = ", ".join(a.name for a in inspection.agencies.all())
        lines += [
            f"Agencies covered: {agencies}.",
            "",
            "The lead inspector will contact you to arrange the inspection.",
        ]
    else:
        lines += ["", "You are on the inspection team. It is now in your schedule."]
    return "\n".join(lines)


@transaction.atomic
def inspection_send_notification_emails(*, inspection_id: int) -> int:
    """Email the team and the area's contacts once; a repeat call sends nothing."""
    inspection = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("authority", "framework_version__framework", "theme")
        .get(pk=inspection_id)
    )
    if inspection.notification_sent_at is not None or inspection.status != Status.NOTIFIED:
        return 0
    subject = (
        f"Inspection of {inspection.authority.name}: "
        f"{inspection.framework_version.framework.name}, from {_date(inspection.window_start)}"
    )
    team = [
        m.user.email
        for m in inspection.team.filter(is_active=True).select_related("user")
        if m.user.email
    ]
    contacts = list(inspection.authority.contacts.values_list("email", flat=True))
    messages = []
    if team:
        messages.append(
            EmailMessage(subject, _notification_body(inspection, for_area=False), to=team)
        )
    for address in contacts:
        messages.append(
            EmailMessage(subject, _notification_body(inspection, for_area=True), to=[address])
        )
    if messages:
        get_connection().send_messages(messages)
    inspection.notification_sent_at = clock.now()
    inspection.save(update_fields=["notification_sent_at"])
    return len(messages)


# --- partner agencies, themes, framework versions -------------------------------------------


@transaction.atomic
def partner_agency_create(
    *,
    name: str,
    agency_type: AgencyType,
    authorities: Iterable[LocalAuthority],
    is_active: bool = True,
    by=None,
) -> PartnerAgency:
    authorities = list(authorities)
    if not authorities:
        _fail("Choose at least one local authority the agency serves", "authorities")
    agency = PartnerAgency(name=name.strip(), agency_type=agency_type, is_active=is_active)
    _full_clean(agency)
    agency.save()
    agency.authorities.set(authorities)
    return agency


@transaction.atomic
def partner_agency_update(
    *,
    agency: PartnerAgency,
    name: str | None = None,
    agency_type: AgencyType | None = None,
    authorities: Iterable[LocalAuthority] | None = None,
    is_active: bool | None = None,
    by=None,
) -> PartnerAgency:
    if name is not None:
        agency.name = name.strip()
    if agency_type is not None:
        agency.agency_type = agency_type
    if is_active is not None:
        agency.is_active = is_active
    if authorities is not None:
        authorities = list(authorities)
        if not authorities:
            _fail("Choose at least one local authority the agency serves", "authorities")
    _full_clean(agency)
    agency.save()
    if authorities is not None:
        agency.authorities.set(authorities)
    return agency


@transaction.atomic
def theme_create(
    *,
    framework: Framework,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    description: str = "",
    inspectorates: Iterable[Inspectorate] = (),
    code: str = "",
    by=None,
) -> Theme:
    """Add a theme (the JTAI's "deep dive") to a framework."""
    if end_date is not None and end_date < start_date:
        _fail("The end date must be on or after the start date", "end_date")
    code = slugify(code or f"{name}-{start_date.year}")[:60]
    if Theme.objects.filter(framework=framework, code=code).exists():
        _fail(f"The {framework.name} already has a theme called {name}", "name")
    theme = Theme(
        framework=framework,
        code=code,
        name=name.strip(),
        description=description,
        start_date=start_date,
        end_date=end_date,
    )
    _full_clean(theme)
    theme.save()
    chosen = list(inspectorates)
    theme.inspectorates.set(
        chosen
        or [
            rule.inspectorate
            for version in framework.versions.all()[:1]
            for rule in version.inspectorate_rules.select_related("inspectorate")
            if rule.participation != Participation.CONDITIONAL
        ]
    )
    return theme


REVISABLE_FIELDS = (
    "active_from",
    "active_to",
    "graded",
    "aggregate_judgement_allowed",
    "window_days",
    "notice_working_days",
    "report_form",
    "action_plan_working_days",
    "min_tracked_cases",
    "method",
)


def framework_version_in_use(version: FrameworkVersion) -> bool:
    """Used by an inspection that has started: its rules are then frozen."""
    return version.inspections.exclude(status__in=NOT_STARTED_STATUSES).exists()


@transaction.atomic
def framework_version_revise(
    *, version: FrameworkVersion, by=None, new_version: bool = False, **changes
) -> FrameworkVersion:
    """Edit a framework version. If a started inspection uses it (or `new_version` is asked
    for), the edit makes a new version (a copy with its rules, areas and criteria), and
    inspections keep the version they have."""
    unknown = set(changes) - set(REVISABLE_FIELDS)
    if unknown:
        _fail(f"These cannot be changed: {', '.join(sorted(unknown))}", sorted(unknown)[0])
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if not new_version and not framework_version_in_use(version):
        for field, value in changes.items():
            setattr(version, field, value)
        _full_clean(version)
        version.save()
        return version

    number = version.framework.versions.aggregate(top=Max("version"))["top"] + 1
    copy = FrameworkVersion(
        framework=version.framework,
        version=number,
        revised_from=version,
        **{field: getattr(version, field) for field in REVISABLE_FIELDS},
    )
    for field, value in changes.items():
        setattr(copy, field, value)
    _full_clean(copy)
    copy.save()
    FrameworkInspectorate.objects.bulk_create(
        FrameworkInspectorate(
            version=copy, inspectorate_id=r.inspectorate_id, participation=r.participation
        )
        for r in version.inspectorate_rules.all()
    )
    FrameworkAgencyType.objects.bulk_create(
        FrameworkAgencyType(
            version=copy, agency_type_id=r.agency_type_id, judged_by_id=r.judged_by_id
        )
        for r in version.agency_type_rules.all()
    )
    for area in version.judgement_areas.prefetch_related("excluded_agency_types"):
        excluded = list(area.excluded_agency_types.all())
        area_copy = JudgementArea.objects.create(
            version=copy,
            code=area.code,
            title=area.title,
            criteria=area.criteria,
            order=area.order,
            is_shared=area.is_shared,
            grade_descriptors=area.grade_descriptors,
        )
        area_copy.excluded_agency_types.set(excluded)
    CaseCriterion.objects.bulk_create(
        CaseCriterion(version=copy, code=c.code, text=c.text, order=c.order)
        for c in version.case_criteria.all()
    )
    return copy


def calendar_token_for(user) -> CalendarToken:
    """The user's calendar feed secret, made on first use."""
    token, _ = CalendarToken.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return token


@transaction.atomic
def calendar_token_reset(*, user) -> CalendarToken:
    """A new secret: calendar apps subscribed with the old URL stop receiving updates."""
    CalendarToken.objects.filter(user=user).delete()
    return calendar_token_for(user)
