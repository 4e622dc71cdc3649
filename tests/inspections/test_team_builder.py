"""The team builder shows who is free before anyone is added, and the agencies offered follow
the inspectorate: in the page's data for its script, and on the server."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from inspections import availability
from inspections.models import TeamRole
from inspections.planning.models import CapacityLeave
from inspections.services import scheduling, teams

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def enfield_jtai(enfield, jtai, neglect, admin):
    """Enfield's JTAI in the same week as Haringey's: its team is booked that week."""
    return scheduling.inspection_schedule(
        authority=enfield,
        framework_version=jtai,
        theme=neglect,
        window_start=D(2017, 12, 4),
        by=admin,
    ).inspection


def _json(page: str, element_id: str) -> dict:
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', page)
    assert match, element_id
    return json.loads(match.group(1))


def test_who_is_free_is_shown_before_submitting(
    client, admin, haringey_jtai, enfield_jtai, cqc_inspector, hmicfrs_inspector
):
    teams.team_member_add(inspection=enfield_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR)
    client.force_login(admin)
    page = client.get(reverse("inspections:team", args=[haringey_jtai.pk])).content.decode()
    assert "Who is free from 4 December to 8 December 2017" in page
    # In the choice list and in the table.
    assert f"{cqc_inspector.display_name} (CQC): not free</option>" in page
    assert f"{hmicfrs_inspector.display_name} (HMICFRS): free</option>" in page
    assert "Inspecting Enfield from 4 December 2017 to 8 December 2017" in page


def test_leave_recorded_on_a_programme_counts(haringey_jtai, hmicfrs_inspector, admin):
    from inspections.factories import make_programme
    from inspections.models import Framework

    programme = make_programme(admin, Framework.objects.get(code="jtai").versions.get(version=1))
    capacity = programme.capacities.get(inspectorate=hmicfrs_inspector.inspectorate)
    CapacityLeave.objects.create(
        capacity=capacity, user=hmicfrs_inspector, start=D(2017, 12, 6), end=D(2017, 12, 20)
    )
    found = availability.busy_between(
        [hmicfrs_inspector], haringey_jtai.window_start, haringey_jtai.window_end
    )[hmicfrs_inspector.pk]
    assert not found.free
    assert found.summary == "Not free: on leave from 6 December 2017 to 20 December 2017"


def test_the_agencies_follow_the_inspectorate(
    client, admin, haringey_jtai, cqc_inspector, hmicfrs_inspector
):
    client.force_login(admin)
    page = client.get(reverse("inspections:team", args=[haringey_jtai.pk])).content.decode()
    agencies = {a.agency_type.code: a for a in haringey_jtai.agencies.select_related("agency_type")}
    judged_by = _json(page, "agency-inspectorates")
    assert judged_by[str(agencies["health"].pk)] == cqc_inspector.inspectorate_id
    assert judged_by[str(agencies["police"].pk)] == hmicfrs_inspector.inspectorate_id
    people = _json(page, "inspector-inspectorates")
    assert people[str(cqc_inspector.pk)] == cqc_inspector.inspectorate_id
    assert '<script type="module" src="/static/team-agencies.js">' in page

    # Without the script the server refuses an agency of another inspectorate: 400, named.
    response = client.post(
        reverse("inspections:team", args=[haringey_jtai.pk]),
        {"user": cqc_inspector.pk, "role": TeamRole.INSPECTOR, "agencies": [agencies["police"].pk]},
    )
    assert response.status_code == 400
    assert "Metropolitan Police Service is judged by another inspectorate, not CQC" in (
        response.content.decode()
    )

    # Changing a member offers only their own inspectorate's agencies.
    member = teams.team_member_add(
        inspection=haringey_jtai, user=cqc_inspector, role=TeamRole.INSPECTOR
    )
    page = client.get(
        reverse("inspections:team-member", args=[haringey_jtai.pk, member.pk])
    ).content.decode()
    assert agencies["health"].name in page
    assert agencies["police"].name not in page


def test_the_team_page_costs_a_fixed_number_of_queries(
    client, admin, full_team, django_assert_num_queries, django_user_model
):
    from agencies.models import Inspectorate

    client.force_login(admin)
    url = reverse("inspections:team", args=[full_team.pk])
    ofsted = Inspectorate.objects.get(code="ofsted")
    django_user_model.objects.create_user("extra", inspectorate=ofsted, last_name="Extra")
    client.get(url)
    # session, user, the inspection and its prefetches, the team, its gaps, the framework's
    # rules, the candidates, their bookings and their leave, the choice lists
    with django_assert_num_queries(20):
        client.get(url)
    for n in range(15):
        django_user_model.objects.create_user(f"extra{n}", inspectorate=ofsted, last_name=f"X{n}")
    with django_assert_num_queries(20):
        response = client.get(url)
    assert response.content.decode().count("): free</option>") == 16
