"""A programme's capacity and leave by API do what the programme's pages do: the same
services, rules and permissions (programmes are for admins: 404 for anyone else; an accepted
programme no longer changes: 409)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from agencies.factories import person
from inspections.planning.models import CapacityLeave, Programme

pytestmark = pytest.mark.django_db


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_capacity_changes_as_on_the_page(client, admin, programme, ofsted_inspector):
    cqc = programme.capacities.get(inspectorate__code="cqc")
    hmicfrs = programme.capacities.get(inspectorate__code="hmicfrs")
    client.force_login(admin)
    page_url = reverse("inspections:planning:capacity-change", args=[programme.pk, hmicfrs.pk])
    values = {"inspector_count": 3, "team_size": 2, "max_concurrent": 1}
    assert client.post(page_url, values).status_code == 302
    url = f"/api/programmes/{programme.pk}/capacities/cqc/"
    response = api_for(admin).put(url, values, format="json")
    assert response.status_code == 200
    assert response.json()["inspectorate"] == "cqc"
    cqc.refresh_from_db()
    hmicfrs.refresh_from_db()
    for capacity in (cqc, hmicfrs):
        assert (capacity.inspector_count, capacity.team_size, capacity.max_concurrent) == (3, 2, 1)
    bad = api_for(admin).put(url, {"inspector_count": -1, "max_concurrent": 2}, format="json")
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"inspector_count", "team_size"}
    assert (
        api_for(admin).put(f"/api/programmes/{programme.pk}/capacities/nope/", values).status_code
        == 404
    )
    assert api_for(ofsted_inspector).put(url, values, format="json").status_code == 404
    Programme.objects.filter(pk=programme.pk).update(status="accepted")
    refused = api_for(admin).put(url, {**values, "team_size": 3}, format="json")
    assert refused.status_code == 409 and refused.json()["type"] == "/api/problems/conflict/"
    assert client.post(page_url, {**values, "team_size": 3}).status_code == 400


def test_leave_is_recorded_as_on_the_page(client, admin, programme, ofsted_inspector):
    cqc = programme.capacities.get(inspectorate__code="cqc")
    client.force_login(admin)
    client.post(
        reverse("inspections:planning:detail", args=[programme.pk]),
        {
            "capacity": cqc.pk,
            "headcount": "3",
            "start_day": "1",
            "start_month": "8",
            "start_year": "2027",
            "end_day": "31",
            "end_month": "8",
            "end_year": "2027",
        },
    )
    url = f"/api/programmes/{programme.pk}/leave/"
    body = {"inspectorate": "cqc", "headcount": 3, "start": "2027-09-01", "end": "2027-09-30"}
    response = api_for(admin).post(url, body, format="json")
    assert response.status_code == 201
    by_page, by_api = CapacityLeave.objects.filter(capacity=cqc).order_by("start")
    assert (by_page.headcount, by_page.user) == (by_api.headcount, by_api.user) == (3, None)
    listed = api_for(admin).get(url).json()
    assert [item["start"] for item in listed["results"]] == ["2027-08-01", "2027-09-01"]
    # The page's rules hold by API too: now the service's, not only the form's.
    backwards = api_for(admin).post(url, {**body, "end": "2027-08-01"}, format="json")
    assert backwards.status_code == 400 and set(backwards.json()["errors"]) == {"end"}
    stranger = person("leave_ofsted", "inspector", "ofsted")
    wrong = api_for(admin).post(url, {**body, "user": stranger.pk}, format="json")
    assert wrong.status_code == 400 and set(wrong.json()["errors"]) == {"user"}
    unknown = api_for(admin).post(url, {**body, "inspectorate": "nope"}, format="json")
    assert unknown.status_code == 400 and set(unknown.json()["errors"]) == {"inspectorate"}
    assert api_for(ofsted_inspector).post(url, body, format="json").status_code == 404
    assert api_for(ofsted_inspector).get(url).status_code == 404
    Programme.objects.filter(pk=programme.pk).update(status="accepted")
    assert api_for(admin).post(url, body, format="json").status_code == 409
    assert CapacityLeave.objects.filter(capacity=cqc).count() == 2
