"""Frameworks as data: adding themes and revising framework versions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from agencies.models import Inspectorate

from ..models import (
    CaseCriterion,
    Framework,
    FrameworkAgencyType,
    FrameworkInspectorate,
    FrameworkVersion,
    JudgementArea,
    Participation,
    Theme,
)
from ..selectors import framework_version_in_use
from .common import fail, full_clean


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
        fail("The end date must be on or after the start date", "end_date")
    code = slugify(code or f"{name}-{start_date.year}")[:60]
    if Theme.objects.filter(framework=framework, code=code).exists():
        fail(f"The {framework.name} already has a theme called {name}", "name")
    theme = Theme(
        framework=framework,
        code=code,
        name=name.strip(),
        description=description,
        start_date=start_date,
        end_date=end_date,
    )
    full_clean(theme)
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


@transaction.atomic
def framework_version_revise(
    *, version: FrameworkVersion, by=None, new_version: bool = False, **changes
) -> FrameworkVersion:
    """Edit a framework version. If a started inspection uses it (or `new_version` is asked
    for), the edit makes a new version (a copy with its rules, areas and criteria), and
    inspections keep the version they have."""
    unknown = set(changes) - set(REVISABLE_FIELDS)
    if unknown:
        fail(f"These cannot be changed: {', '.join(sorted(unknown))}", sorted(unknown)[0])
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if not new_version and not framework_version_in_use(version):
        for field, value in changes.items():
            setattr(version, field, value)
        full_clean(version)
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
    full_clean(copy)
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
