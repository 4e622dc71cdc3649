"""A judgement's history by API: what the history page shows (every version, newest first,
with who, when and what changed), to whoever may read the page (404 for anyone else)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from agencies.factories import person
from inspections.recording import services

from .conftest import judgement_of

pytestmark = pytest.mark.django_db


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_history_answers_what_the_page_shows(client, team, cqc_inspector, lead_inspector):
    judgement = judgement_of(team, "cqc")
    services.judgement_save(
        judgement=judgement,
        user=cqc_inspector,
        version=0,
        grade="good",
        strengths=["Health visitors know their families"],
        evidence_summary="Eight case files.",
    )
    services.judgement_save(
        judgement=judgement,
        user=cqc_inspector,
        version=1,
        grade="requires_improvement",
        improvements=["Missed appointments are not followed up"],
        evidence_summary="Eight case files and two interviews.",
        complete=True,
    )
    client.force_login(lead_inspector)
    page = client.get(
        reverse(
            "inspections:recording:judgement-history",
            kwargs={"pk": team.pk, "judgement_pk": judgement.pk},
        )
    )
    url = f"/api/judgements/{judgement.pk}/history/"
    response = api_for(lead_inspector).get(url)
    assert response.status_code == 200
    newest, first = response.json()["results"]
    assert [r["version"] for r in (newest, first)] == [
        revision.version for revision, _ in page.context["history"]
    ]
    assert newest["by"] == "Cqc Inspector Tester" and newest["status"] == "completed"
    changes = newest["changes"]
    assert (changes["grade_from"], changes["grade_to"]) == ("Good", "Requires improvement")
    assert changes["strengths"]["removed"] == ["Health visitors know their families"]
    assert changes["improvements"]["added"] == ["Missed appointments are not followed up"]
    assert {"op": "insert", "text": "files and two interviews."} in changes["summary"]
    assert first["changes"]["grade_from"] == ""
    outsider = api_for(person("history_outsider", "inspector", "cqc")).get(url)
    assert outsider.status_code == 404
    assert api_for(lead_inspector).get("/api/judgements/0/history/").status_code == 404
