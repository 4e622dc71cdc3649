"""Moderation: the grid, returning a judgement with a comment, sign-off per inspectorate."""

import pytest
from django.urls import reverse

from agencies.factories import person
from inspections.models import Judgement, JudgementStatus
from reports.factories import build_inspection
from reports.services import generation_blockers

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    return build_inspection(cases=0, evidence_per_agency=0, judgement_status="completed")


def test_grid_shows_every_agency_and_area(client, inspection, django_assert_max_num_queries):
    client.force_login(inspection.leads["ofsted"])
    url = reverse("inspections:moderation:grid", args=[inspection.pk])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    import html

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert page.count("<h1") == 1
    for j in Judgement.objects.filter(inspection=inspection).select_related("agency"):
        assert j.agency.name in page
    assert "Not applicable" in page  # police × looked-after children
    assert 'scope="col"' in page and 'scope="row"' in page


def test_lead_returns_a_judgement_with_a_comment(client, inspection):
    lead = inspection.leads["ofsted"]
    client.force_login(lead)
    judgement = Judgement.objects.filter(inspection=inspection, inspectorate__code="cqc").first()
    url = reverse("inspections:moderation:return", args=[inspection.pk, judgement.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 400
    assert "Enter a comment" in response.content.decode()
    response = client.post(url, {"comment": "Say which cases show this."})
    assert response.status_code == 302
    judgement.refresh_from_db()
    assert judgement.status == JudgementStatus.RETURNED
    assert judgement.returned_comment == "Say which cases show this."
    assert judgement.revisions.filter(note="Returned in moderation").exists()


def test_each_inspectorate_lead_signs_off_only_their_own(client, inspection):
    cqc_lead = inspection.leads["cqc"]
    client.force_login(cqc_lead)
    response = client.post(reverse("inspections:moderation:sign-off", args=[inspection.pk]))
    assert response.status_code == 302
    signed = Judgement.objects.filter(inspection=inspection, status=JudgementStatus.SIGNED_OFF)
    assert signed.exists()
    assert set(signed.values_list("inspectorate__code", flat=True)) == {"cqc"}
    assert signed.first().signed_off_by == cqc_lead
    # A CQC lead cannot return Ofsted's judgements.
    ofsted_judgement = Judgement.objects.filter(
        inspection=inspection, inspectorate__code="ofsted"
    ).first()
    response = client.get(
        reverse("inspections:moderation:return", args=[inspection.pk, ofsted_judgement.pk])
    )
    assert response.status_code == 403


def test_sign_off_refused_while_a_judgement_is_returned(client, inspection):
    Judgement.objects.filter(inspection=inspection, inspectorate__code="hmicfrs").update(
        status=JudgementStatus.RETURNED
    )
    client.force_login(inspection.leads["hmicfrs"])
    client.post(reverse("inspections:moderation:sign-off", args=[inspection.pk]))
    assert not Judgement.objects.filter(
        inspection=inspection, status=JudgementStatus.SIGNED_OFF
    ).exists()


def test_generation_opens_when_everyone_has_signed_off(client, inspection):
    assert generation_blockers(inspection)
    for lead in inspection.leads.values():
        client.force_login(lead)
        client.post(reverse("inspections:moderation:sign-off", args=[inspection.pk]))
    assert generation_blockers(inspection) == []


def _team_inspector(inspection, username="moderation_inspector_on_team"):
    from inspections.models import TeamMember

    user = person(username, "inspector", "cqc")
    TeamMember.objects.create(
        inspection=inspection,
        user=user,
        inspectorate=user.inspectorate,
        role="inspector",
        window_start=inspection.window_start,
        window_end=inspection.window_end,
    )
    return user


@pytest.mark.parametrize("who", ["inspector_on_team", "outsider"])
def test_inspectors_cannot_moderate(client, inspection, who):
    if who == "inspector_on_team":
        user = _team_inspector(inspection)
    else:
        user = person(f"moderation_{who}", "inspector", "cqc")
    client.force_login(user)
    response = client.get(reverse("inspections:moderation:grid", args=[inspection.pk]))
    assert response.status_code == (403 if who == "inspector_on_team" else 404)


def test_api_return_and_sign_off(inspection):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(inspection.leads["ofsted"])
    judgement = Judgement.objects.filter(inspection=inspection).first()
    bad = api.post(f"/api/judgements/{judgement.pk}/return/", {"comment": ""})
    assert bad.status_code == 400 and "comment" in bad.json()["errors"]
    ok = api.post(f"/api/judgements/{judgement.pk}/return/", {"comment": "More evidence"})
    assert ok.status_code == 200 and ok.json()["status"] == "returned"
    api.force_authenticate(inspection.leads["cqc"])
    assert api.post(f"/api/inspections/{inspection.pk}/sign-off/").json()["signed_off"] > 0


@pytest.mark.parametrize("who", ["inspector_on_team", "admin", "cqc_lead", "outsider"])
def test_refusals_are_403_for_what_the_user_sees_and_404_otherwise(client, inspection, who):
    """The page and the API give the same answer: 403 when the user sees the inspection but
    may not return or sign off, 404 when they may not see it."""
    from rest_framework.test import APIClient

    users = {
        "inspector_on_team": lambda: _team_inspector(inspection),
        "admin": lambda: person("moderation_admin", "admin", None),
        "cqc_lead": lambda: inspection.leads["cqc"],
        "outsider": lambda: person("moderation_outsider", "inspector", "cqc"),
    }
    user = users[who]()
    ofsted_judgement = Judgement.objects.filter(
        inspection=inspection, inspectorate__code="ofsted"
    ).first()
    expected = 404 if who == "outsider" else 403
    client.force_login(user)
    page = client.post(
        reverse("inspections:moderation:return", args=[inspection.pk, ofsted_judgement.pk]),
        {"comment": "Say more."},
    )
    assert page.status_code == expected
    api = APIClient()
    api.force_authenticate(user)
    returned = api.post(f"/api/judgements/{ofsted_judgement.pk}/return/", {"comment": ""})
    assert returned.status_code == expected
    if who != "cqc_lead":  # the CQC lead signs off CQC's judgements
        assert api.post(f"/api/inspections/{inspection.pk}/sign-off/").status_code == expected
        signed = client.post(reverse("inspections:moderation:sign-off", args=[inspection.pk]))
        assert signed.status_code == expected
    ofsted_judgement.refresh_from_db()
    assert ofsted_judgement.status == JudgementStatus.COMPLETED
    assert not Judgement.objects.filter(
        inspection=inspection, status=JudgementStatus.SIGNED_OFF
    ).exists()
