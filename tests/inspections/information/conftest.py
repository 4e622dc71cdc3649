"""Fixtures for the request for information: Haringey's neglect JTAI notified on 21 November
2017 (day 1), its nominated contact, and a second inspection the contact has nothing to do
with. Files are kept in a temporary folder."""

import datetime

import pytest

from agencies.models import Role, User
from inspections.information import services
from inspections.services import scheduling, transitions
from jtai import clock

D = datetime.date
NOTIFIED_ON = D(2017, 11, 21)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.JTAI_PRIVATE_ROOT = tmp_path / "private"
    settings.JTAI_CLAMD_SOCKET = ""
    settings.JTAI_CLAMD_HOST = ""
    return settings.JTAI_PRIVATE_ROOT


@pytest.fixture
def area_contact(db):
    user = User.objects.create_user(
        "pat.contact@haringey.example",
        email="pat.contact@haringey.example",
        password="correct horse battery staple",
        role=Role.AREA_CONTACT,
        first_name="Pat",
        last_name="Contact",
    )
    return user


@pytest.fixture
def notified(full_team, admin, area_contact):
    """Haringey's JTAI, its contact nominated, notified on 21 November 2017."""
    services.inspection_contact_nominate(
        inspection=full_team,
        by=admin,
        email=area_contact.email,
        first_name="Pat",
        last_name="Contact",
    )
    with clock.travel_to(NOTIFIED_ON):
        transitions.inspection_transition(inspection=full_team, verb="notify", by=admin)
    full_team.refresh_from_db()
    return full_team


@pytest.fixture
def other_inspection(enfield, jtai, neglect, admin):
    """Enfield's JTAI: nothing to do with Haringey's contact."""
    return scheduling.inspection_schedule(
        authority=enfield,
        framework_version=jtai,
        theme=neglect,
        window_start=D(2017, 12, 11),
        by=admin,
    ).inspection
