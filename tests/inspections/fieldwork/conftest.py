"""Haringey's neglect JTAI (on site 4 to 8 December 2017), staffed, in fieldwork."""

import pytest

from inspections.models import Inspection, Status


@pytest.fixture
def on_site(full_team):
    Inspection.objects.filter(pk=full_team.pk).update(status=Status.FIELDWORK)
    full_team.refresh_from_db()
    return full_team


def agency_of(inspection, type_code):
    return inspection.agencies.get(agency_type__code=type_code)


def member_of(inspection, user):
    return inspection.team.get(user=user)
