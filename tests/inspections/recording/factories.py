"""Inspections ready for recording, built with the ORM (the lifecycle services are not needed
to record judgements, and tests here should not depend on them)."""

import datetime
import itertools

from agencies.models import AgencyType, Inspectorate, LocalAuthority, PartnerAgency
from inspections.models import (
    FrameworkVersion,
    Inspection,
    Status,
    TeamMember,
    TeamRole,
)
from inspections.recording.services import judgements_ensure

_counter = itertools.count(1)

# Agency type -> a realistic name pattern.
AGENCIES = [
    ("childrens_social_care", "{la} children's social care"),
    ("health", "{la} clinical commissioning group"),
    ("police", "Metropolitan Police Service {n}"),
    ("probation", "National Probation Service London {n}"),
    ("youth_offending", "{la} youth offending service"),
]


def framework_version(code="integrated-2015") -> FrameworkVersion:
    return FrameworkVersion.objects.get(framework__code=code, version=1)


def make_inspection(
    *,
    framework="integrated-2015",
    status=Status.FIELDWORK,
    agencies=AGENCIES,
    authority=None,
    window_start=None,
    ensure=True,
) -> Inspection:
    n = next(_counter)
    version = framework_version(framework)
    # Distinct windows (five weeks apart, from a Monday) so an inspector may join several.
    window_start = window_start or (
        max(version.active_from, datetime.date(2016, 2, 1)) + datetime.timedelta(weeks=5 * (n % 12))
    )
    window_start -= datetime.timedelta(days=window_start.weekday())
    authority = (
        authority or LocalAuthority.objects.with_childrens_services().order_by("pk")[n % 100]
    )
    inspection = Inspection.objects.create(
        authority=authority,
        framework_version=version,
        reference=f"test-{framework}-{n}",
        window_start=window_start,
        window_end=window_start + datetime.timedelta(days=version.window_days - 1),
        status=status,
    )
    inspection.inspectorates.set(
        Inspectorate.objects.filter(code__in=["ofsted", "cqc", "hmicfrs", "hmiprobation"])
    )
    for type_code, pattern in agencies:
        agency = PartnerAgency.objects.create(
            name=pattern.format(la=authority.name, n=n),
            agency_type=AgencyType.objects.get(code=type_code),
        )
        agency.authorities.add(authority)
        inspection.agencies.add(agency)
    if ensure:
        judgements_ensure(inspection=inspection)
    return inspection


def add_member(inspection, user, role=TeamRole.INSPECTOR, *, active=True) -> TeamMember:
    return TeamMember.objects.create(
        inspection=inspection,
        user=user,
        inspectorate=user.inspectorate,
        role=role,
        window_start=inspection.window_start,
        window_end=inspection.window_end,
        is_active=active,
    )
