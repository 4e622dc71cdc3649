"""The API: 400 field errors, 409 from the wrong state, 403 by role, 404 when not visible."""

import datetime

import pytest
from rest_framework.test import APIClient

from inspections.models import Inspection, Status

D = datetime.date
pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_frameworks_are_readable_with_versions_and_themes(ofsted_inspector):
    response = client_for(ofsted_inspector).get("/api/frameworks/")
    assert response.status_code == 200
    codes = {f["code"] for f in response.json()["results"]}
    assert codes == {
        "integrated-2015",
        "jtai",
        "child-protection-2012",
        "looked-after-2012",
        "front-door",
    }
    jtai = client_for(ofsted_inspector).get("/api/frameworks/jtai/").json()
    assert jtai["versions"][0]["window_days"] == 5
    assert "neglect" in {t["code"] for t in jtai["themes"]}
    integrated = client_for(ofsted_inspector).get("/api/frameworks/integrated-2015/").json()
    lac = next(
        a
        for a in integrated["versions"][0]["judgement_areas"]
        if a["code"] == "looked_after_and_care_leavers"
    )
    assert sorted(lac["excluded_agency_types"]) == [
        "custodial",
        "police",
        "probation",
        "youth_offending",
    ]


def test_admin_adds_a_theme_and_others_may_not(admin, ofsted_inspector):
    payload = {"name": "Children at risk online", "start_date": "2026-09-01"}
    assert (
        client_for(ofsted_inspector).post("/api/frameworks/jtai/themes/", payload).status_code
        == 403
    )
    response = client_for(admin).post("/api/frameworks/jtai/themes/", payload, format="json")
    assert response.status_code == 201
    assert response.json()["code"] == "children-at-risk-online-2026"
    bad = client_for(admin).post(
        "/api/frameworks/jtai/themes/", {"name": "", "start_date": "soon"}, format="json"
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"name", "start_date"}


