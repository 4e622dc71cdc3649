"""Haringey's neglect JTAI (on site 4 to 8 December 2017), staffed, in fieldwork."""

import datetime

import pytest

from inspections.models import Inspection, Status, Theme, TimetableSession, TrackedCase


@pytest.fixture
def on_site(full_team):
    Inspection.objects.filter(pk=full_team.pk).update(status=Status.FIELDWORK)
    full_team.refresh_from_db()
    return full_team


def agency_of(inspection, type_code):
    return inspection.agencies.get(agency_type__code=type_code)


def member_of(inspection, user):
    return inspection.team.get(user=user)


def fieldwork_world(inspection, user):
    """Something in each fieldwork list of an inspection: a theme (so lines of enquiry), a
    tracked case and a timetable session."""
    inspection.theme = Theme.objects.get(code="neglect")
    inspection.save(update_fields=["theme"])
    TrackedCase.objects.create(
        inspection=inspection,
        reference="HAR-0042",
        age=12,
        plan_type="child_protection",
        selected_by=user,
    )
    TimetableSession.objects.create(
        inspection=inspection,
        date=inspection.window_start,
        start_time=datetime.time(9),
        end_time=datetime.time(10),
        kind="team",
        title="Team meeting",
        created_by=user,
    )
