"""Current bodies in current areas: London's police is the Metropolitan Police with MOPAC, the
LSCB became the safeguarding partnership and serious case reviews became child safeguarding
practice reviews (29 September 2019); names follow the date asked about."""

import datetime

import pytest

from agencies.models import AreaContact, LocalAuthority
from agencies.selectors import (
    CONTACT_ROLE_LABELS,
    TERMS,
    contact_role_label,
    contact_role_label_for,
    policing_of,
    term_on,
)

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(db):
    return {
        name: LocalAuthority.objects.get(name=name)
        for name in ("Haringey", "City of London", "Leeds")
    }


def test_policing_of_each_area(areas):
    assert policing_of(areas["Haringey"]) == "metropolitan"
    assert policing_of(areas["City of London"]) == "city_of_london"
    assert policing_of(areas["Leeds"]) == ""


@pytest.mark.parametrize(
    ("area", "role", "day", "label"),
    [
        (
            "Haringey",
            "chief_constable",
            D(2017, 11, 21),
            "Commissioner of Police of the Metropolis",
        ),
        (
            "Haringey",
            "pcc",
            D(2017, 11, 21),
            "Deputy Mayor for Policing and Crime (Mayor's Office for Policing and Crime)",
        ),
        ("Haringey", "pcc", D(2011, 6, 1), "Police and crime commissioner"),
        ("City of London", "chief_constable", None, "Commissioner of the City of London Police"),
        ("Leeds", "chief_constable", D(2017, 11, 21), "Chief constable"),
        ("Leeds", "pcc", D(2024, 3, 4), "Police and crime commissioner"),
        ("Leeds", "lscb_chair", D(2017, 11, 21), "Chair of the Local Safeguarding Children Board"),
        ("Leeds", "lscb_chair", D(2019, 9, 28), "Chair of the Local Safeguarding Children Board"),
        ("Leeds", "lscb_chair", D(2019, 9, 29), "Chair of the safeguarding partnership"),
        ("Haringey", "lscb_chair", None, "Chair of the safeguarding partnership"),
        ("Haringey", "dcs", D(2017, 11, 21), "Director of children's services"),
    ],
)
def test_contact_role_labels_follow_the_area_and_the_date(areas, area, role, day, label):
    assert contact_role_label_for(role, areas[area], day) == label


def test_a_contacts_role_label(areas):
    contact = AreaContact.objects.create(
        authority=areas["Haringey"], role="chief_constable", name="Sam Commissioner", email="a@b.c"
    )
    assert contact.get_role_display() == "Chief constable"  # the stored role is unchanged
    assert contact_role_label(contact) == "Commissioner of Police of the Metropolis"


@pytest.mark.parametrize(
    ("term", "day", "label"),
    [
        ("lscb", D(2017, 11, 21), "Local Safeguarding Children Board"),
        ("lscb", D(2019, 9, 29), "safeguarding partnership"),
        ("lscb", None, "safeguarding partnership"),
        ("serious_case_review", D(2018, 1, 30), "serious case review"),
        ("serious_case_review", D(2024, 3, 4), "child safeguarding practice review"),
    ],
)
def test_terms_on_a_date(term, day, label):
    assert term_on(term, day) == label


def test_unknown_term_fails_loudly():
    with pytest.raises(KeyError):
        term_on("area_child_protection_committee")


def test_every_dated_label_has_a_source_and_periods_meet():
    for entries in (CONTACT_ROLE_LABELS, TERMS):
        assert all(entry.source for entry in entries)
    for term in {t.key for t in TERMS}:
        periods = [t for t in TERMS if t.key == term]
        for earlier, later in zip(periods, periods[1:], strict=False):
            assert later.valid_from == earlier.valid_to + datetime.timedelta(days=1)
