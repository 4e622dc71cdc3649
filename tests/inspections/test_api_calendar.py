"""Calendars as JSON: the programme calendar the calendar page shows (with its clashes) and
the user's own schedule, each to whoever may see the page's inspections."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from inspections.services import scheduling

D = datetime.date
pytestmark = pytest.mark.django_db


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_calendar_answers_what_the_page_shows(
    client, haringey_jtai, enfield, jtai, neglect, admin, ofsted_inspector
):
    scheduling.inspection_schedule(
        authority=enfield, framework_version=jtai, theme=neglect, window_start=D(2017, 12, 4)
    )
    client.force_login(admin)
    page = client.get(reverse("inspections:calendar"), {"from": "2017-11"})
    response = api_for(admin).get("/api/calendar/", {"start": "2017-11", "months": 12})
    assert response.status_code == 200
    body = response.json()
    assert body["start"] == page.context["cal"].start.isoformat() == "2017-10-30"
    assert body["problem_count"] == page.context["cal"].problem_count == 2
    rows = {row.inspection.pk: row for row in page.context["cal"].rows}
    assert {entry["inspection"] for entry in body["entries"]} == set(rows)
    haringey = next(e for e in body["entries"] if e["inspection"] == haringey_jtai.pk)
    assert haringey["clashes"] == rows[haringey_jtai.pk].clashes
    assert haringey["reference"] == haringey_jtai.reference
    # What the user may not see is not there, as on the page.
    assert (
        api_for(ofsted_inspector).get("/api/calendar/", {"start": "2017-11"}).json()["entries"]
        == []
    )
    for bad in ({"start": "November"}, {"start": "2017-13"}, {"start": "1066-01"}, {"months": 99}):
        refused = api_for(admin).get("/api/calendar/", bad)
        assert refused.status_code == 400, bad
        assert set(refused.json()["errors"]) == set(bad)


def test_my_schedule_lists_my_places_as_the_page_does(client, full_team, ofsted_inspector):
    client.force_login(ofsted_inspector)
    page = client.get(reverse("inspections:my-schedule"))
    response = api_for(ofsted_inspector).get("/api/my-schedule/")
    assert response.status_code == 200
    (place,) = response.json()["results"]
    shown = [*page.context["upcoming"], *page.context["past"]]
    assert [m.inspection_id for m in shown] == [place["inspection"]] == [full_team.pk]
    assert place["inspectorate"] == "ofsted" and place["role"] == shown[0].role
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert set(place) == set(schema["components"]["schemas"]["ScheduleEntry"]["properties"])
    assert APIClient().get("/api/my-schedule/").status_code == 401


def test_the_calendar_counts_its_queries(haringey_jtai, admin, django_assert_max_num_queries):
    api = api_for(admin)
    with django_assert_max_num_queries(6):
        assert api.get("/api/calendar/", {"start": "2017-11"}).status_code == 200
