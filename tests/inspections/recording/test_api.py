import pytest
from django.urls import reverse

from inspections.recording import services

from .conftest import judgement_of

pytestmark = pytest.mark.django_db


def _patch(client, judgement, body):
    return client.patch(f"/api/judgements/{judgement.pk}/", body, content_type="application/json")


def test_stale_version_gets_409_and_nothing_changes(client, team, cqc_inspector):
    judgement = judgement_of(team, "cqc")
    client.force_login(cqc_inspector)
    first = _patch(client, judgement, {"version": 0, "grade": "good"})
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = _patch(client, judgement, {"version": 0, "grade": "inadequate"})
    assert stale.status_code == 409
    assert "version" in stale.json()["errors"]
    judgement.refresh_from_db()
    assert (judgement.version, judgement.grade) == (1, "good")
    assert judgement.revisions.count() == 1


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "version"),
        ({"version": "x"}, "version"),
        ({"version": -1}, "version"),
        ({"version": 0, "grade": "superb"}, "grade"),
        ({"version": 0, "strengths": "not a list"}, "strengths"),
        ({"version": 0, "strengths": [{"a": 1}]}, "strengths"),
        ({"version": 0, "improvements": ["x" * 1001]}, "improvements"),
        ({"version": 0, "complete": True}, "grade"),
        ({"version": 0, "complete": "perhaps"}, "complete"),
    ],
)
def test_invalid_updates_get_400_with_field_errors(client, team, cqc_inspector, body, field):
    judgement = judgement_of(team, "cqc")
    client.force_login(cqc_inspector)
    response = _patch(client, judgement, body)
    # No version at all is a write that is not conditional (428); a bad one, a 400.
    assert response.status_code == (428 if body == {} else 400)
    assert field in response.json()["errors"]


