"""Inspections needing a team: the rule written as a query agrees with `team_gaps` on every
shape of team; the home page lists the soonest and counts them all; the full list is paged
and for admins only."""

import datetime
import random
import re

import pytest
from django.urls import reverse

from agencies.factories import PartnerAgencyFactory, person
from inspections import todo
from inspections.factories import InspectionFactory, TeamMemberFactory
from inspections.models import Status, TeamRole
from inspections.selectors import team_gaps
from jtai import clock

pytestmark = pytest.mark.django_db

SHAPES = ["nobody", "lead", "inspector", "lead with agencies", "both", "inactive inspector"]


def _team(inspection, shapes: dict[str, str], *, overall_lead: bool, n: int):
    """People for each participating inspectorate as `shapes` says, and perhaps an overall
    lead (an Ofsted lead inspector)."""
    if overall_lead:
        TeamMemberFactory(
            inspection=inspection,
            user=person(f"ol{n}", "lead", "ofsted"),
            role=TeamRole.OVERALL_LEAD,
            holds_booking=False,
        )
    for code, shape in shapes.items():
        roles = {
            "nobody": [],
            "lead": [TeamRole.INSPECTORATE_LEAD],
            "inspector": [TeamRole.INSPECTOR],
            "lead with agencies": [TeamRole.INSPECTORATE_LEAD],
            "both": [TeamRole.INSPECTORATE_LEAD, TeamRole.INSPECTOR],
            "inactive inspector": [TeamRole.INSPECTOR],
        }[shape]
        for i, role in enumerate(roles):
            kind = "inspector" if role == TeamRole.INSPECTOR else "lead"
            member = TeamMemberFactory(
                inspection=inspection,
                user=person(f"{code}{n}_{i}", kind, code),
                role=role,
                holds_booking=False,
                is_active=shape != "inactive inspector",
            )
            if shape == "lead with agencies":
                member.agencies.add(PartnerAgencyFactory())


def test_the_query_agrees_with_team_gaps_on_every_shape_of_team():
    chance = random.Random(20261201)
    inspections = []
    for n in range(40):
        inspection = InspectionFactory(status=[Status.PLANNED, Status.NOTIFIED][n % 2])
        codes = list(inspection.inspectorates.values_list("code", flat=True))
        shapes = {code: chance.choice(SHAPES) for code in codes}
        if n < len(SHAPES):  # every shape at least once, on a team otherwise complete
            shapes = {code: "both" for code in codes} | {codes[-1]: SHAPES[n]}
        _team(inspection, shapes, overall_lead=n % 5 != 0, n=n)
        inspections.append(inspection)
    InspectionFactory(status=Status.FIELDWORK)  # started: never on the list, whatever its team

    expected = [i.pk for i in inspections if team_gaps(i)]
    assert 0 < len(expected) < len(inspections)
    found = list(todo.needing_a_team().values_list("pk", flat=True))
    assert sorted(found) == sorted(expected)
    # Soonest first, and each item says what its team lacks.
    items = todo.team_gap_items(todo.needing_a_team())
    by_pk = {i.pk: i for i in inspections}
    assert [item.note for item in items] == [
        "; ".join(team_gaps(by_pk[pk])) for pk in todo.needing_a_team().values_list("pk", flat=True)
    ]


def _home(client, user):
    client.force_login(user)
    with clock.travel_to(datetime.date(2016, 1, 4)):
        return client.get(reverse("home")).content.decode()


def test_the_home_page_lists_the_soonest_and_counts_them_all(client, admin):
    shown = todo.NEEDING_A_TEAM_SHOWN
    for _ in range(shown + 3):
        InspectionFactory(status=Status.PLANNED)  # no team at all
    html = _home(client, admin)
    assert re.search(rf'data-count="needing_team">{shown + 3}<', html)
    listed = re.search(r'<ul[^>]*data-todo="needing_team">(.*?)</ul>', html, re.S).group(1)
    assert listed.count("<li>") == shown
    page = reverse("inspections:needing-team")
    assert f'href="{page}">See all {shown + 3} inspections needing a team' in html

    client.force_login(admin)
    first = client.get(page)
    assert first.status_code == 200
    assert len(first.context["items"]) == shown + 3  # one page of 25
    assert "The team has no overall lead inspector" in first.content.decode()


def test_with_few_there_is_no_link_to_more(client, admin):
    InspectionFactory(status=Status.PLANNED)
    html = _home(client, admin)
    assert re.search(r'data-count="needing_team">1<', html)
    assert "See all" not in html


def test_the_full_list_is_paged_and_for_admins_only(client, admin, ofsted_inspector):
    for _ in range(27):
        InspectionFactory(status=Status.PLANNED)
    url = reverse("inspections:needing-team")
    client.force_login(admin)
    second = client.get(url, {"page": 2})
    assert len(second.context["items"]) == 2
    assert "(page 2 of 2)" in second.content.decode()
    client.force_login(ofsted_inspector)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
