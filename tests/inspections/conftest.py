"""Fixtures for the lifecycle tests: a real area (Haringey) with its partner agencies, the
frameworks from the data migration, and an inspection scheduled and staffed by the services."""

import datetime

import pytest

from agencies.factories import add_agency
from agencies.models import LocalAuthority
from inspections.models import Framework, TeamRole, Theme
from inspections.services import scheduling, teams

D = datetime.date


@pytest.fixture
def haringey(db):
    authority = LocalAuthority.objects.get(name="Haringey")
    add_agency(authority, "childrens_social_care", "Haringey Council children's services")
    add_agency(authority, "health", "NHS Haringey Clinical Commissioning Group")
    add_agency(authority, "police", "Metropolitan Police Service")
    add_agency(authority, "probation", "National Probation Service London")
    add_agency(authority, "youth_offending", "Haringey Youth Offending Service")
    add_agency(authority, "lscb", "Haringey Local Safeguarding Children Board")
    return authority


@pytest.fixture
def enfield(db):
    authority = LocalAuthority.objects.get(name="Enfield")
    add_agency(authority, "childrens_social_care", "Enfield Council children's services")
    add_agency(authority, "health", "NHS Enfield Clinical Commissioning Group")
    add_agency(authority, "police", "Metropolitan Police Service")
    return authority


@pytest.fixture
def jtai(db):
    return Framework.objects.get(code="jtai").versions.get(version=1)


@pytest.fixture
def integrated(db):
    return Framework.objects.get(code="integrated-2015").versions.get(version=1)


@pytest.fixture
def neglect(db):
    return Theme.objects.get(code="neglect")


@pytest.fixture
def haringey_jtai(haringey, jtai, neglect, admin):
    """Haringey's neglect JTAI: on site Monday 4 December 2017, notified 21 November."""
    return scheduling.inspection_schedule(
        authority=haringey,
        framework_version=jtai,
        theme=neglect,
        window_start=D(2017, 12, 4),
        by=admin,
    ).inspection


@pytest.fixture
def full_team(
    haringey_jtai,
    lead_inspector,
    ofsted_inspector,
    cqc_inspector,
    hmicfrs_inspector,
):
    """A complete team for the Haringey JTAI: the lead, and one inspector per inspectorate
    (each non-Ofsted inspector leads their inspectorate and inspects its agencies)."""
    inspection = haringey_jtai
    agencies = {a.agency_type.code: a for a in inspection.agencies.select_related("agency_type")}
    teams.team_member_add(inspection=inspection, user=lead_inspector, role=TeamRole.OVERALL_LEAD)
    teams.team_member_add(
        inspection=inspection,
        user=ofsted_inspector,
        role=TeamRole.INSPECTOR,
        agencies=[agencies["childrens_social_care"]],
    )
    teams.team_member_add(
        inspection=inspection,
        user=cqc_inspector,
        role=TeamRole.INSPECTORATE_LEAD,
        agencies=[agencies["health"]],
    )
    teams.team_member_add(
        inspection=inspection,
        user=hmicfrs_inspector,
        role=TeamRole.INSPECTORATE_LEAD,
        agencies=[agencies["police"]],
    )
    inspection.refresh_from_db()
    return inspection