def test_malformed_json_is_a_400(client, team, cqc_inspector):
    judgement = judgement_of(team, "cqc")
    client.force_login(cqc_inspector)
    response = client.patch(
        f"/api/judgements/{judgement.pk}/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_put_and_complete(client, team, cqc_inspector):
    judgement = judgement_of(team, "cqc")
    client.force_login(cqc_inspector)
    response = client.put(
        f"/api/judgements/{judgement.pk}/",
        {
            "version": 0,
            "grade": "good",
            "strengths": ["Safeguarding supervision is regular"],
            "improvements": [],
            "evidence_summary": "Nine case files.",
            "complete": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "completed"
    assert body["agency"]["agency_type"] == "health"
    assert body["area"]["code"] == "overall_effectiveness"


def test_evidence_api_validates_and_lists(client, team, cqc_inspector):
    client.force_login(cqc_inspector)
    agency = team.agencies.get(agency_type__code="health")
    bad = client.post(
        f"/api/inspections/{team.pk}/evidence/",
        {"agency": agency.pk, "source": "gossip", "date": "2015-13-40", "note": ""},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert {"source", "date", "note"} <= set(bad.json()["errors"])
    unknown_area = client.post(
        f"/api/inspections/{team.pk}/evidence/",
        {
            "agency": agency.pk,
            "source": "document",
            "date": "2015-12-08",
            "note": "Audit of child protection medicals.",
            "areas": ["no_such_area"],
        },
        content_type="application/json",
    )
    assert unknown_area.status_code == 400 and "areas" in unknown_area.json()["errors"]
    created = client.post(
        f"/api/inspections/{team.pk}/evidence/",
        {
            "agency": agency.pk,
            "source": "document",
            "date": "2015-12-08",
            "note": "Audit of child protection medicals.",
            "areas": ["help_and_protection"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    record_id = created.json()["id"]
    listing = client.get(f"/api/inspections/{team.pk}/evidence/").json()
    assert listing["count"] == 1 and listing["results"][0]["areas"] == ["help_and_protection"]
    updated = client.put(
        f"/api/evidence/{record_id}/",
        {
            "version": created.json()["version"],
            "agency": agency.pk,
            "source": "meeting",
            "date": "2015-12-09",
            "note": "Changed.",
        },
        content_type="application/json",
    )
    assert updated.status_code == 200 and updated.json()["source"] == "meeting"


def test_case_sample_api(client, team, cqc_inspector):
    client.force_login(cqc_inspector)
    agency = team.agencies.get(agency_type__code="health")
    name = client.post(
        f"/api/inspections/{team.pk}/case-samples/",
        {"reference": "Jane Smith", "kind": "tracked", "agencies": [agency.pk]},
        content_type="application/json",
    )
    assert name.status_code == 400 and "reference" in name.json()["errors"]
    extra = client.post(
        f"/api/inspections/{team.pk}/case-samples/",
        {"reference": "HAR-0001", "kind": "tracked", "agencies": [agency.pk], "name": "Jane"},
        content_type="application/json",
    )
    assert extra.status_code == 201  # unknown fields are ignored: there is no name field
    assert "name" not in extra.json()
    case_id = extra.json()["id"]
    bad = client.put(
        f"/api/case-samples/{case_id}/assessments/",
        {"assessments": [{"criterion": "child_voice", "outcome": "brilliant"}]},
        content_type="application/json",
    )
    assert bad.status_code == 400
    unknown = client.put(
        f"/api/case-samples/{case_id}/assessments/",
        {"assessments": [{"criterion": "nope", "outcome": "met"}]},
        content_type="application/json",
    )
    assert unknown.status_code == 400 and "nope" in unknown.json()["errors"]
    good = client.put(
        f"/api/case-samples/{case_id}/assessments/",
        {"assessments": [{"criterion": "child_voice", "outcome": "met", "note": "Seen alone"}]},
        content_type="application/json",
    )
    assert good.status_code == 200
    assert good.json()["assessments"] == [
        {"criterion": "child_voice", "outcome": "met", "note": "Seen alone"}
    ]
    summary = client.get(f"/api/inspections/{team.pk}/case-samples/summary/").json()
    assert summary["tracked"] == 1
    voice = next(c for c in summary["criteria"] if c["code"] == "child_voice")
    assert voice["outcomes"]["met"] == 1


def test_shared_judgement_api(client, team, lead_inspector, cqc_inspector):
    from inspections.models import TeamRole

    team.team.filter(user=cqc_inspector).update(role=TeamRole.INSPECTORATE_LEAD)
    shared = team.shared_judgements.get()
    client.force_login(cqc_inspector)
    assert (
        client.put(
            f"/api/shared-judgements/{shared.pk}/",
            {"version": 0, "text": "Not mine to write."},
            content_type="application/json",
        ).status_code
        == 403
    )
    early = client.post(
        f"/api/shared-judgements/{shared.pk}/agreements/",
        {"version": 1, "agrees": True},
        content_type="application/json",
    )
    assert early.status_code == 403  # nothing drafted yet
    client.force_login(lead_inspector)
    drafted = client.put(
        f"/api/shared-judgements/{shared.pk}/",
        {"version": 0, "grade": "good", "text": "The board knows local practice well."},
        content_type="application/json",
    )
    assert drafted.status_code == 200 and drafted.json()["version"] == 1
    stale = client.put(
        f"/api/shared-judgements/{shared.pk}/",
        {"version": 0, "text": "Stale."},
        content_type="application/json",
    )
    assert stale.status_code == 409
    client.force_login(cqc_inspector)
    no_comment = client.post(
        f"/api/shared-judgements/{shared.pk}/agreements/",
        {"version": 1, "agrees": False},
        content_type="application/json",
    )
    assert no_comment.status_code == 400 and "comment" in no_comment.json()["errors"]
    agreed = client.post(
        f"/api/shared-judgements/{shared.pk}/agreements/",
        {"version": 1, "agrees": True},
        content_type="application/json",
    )
    assert agreed.status_code == 201
    body = client.get(f"/api/shared-judgements/{shared.pk}/").json()
    assert [a["inspectorate"] for a in body["agreements"]] == ["cqc"]
    assert body["is_agreed"] is False


def test_the_api_is_in_the_openapi_schema(client, cqc_inspector):
    client.force_login(cqc_inspector)
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "/api/inspections/{id}/judgements/",
        "/api/judgements/{id}/",
        "/api/inspections/{id}/evidence/",
        "/api/evidence/{id}/",
        "/api/inspections/{id}/case-samples/",
        "/api/case-samples/{id}/assessments/",
        "/api/shared-judgements/{id}/agreements/",
    ):
        assert path.replace("{id}", "{pk}") in paths or path in paths, path
    judgement_path = paths.get("/api/judgements/{pk}/") or paths["/api/judgements/{id}/"]
    assert "409" in judgement_path["patch"]["responses"]


def test_services_are_used_by_the_api(team, cqc_inspector):
    # The API's version check is the service's: one source of truth.
    judgement = judgement_of(team, "cqc")
    assert services.judgement_save(judgement=judgement, user=cqc_inspector, version=0).version == 1


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("patch", "/api/judgements/{j}/", ["not", "an", "object"]),
        ("patch", "/api/judgements/{j}/", {"version": 0, "evidence_summary": None}),
        ("patch", "/api/judgements/{j}/", {"version": 10**30}),
        ("post", "/api/inspections/{i}/evidence/", {"agency": "x"}),
        (
            "post",
            "/api/inspections/{i}/evidence/",
            {"agency": 999999, "source": "interview", "date": "2015-12-08", "note": "n"},
        ),
        (
            "post",
            "/api/inspections/{i}/case-samples/",
            {"reference": "HAR-1", "kind": "tracked", "agencies": [999999]},
        ),
        ("post", "/api/inspections/{i}/case-samples/", {"reference": None, "agencies": "all"}),
        ("put", "/api/case-samples/{c}/assessments/", {"assessments": "met"}),
        ("put", "/api/case-samples/{c}/assessments/", {"assessments": [None]}),
        ("put", "/api/shared-judgements/{s}/", {"version": 0, "text": ["x"]}),
        ("post", "/api/shared-judgements/{s}/agreements/", {"version": "one", "agrees": "maybe"}),
    ],
)
def test_odd_input_is_a_400_never_a_500(client, team, lead_inspector, method, path, body):
    from inspections.models import CaseSample

    case = CaseSample.objects.create(
        inspection=team, reference="HAR-0009", kind="tracked", recorded_by=lead_inspector
    )
    from inspections.recording import services as recording_services

    shared = team.shared_judgements.get()
    recording_services.shared_judgement_save(
        shared=shared, user=lead_inspector, version=0, text="A first draft."
    )
    url = path.format(
        j=judgement_of(team, "ofsted").pk,
        i=team.pk,
        c=case.pk,
        s=team.shared_judgements.get().pk,
    )
    client.force_login(lead_inspector)
    response = getattr(client, method)(url, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "detail" in response.json()
