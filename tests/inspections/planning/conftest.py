"""Fixtures for programme planning: a current JTAI programme over 19 months on the real
authorities and ILACS outcomes that the data migrations load."""

import datetime

import pytest

from agencies.models import Inspectorate
from inspections.models import Framework, Theme
from inspections.planning import services

D = datetime.date

COUNTS = {
    "ofsted": {"inspector_count": 12, "team_size": 3, "max_concurrent": 4},
    "cqc": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
    "hmicfrs": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
    "hmiprobation": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
}


@pytest.fixture
def jtai_version(db):
    return Framework.objects.get(code="jtai").versions.get(version=1)


@pytest.fixture
def domestic_abuse(db):
    return Theme.objects.get(code="domestic-abuse-2024")


def make_programme(admin, version, theme=None, *, target=25, capacities=None, **kwargs):
    return services.programme_create(
        name=kwargs.pop("name", "Joint targeted area inspections 2027–28"),
        framework_version=version,
        theme=theme,
        period_start=kwargs.pop("period_start", D(2027, 4, 1)),
        period_end=kwargs.pop("period_end", D(2028, 10, 31)),
        target_areas=target,
        by=admin,
        capacities=capacities if capacities is not None else COUNTS,
        **kwargs,
    )


@pytest.fixture
def programme(admin, jtai_version, domestic_abuse):
    return make_programme(admin, jtai_version, domestic_abuse)


def inspectorate(code):
    return Inspectorate.objects.get(code=code)
