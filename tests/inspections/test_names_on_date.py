"""Inspectorates are named as they were on the inspection's date: on its pages, in its emails,
and through the `name_on` filter the reports use."""

import datetime

import pytest
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from django.utils.html import escape

from agencies.models import AreaContact, Inspectorate
from inspections.models import Framework
from inspections.services import notifications, scheduling, transitions

D = datetime.date
pytestmark = pytest.mark.django_db

HER = "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services"
HIS = "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"


@pytest.fixture
def jtai_2024(haringey, admin):
    version = Framework.objects.get(code="jtai").versions.get(version=1)
    return scheduling.inspection_schedule(
        authority=haringey,
        framework_version=version,
        theme=version.framework.themes.get(code="serious-youth-violence"),
        window_start=D(2024, 3, 4),
        by=admin,
    ).inspection


@pytest.mark.parametrize("page", ["inspections:team", "inspections:detail"])
def test_pages_name_the_inspectorates_of_the_inspections_date(
    page, haringey_jtai, jtai_2024, admin, client
):
    client.force_login(admin)
    in_2017 = client.get(reverse(page, args=[haringey_jtai.pk])).content.decode()
    assert escape(HER) in in_2017 and "His Majesty" not in in_2017
    in_2024 = client.get(reverse(page, args=[jtai_2024.pk])).content.decode()
    assert escape(HIS) in in_2024 and "Her Majesty" not in in_2024


def test_before_july_2017_the_police_inspectorate_was_hmic(haringey, admin, client):
    version = Framework.objects.get(code="jtai").versions.get(version=1)
    inspection = scheduling.inspection_schedule(
        authority=haringey,
        framework_version=version,
        theme=version.framework.themes.get(code="domestic-abuse-2016"),
        window_start=D(2016, 11, 7),
        by=admin,
    ).inspection
    client.force_login(admin)
    page = client.get(reverse("inspections:team", args=[inspection.pk])).content.decode()
    assert "Her Majesty&#x27;s Inspectorate of Constabulary (HMIC)" in page


def test_the_name_on_filter():
    hmicfrs = Inspectorate.objects.prefetch_related("names").get(code="hmicfrs")
    template = Template(
        "{% load agencies %}"
        "{{ i|name_on:day }} / {{ i|short_name_on:day }} / {{ none|name_on:day }}"
    )

    def render(day):
        return template.render(Context({"i": hmicfrs, "day": day, "none": None}))

    assert render(D(2016, 6, 1)) == ("Her Majesty&#x27;s Inspectorate of Constabulary / HMIC / ")
    assert render(D(2017, 12, 4)) == escape(HER) + " / HMICFRS / "
    assert render(D(2024, 3, 4)) == escape(HIS) + " / HMICFRS / "


def test_emails_name_the_inspectorates_of_the_inspections_date(full_team, admin):
    AreaContact.objects.create(
        authority=full_team.authority, role="dcs", name="Dana Director", email="dcs@example.org"
    )
    transitions.inspection_transition(inspection=full_team, verb="notify", by=admin)
    notifications.inspection_send_notification_emails(inspection_id=full_team.pk)
    assert mail.outbox and all(HER in message.body for message in mail.outbox)


@pytest.mark.parametrize(
    ("day", "title"),
    [
        (D(2016, 2, 1), "The effectiveness of the Local Safeguarding Children Board"),
        (D(2019, 9, 28), "The effectiveness of the Local Safeguarding Children Board"),
        (D(2019, 9, 29), "The effectiveness of the local safeguarding partnership"),
        (D(2027, 3, 1), "The effectiveness of the local safeguarding partnership"),
    ],
)
def test_the_shared_judgement_is_named_for_the_date(integrated, day, title):
    from inspections.selectors import judgement_area_title_on

    lscb = integrated.judgement_areas.get(code="lscb")
    assert judgement_area_title_on(lscb, day) == title
    leadership = integrated.judgement_areas.get(code="leadership")
    assert judgement_area_title_on(leadership, day) == leadership.title


def test_area_emails_address_londons_police_by_their_titles(full_team, admin):
    for role, name in (("chief_constable", "Sam Commissioner"), ("lscb_chair", "Lee Chair")):
        AreaContact.objects.create(
            authority=full_team.authority, role=role, name=name, email=f"{role}@example.org"
        )
    transitions.inspection_transition(inspection=full_team, verb="notify", by=admin)
    notifications.inspection_send_notification_emails(inspection_id=full_team.pk)
    bodies = {m.to[0]: m.body for m in mail.outbox if len(m.to) == 1}
    assert bodies["chief_constable@example.org"].startswith(
        "To Sam Commissioner, Commissioner of Police of the Metropolis\n"
    )
    assert bodies["lscb_chair@example.org"].startswith(
        "To Lee Chair, Chair of the Local Safeguarding Children Board\n"
    )
