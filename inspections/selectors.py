"""Reads shared by pages, the API and the services, with their queries decided once.

What a user may see is scoped to them here (`inspection_list`, `inspection_detail`, ...); the
rest are facts that follow from a framework, an area or a team (`team_gaps`,
`participating_inspectorates`, ...), read the same way by whoever asks."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from agencies.models import Inspectorate, InspectorateName, LocalAuthority, PartnerAgency
from jtai.queries import filter_given

from .framework_data import DATED_AREA_TITLES
from .models import (
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
    Transition,
)
from .permissions import visible_inspections


def framework_version_for(
    framework: Framework, window_start: datetime.date
) -> FrameworkVersion | None:
    """The newest version of `framework` active for a window starting on `window_start`."""
    for version in framework.versions.order_by("-version"):
        end = window_start + datetime.timedelta(days=version.window_days - 1)
        if version.is_active_between(window_start, end):
            return version
    return None


def latest_version(framework: Framework) -> FrameworkVersion | None:
    return framework.versions.order_by("-version").first()


def framework_list() -> QuerySet[Framework]:
    return Framework.objects.prefetch_related(
        Prefetch(
            "versions",
            FrameworkVersion.objects.prefetch_related(
                "inspectorate_rules__inspectorate",
                "agency_type_rules__agency_type",
                "agency_type_rules__judged_by",
                Prefetch(
                    "judgement_areas",
                    JudgementArea.objects.prefetch_related("excluded_agency_types"),
                ),
                "case_criteria",
            ),
        ),
        "themes__inspectorates",
    )


def inspection_list(
    user,
    *,
    status: str | None = None,
    framework: Framework | None = None,
    theme=None,
    region: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    authority=None,
) -> QuerySet[Inspection]:
    """Inspections the user may see, filtered; windows overlapping [date_from, date_to]."""
    qs = visible_inspections(user).select_related(
        "authority", "framework_version__framework", "theme"
    )
    qs = filter_given(
        qs,
        status=status,
        framework_version__framework=framework,
        theme=theme,
        authority__region=region,
        authority=authority,
        window_end__gte=date_from,
        window_start__lte=date_to,
    )
    return qs.order_by("-window_start", "authority__name", "pk")


def inspection_detail(user, pk: int) -> Inspection:
    """One inspection with everything its page shows, or 404 when the user may not see it."""
    # Each related list in its model's order, less the parts of that order (the inspection's,
    # the framework's) that are the same for every row of one inspection: no joins to sort by
    # what cannot differ.
    team = (
        TeamMember.objects.select_related("user", "inspectorate")
        .prefetch_related(Prefetch("agencies", PartnerAgency.objects.select_related("agency_type")))
        .order_by("inspectorate__order", "role", "user__last_name")
    )
    return get_object_or_404(
        visible_inspections(user)
        .select_related("authority", "framework_version__framework", "theme")
        .prefetch_related(
            # With their dated names: pages show the name of the inspection's date.
            Prefetch(
                "inspectorates__names",
                InspectorateName.objects.order_by(
                    "inspectorate_id", F("valid_from").asc(nulls_first=True)
                ),
            ),
            Prefetch("agencies", PartnerAgency.objects.select_related("agency_type")),
            Prefetch("team", team.filter(is_active=True)),
            Prefetch("transitions", Transition.objects.select_related("by").order_by("at", "id")),
            Prefetch(
                "framework_version__agency_type_rules",
                FrameworkAgencyType.objects.order_by("agency_type__order"),
            ),
            Prefetch(
                "framework_version__inspectorate_rules",
                FrameworkInspectorate.objects.order_by("inspectorate__order"),
            ),
        ),
        pk=pk,
    )


def inspector_schedule(user) -> QuerySet[TeamMember]:
    """The user's places on inspection teams, soonest first, with what each page shows."""
    return (
        TeamMember.objects.filter(user=user, is_active=True)
        .select_related(
            "inspection__authority",
            "inspection__framework_version__framework",
            "inspection__theme",
            "inspectorate",
        )
        .order_by("window_start", "pk")
    )


# --- what follows from a framework and an area ----------------------------------------------

# A framework version used by an inspection in any other state has "started" and is frozen.
NOT_STARTED_STATUSES = (Status.PLANNED, Status.CANCELLED, Status.DEFERRED)


def has_custodial_establishment(authority: LocalAuthority) -> bool:
    return LocalAuthority.objects.filter(pk=authority.pk).with_custodial_establishment().exists()


