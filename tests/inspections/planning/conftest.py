"""Fixtures for programme planning: a current JTAI programme over 19 months on the real
authorities and ILACS outcomes that the data migrations load."""

import pytest

from inspections.factories import make_programme
from inspections.models import Framework, Theme


@pytest.fixture
def jtai_version(db):
    return Framework.objects.get(code="jtai").versions.get(version=1)


@pytest.fixture
def domestic_abuse(db):
    return Theme.objects.get(code="domestic-abuse-2024")


@pytest.fixture
def programme(admin, jtai_version, domestic_abuse):
    return make_programme(admin, jtai_version, domestic_abuse)