def test_schedule_by_api(admin, haringey):
    response = client_for(admin).post(
        "/api/inspections/",
        {
            "authority": haringey.gss_code,
            "framework": "jtai",
            "theme": "neglect",
            "window_start": "2017-12-04",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["inspection"]["notification_date"] == "2017-11-21"
    assert body["inspection"]["next_steps"] == ["notify", "cancel", "defer"]
    assert body["warnings"] == ["The notification date, 21 November 2017, has already passed"]


def test_schedule_field_errors(admin, haringey):
    response = client_for(admin).post(
        "/api/inspections/",
        {"authority": haringey.gss_code, "framework": "jtai", "window_start": "2017-12-05"},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["window_start"] == ["The window must start on a Monday"]
    assert errors["theme"] == ["Choose a theme for the Joint targeted area inspection"]
    response = client_for(admin).post(
        "/api/inspections/", {"authority": "E99999999", "framework": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"authority", "framework", "window_start"}


def test_only_admins_schedule(ofsted_inspector, haringey):
    response = client_for(ofsted_inspector).post("/api/inspections/", {}, format="json")
    assert response.status_code == 403


def test_list_and_detail_are_scoped(full_team, ofsted_inspector, hmiprobation_inspector, admin):
    assert client_for(admin).get("/api/inspections/").json()["count"] == 1
    assert client_for(ofsted_inspector).get("/api/inspections/").json()["count"] == 1
    assert client_for(hmiprobation_inspector).get("/api/inspections/").json()["count"] == 0
    url = f"/api/inspections/{full_team.pk}/"
    assert client_for(hmiprobation_inspector).get(url).status_code == 404
    detail = client_for(ofsted_inspector).get(url).json()
    assert len(detail["team"]) == 4
    assert detail["transitions"][0]["verb"] == "schedule"


def test_list_filters(full_team, admin):
    api = client_for(admin)
    assert api.get("/api/inspections/?status=planned").json()["count"] == 1
    assert api.get("/api/inspections/?status=notified").json()["count"] == 0
    assert api.get("/api/inspections/?framework=jtai&region=GL").json()["count"] == 1
    assert api.get("/api/inspections/?date_from=2018-01-01").json()["count"] == 0
    bad = api.get("/api/inspections/?status=lost&date_from=yesterday")
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"status", "date_from"}


def test_edit_only_while_planned(full_team, admin, ofsted_inspector):
    url = f"/api/inspections/{full_team.pk}/"
    lock = full_team.lock_version
    assert (
        client_for(ofsted_inspector).patch(url, {"version": lock}, format="json").status_code == 403
    )
    response = client_for(admin).patch(
        url, {"version": lock, "window_start": "2017-11-27"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["window_end"] == "2017-12-01"
    stale = client_for(admin).patch(
        url, {"version": lock, "window_start": "2017-12-04"}, format="json"
    )
    assert stale.status_code == 409
    Inspection.objects.filter(pk=full_team.pk).update(status=Status.NOTIFIED)
    fresh = Inspection.objects.get(pk=full_team.pk).lock_version
    response = client_for(admin).patch(
        url, {"version": fresh, "window_start": "2017-12-04"}, format="json"
    )
    assert response.status_code == 409
    assert "Only a planned inspection" in response.json()["detail"]


def test_transitions_400_403_404_409(full_team, admin, lead_inspector, hmiprobation_inspector):
    base = f"/api/inspections/{full_team.pk}"
    # 404: not on the team.
    assert client_for(hmiprobation_inspector).post(f"{base}/notify/").status_code == 404
    # 403: on the team but not allowed to notify.
    assert client_for(lead_inspector).post(f"{base}/notify/").status_code == 403
    # 400: cancelling needs a reason.
    response = client_for(admin).post(f"{base}/cancel/", {"reason": ""}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": ["Enter a reason"]}
    # 200, then 409: notify twice.
    response = client_for(admin).post(f"{base}/notify/")
    assert response.status_code == 200
    assert response.json()["status"] == "notified"
    response = client_for(admin).post(f"{base}/notify/")
    assert response.status_code == 409
    # 200 from the overall lead with a reason for starting early.
    response = client_for(lead_inspector).post(
        f"{base}/start-fieldwork/", {"reason": "The area agreed"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "fieldwork"


def test_every_verb_has_an_endpoint(full_team, admin):
    from inspections.lifecycle import TRANSITIONS

    for verb in TRANSITIONS:
        response = client_for(admin).post(
            f"/api/inspections/{full_team.pk + 999}/{verb.replace('_', '-')}/", {}, format="json"
        )
        assert response.status_code == 404, verb


def test_team_api(haringey_jtai, admin, cqc_inspector, ofsted_inspector):
    url = f"/api/inspections/{haringey_jtai.pk}/team/"
    health = haringey_jtai.agencies.get(agency_type__code="health")
    response = client_for(admin).post(
        url,
        {"user": cqc_inspector.username, "role": "inspectorate_lead", "agencies": [health.pk]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    member_id = response.json()["id"]
    assert response.json()["agencies"] == [health.pk]
    bad = client_for(admin).post(
        url, {"user": cqc_inspector.username, "role": "overall_lead"}, format="json"
    )
    assert bad.status_code == 400
    assert "user" in bad.json()["errors"] and "role" in bad.json()["errors"]
    assert client_for(cqc_inspector).get(url).status_code == 200
    assert client_for(ofsted_inspector).get(url).status_code == 404
    assert (
        client_for(cqc_inspector)
        .post(url, {"user": "x", "role": "inspector"}, format="json")
        .status_code
        == 403
    )
    response = client_for(admin).patch(f"{url}{member_id}/", {"role": "inspector"}, format="json")
    assert response.json()["role"] == "inspector"
    assert client_for(admin).delete(f"{url}{member_id}/").status_code == 204


def test_partner_agencies_api(admin, ofsted_inspector, haringey, enfield):
    listing = client_for(ofsted_inspector).get(
        f"/api/partner-agencies/?authority={haringey.gss_code}"
    )
    assert listing.status_code == 200
    assert listing.json()["count"] == 6
    payload = {
        "name": "Barnet, Enfield and Haringey Mental Health NHS Trust",
        "agency_type": "health",
        "authorities": [haringey.gss_code, enfield.gss_code],
    }
    assert client_for(ofsted_inspector).post("/api/partner-agencies/", payload).status_code == 403
    response = client_for(admin).post("/api/partner-agencies/", payload, format="json")
    assert response.status_code == 201
    assert sorted(response.json()["authorities"]) == sorted([haringey.gss_code, enfield.gss_code])
    duplicate = client_for(admin).post("/api/partner-agencies/", payload, format="json")
    assert duplicate.status_code == 400
    empty = client_for(admin).post(
        "/api/partner-agencies/", {**payload, "name": "X", "authorities": []}, format="json"
    )
    assert empty.status_code == 400
    assert "authorities" in empty.json()["errors"]
    pk = response.json()["id"]
    response = client_for(admin).patch(
        f"/api/partner-agencies/{pk}/", {"is_active": False}, format="json"
    )
    assert response.json()["is_active"] is False


def test_framework_version_revise_api(full_team, admin, ofsted_inspector):
    version_id = full_team.framework_version_id
    url = f"/api/framework-versions/{version_id}/"
    assert client_for(ofsted_inspector).patch(url, {}, format="json").status_code == 403
    Inspection.objects.filter(pk=full_team.pk).update(status=Status.FIELDWORK)
    response = client_for(admin).patch(url, {"min_tracked_cases": 7}, format="json")
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["revised_from"] == version_id
    bad = client_for(admin).patch(url, {"window_days": 0}, format="json")
    assert bad.status_code == 400


def test_openapi_schema_lists_every_transition(admin):
    from inspections.lifecycle import TRANSITIONS

    schema = client_for(admin).get("/api/schema/?format=json").json()
    for verb in TRANSITIONS:
        assert f"/api/inspections/{{id}}/{verb.replace('_', '-')}/" in schema["paths"]
    assert "/api/partner-agencies/" in schema["paths"]