def theme_inspectorate_ids(theme) -> set[int] | None:
    """The inspectorates a theme names, or None when it names none (no restriction)."""
    if theme is None:
        return None
    ids = {i.pk for i in theme.inspectorates.all()}
    return ids or None


def participating_inspectorates(
    version: FrameworkVersion,
    *,
    custodial: bool,
    optional: Iterable[Inspectorate] = (),
    theme=None,
) -> list[Inspectorate]:
    """Required ones, conditional ones where the area has a custodial establishment, and the
    optional ones the admin chose, where the theme (if it names its inspectorates) has them:
    a theme without HMI Probation means probation does not take part."""
    chosen = {i.pk for i in optional}
    in_theme = theme_inspectorate_ids(theme)
    result = []
    for rule in version.inspectorate_rules.select_related("inspectorate"):
        if (
            rule.participation == Participation.REQUIRED
            or (rule.participation == Participation.CONDITIONAL and custodial)
            or (
                rule.participation == Participation.OPTIONAL
                and rule.inspectorate_id in chosen
                and (in_theme is None or rule.inspectorate_id in in_theme)
            )
        ):
            result.append(rule.inspectorate)
    return result


def _ids(inspectorates) -> set[int]:
    return {i if isinstance(i, int) else i.pk for i in inspectorates}


def agencies_in_scope(
    version: FrameworkVersion,
    authority: LocalAuthority,
    inspectorates: Iterable[Inspectorate | int] | None = None,
):
    """The area's active partner agencies whose type the framework covers, and (when
    `inspectorates` is given) whose judging inspectorate takes part: an inspection without
    HMI Probation does not take in the area's probation service or youth justice team."""
    rules = version.agency_type_rules.all()
    if inspectorates is not None:
        rules = rules.filter(judged_by_id__in=_ids(inspectorates))
    type_ids = rules.values_list("agency_type_id", flat=True)
    return authority.partner_agencies.filter(is_active=True, agency_type_id__in=type_ids)


def judging_inspectorate_ids(
    version: FrameworkVersion, inspectorates: Iterable[Inspectorate | int] | None = None
) -> dict[int, int]:
    """agency type id -> the id of the inspectorate that judges it under this version; only
    the types judged by `inspectorates` when given (those taking part)."""
    judged_by = dict(version.agency_type_rules.values_list("agency_type_id", "judged_by_id"))
    if inspectorates is None:
        return judged_by
    taking_part = _ids(inspectorates)
    return {t: i for t, i in judged_by.items() if i in taking_part}


def judgement_area_title_on(area: JudgementArea, day: datetime.date | None) -> str:
    """The area's title as it was on `day`: the shared judgement on the "Local Safeguarding
    Children Board" before 29 September 2019, on the "local safeguarding partnership" after
    (`framework_data.DATED_AREA_TITLES`); other areas keep their title."""
    if day is None:
        return area.title
    for first, last, title in DATED_AREA_TITLES.get(area.code, ()) if area.is_shared else ():
        if (first is None or first <= day) and (last is None or day <= last):
            return title
    return area.title


def framework_version_in_use(version: FrameworkVersion) -> bool:
    """Used by an inspection that has started: its rules are then frozen."""
    return version.inspections.exclude(status__in=NOT_STARTED_STATUSES).exists()


# --- the team -------------------------------------------------------------------------------


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
    """`team_gaps` for members and inspectorates already loaded: each member with their agencies
    prefetched, or annotated with how many they have (`n_agencies`) where the list only needs
    to know whether there are any."""
    gaps = []
    if not any(m.role == TeamRole.OVERALL_LEAD for m in members):
        gaps.append("The team has no overall lead inspector")
    for inspectorate in inspectorates:
        own = [m for m in members if m.inspectorate_id == inspectorate.pk]
        if not any(m.role in (TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD) for m in own):
            gaps.append(f"{inspectorate.short_name} has no lead inspector")
        if not any(m.role == TeamRole.INSPECTOR or _assigned_agencies(m) for m in own):
            gaps.append(f"{inspectorate.short_name} has no inspector")
    return gaps


def _assigned_agencies(member) -> bool:
    if hasattr(member, "n_agencies"):
        return member.n_agencies > 0
    return bool(member.agencies.all())


def team_member_get(inspection: Inspection, member_pk: int) -> TeamMember:
    """One member of the inspection's team, or 404; pass an inspection the user may see."""
    return get_object_or_404(
        TeamMember.objects.select_related("user", "inspectorate"),
        inspection=inspection,
        pk=member_pk,
    )
