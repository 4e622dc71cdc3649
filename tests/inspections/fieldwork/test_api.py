"""The fieldwork API answers as the pages do: 404 for outsiders, 403 for a role that may not
act, 400 for a broken rule."""

import pytest

from inspections.models import TimetableSession

from .conftest import agency_of, member_of

pytestmark = pytest.mark.django_db


def _json(client, method, url, body=None):
    return getattr(client, method)(url, body, content_type="application/json")


def test_the_cohort_and_answers_through_the_api(
    on_site, lead_inspector, cqc_inspector, hmiprobation_inspector, client
):
    url = f"/api/inspections/{on_site.pk}/tracked-cases/"
    client.force_login(cqc_inspector)
    body = {"reference": "HAR-0042", "age": 12, "plan_type": "child_protection"}
    assert _json(client, "post", url, body).status_code == 403
    client.force_login(lead_inspector)
    assert _json(client, "post", url, {**body, "reference": "Jamie Smith"}).status_code == 400
    response = _json(client, "post", url, body)
    assert response.status_code == 201
    case_id = response.json()["id"]
    health = agency_of(on_site, "health")
    police = agency_of(on_site, "police")
    client.force_login(cqc_inspector)
    answers = {"answers": {"identification": "GP referral in March."}}
    response = _json(
        client, "put", f"/api/tracked-cases/{case_id}/agencies/{health.pk}/answers/", answers
    )
    assert response.status_code == 200
    by_agency = {a["agency"]: a for a in response.json()["agencies"]}
    assert by_agency[health.pk]["editable"] and not by_agency[police.pk]["editable"]
    assert "GP referral in March." in [a["answer"] for a in by_agency[health.pk]["answers"]]
    response = _json(
        client, "put", f"/api/tracked-cases/{case_id}/agencies/{police.pk}/answers/", answers
    )
    assert response.status_code == 403
    response = _json(
        client,
        "put",
        f"/api/tracked-cases/{case_id}/audit/",
        {"partnership_audit": "Found drift.", "evaluation": "good"},
    )
    assert response.status_code == 200 and response.json()["audit_evaluation"] == "good"
    client.force_login(hmiprobation_inspector)
    assert client.get(f"/api/tracked-cases/{case_id}/").status_code == 404


def test_the_timetable_through_the_api(on_site, lead_inspector, cqc_inspector, client):
    cqc = member_of(on_site, cqc_inspector)
    url = f"/api/inspections/{on_site.pk}/timetable/"
    body = {
        "date": "2017-12-05",
        "start_time": "10:00",
        "end_time": "11:00",
        "kind": "keeping_in_touch",
        "title": "Keeping in touch with the DCS",
        "attendees": [cqc.pk],
        "external_attendees": ["Director of children's services"],
    }
    client.force_login(cqc_inspector)
    assert _json(client, "post", url, body).status_code == 403
    client.force_login(lead_inspector)
    response = _json(client, "post", url, body)
    assert response.status_code == 201, response.content
    assert response.json()["external_attendees"] == ["Director of children's services"]
    clash = _json(client, "post", url, {**body, "start_time": "10:30", "end_time": "11:15"})
    assert clash.status_code == 400
    assert "is already in" in clash.json()["errors"]["attendees"][0]
    outside = _json(client, "post", url, {**body, "date": "2017-12-11"})
    assert outside.status_code == 400 and "date" in outside.json()["errors"]
    session_id = response.json()["id"]
    assert client.delete(f"/api/timetable-sessions/{session_id}/").status_code == 204
    assert not TimetableSession.objects.exists()


def test_lines_of_enquiry_through_the_api(on_site, cqc_inspector, client):
    client.force_login(cqc_inspector)
    response = client.get(f"/api/inspections/{on_site.pk}/lines-of-enquiry/")
    assert response.status_code == 200
    lines = response.json()["results"]
    assert lines and all(line["report_section"] and line["source"] for line in lines)
