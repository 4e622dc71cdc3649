"""Who may read and change judgements, evidence and cases: per role, pages and API."""

import pytest
from django.urls import reverse

from inspections.factories import make_inspection
from inspections.models import Judgement, JudgementStatus, Status

from .conftest import judgement_of

pytestmark = pytest.mark.django_db

ROLES = [
    # persona, reads, edits the Ofsted judgement, edits the CQC judgement
    ("lead_inspector", True, True, False),  # overall lead, Ofsted
    ("ofsted_inspector", True, True, False),
    ("cqc_inspector", True, False, True),
    ("hmicfrs_inspector", True, False, False),
    ("admin", True, False, False),  # reads, never edits
    ("hmiprisons_inspector", False, False, False),  # not on the team
]


def _draft(version=0, **extra):
    return {
        "version": version,
        "grade": "good",
        "strengths": "Strategy meetings are timely",
        "improvements": "",
        "evidence_summary": "",
        "action": "draft",
        **extra,
    }


def _url(name, **kwargs):
    return reverse(f"inspections:recording:{name}", kwargs=kwargs)


@pytest.mark.parametrize("persona, reads, edits_ofsted, edits_cqc", ROLES)
def test_pages_by_role(client, request, team, persona, reads, edits_ofsted, edits_cqc):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    ofsted = judgement_of(team, "ofsted")
    cqc = judgement_of(team, "cqc")

    expected_read = 200 if reads else 404
    assert client.get(_url("tasks", pk=team.pk)).status_code == expected_read
    assert client.get(_url("evidence", pk=team.pk)).status_code == expected_read
    assert client.get(_url("cases", pk=team.pk)).status_code == expected_read
    for judgement, edits in ((ofsted, edits_ofsted), (cqc, edits_cqc)):
        url = _url("judgement", pk=team.pk, judgement_pk=judgement.pk)
        assert client.get(url).status_code == expected_read
        assert client.get(url + "history/").status_code == expected_read
        response = client.post(url, _draft())
        if edits:
            assert response.status_code == 302
        else:
            assert response.status_code == (403 if reads else 404)
        judgement.refresh_from_db()
        assert judgement.version == (1 if edits else 0)


@pytest.mark.parametrize("persona, reads, edits_ofsted, edits_cqc", ROLES)
def test_api_by_role(client, request, team, persona, reads, edits_ofsted, edits_cqc):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    listing = client.get(f"/api/inspections/{team.pk}/judgements/")
    assert listing.status_code == (200 if reads else 404)
    for code, edits in (("ofsted", edits_ofsted), ("cqc", edits_cqc)):
        judgement = judgement_of(team, code)
        url = f"/api/judgements/{judgement.pk}/"
        assert client.get(url).status_code == (200 if reads else 404)
        response = client.patch(
            url,
            {"version": 0, "grade": "good", "strengths": ["Timely strategy meetings"]},
            content_type="application/json",
        )
        assert response.status_code == (200 if edits else 403 if reads else 404), response.json()
        if edits:
            assert response.json()["version"] == 1
            assert response.json()["can_edit"] is True


def test_the_task_list_shows_inspectors_their_own_agencies_and_leads_all(
    client, team, cqc_inspector, lead_inspector
):
    client.force_login(cqc_inspector)
    page = client.get(_url("tasks", pk=team.pk)).content.decode()
    health = team.agencies.get(agency_type__code="health").name
    police = team.agencies.get(agency_type__code="police").name
    assert health in page and police not in page
    api = client.get(f"/api/inspections/{team.pk}/judgements/").json()
    assert api["count"] == len(api["results"])
    assert {j["inspectorate"] for j in api["results"]} == {"cqc"}
    client.force_login(lead_inspector)
    page = client.get(_url("tasks", pk=team.pk)).content.decode()
    assert health in page and police in page
    assert page.count("Read only") == 11 - 4  # the lead edits Ofsted's four only


def test_inactive_team_members_are_outsiders(client, team, cqc_inspector):
    team.team.filter(user=cqc_inspector).update(is_active=False)
    client.force_login(cqc_inspector)
    assert client.get(_url("tasks", pk=team.pk)).status_code == 404
    cqc = judgement_of(team, "cqc")
    assert client.get(f"/api/judgements/{cqc.pk}/").status_code == 404


def test_anonymous_users_are_sent_to_sign_in(client, team):
    response = client.get(_url("tasks", pk=team.pk))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.get(f"/api/inspections/{team.pk}/judgements/").status_code in (401, 403)


def test_guessed_ids_do_not_leak(client, team, cqc_inspector):
    """A judgement, case or record of another inspection is a 404 through this one's URLs."""
    other = make_inspection()
    foreign = judgement_of(other, "cqc")
    foreign_shared = other.shared_judgements.get()
    client.force_login(cqc_inspector)
    assert client.get(_url("judgement", pk=team.pk, judgement_pk=foreign.pk)).status_code == 404
    assert (
        client.post(_url("judgement", pk=team.pk, judgement_pk=foreign.pk), _draft()).status_code
        == 404
    )
    assert client.get(_url("tasks", pk=other.pk)).status_code == 404
    assert client.get(_url("shared", pk=team.pk, shared_pk=foreign_shared.pk)).status_code == 404
    assert client.get(f"/api/judgements/{foreign.pk}/").status_code == 404
    assert client.get(f"/api/shared-judgements/{foreign_shared.pk}/").status_code == 404
    assert client.get("/api/judgements/999999999/").status_code == 404
    assert client.get(_url("evidence-edit", pk=team.pk, evidence_pk=999999)).status_code == 404
    assert client.get(_url("case", pk=team.pk, case_pk=999999)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.version == 0


@pytest.mark.parametrize(
    "status, judgement_status, editable",
    [
        (Status.PLANNED, JudgementStatus.NOT_STARTED, False),
        (Status.NOTIFIED, JudgementStatus.NOT_STARTED, False),
        (Status.FIELDWORK, JudgementStatus.IN_PROGRESS, True),
        (Status.EVIDENCE_CLOSED, JudgementStatus.COMPLETED, True),
        (Status.MODERATION, JudgementStatus.COMPLETED, False),
        (Status.MODERATION, JudgementStatus.RETURNED, True),
        (Status.MODERATION, JudgementStatus.SIGNED_OFF, False),
        (Status.PUBLISHED, JudgementStatus.RETURNED, False),
        (Status.CANCELLED, JudgementStatus.NOT_STARTED, False),
    ],
)
def test_editing_depends_on_the_inspection_and_judgement_status(
    client, team, cqc_inspector, status, judgement_status, editable
):
    team.status = status
    team.save(update_fields=["status"])
    judgement = judgement_of(team, "cqc")
    Judgement.objects.filter(pk=judgement.pk).update(status=judgement_status)
    client.force_login(cqc_inspector)
    url = _url("judgement", pk=team.pk, judgement_pk=judgement.pk)
    page = client.get(url).content.decode()
    # The save button: "Mark as completed", or "Save changes" on a completed judgement.
    assert ('name="action" value="complete"' in page) is editable
    assert client.post(url, _draft()).status_code == (302 if editable else 403)
    api = client.patch(
        f"/api/judgements/{judgement.pk}/",
        {"version": 1 if editable else 0, "grade": "good"},
        content_type="application/json",
    )
    assert api.status_code == (200 if editable else 403)


@pytest.mark.parametrize(
    "persona, can_add",
    [
        ("cqc_inspector", True),
        ("admin", False),
        ("hmiprisons_inspector", False),
    ],
)
def test_evidence_and_case_recording_by_role(client, request, team, persona, can_add):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    agency = team.agencies.get(agency_type__code="health")
    expected = 201 if can_add else 404 if persona == "hmiprisons_inspector" else 403
    evidence = client.post(
        f"/api/inspections/{team.pk}/evidence/",
        {"agency": agency.pk, "source": "interview", "date": "2015-12-08", "note": "Met the GP."},
        content_type="application/json",
    )
    assert evidence.status_code == expected
    case = client.post(
        f"/api/inspections/{team.pk}/case-samples/",
        {"reference": "HAR-0001", "kind": "tracked", "agencies": [agency.pk]},
        content_type="application/json",
    )
    assert case.status_code == expected
    page = client.get(_url("evidence-add", pk=team.pk))
    assert page.status_code == (200 if can_add else expected)


def test_a_refusal_says_why_on_the_page_and_in_the_api(client, team, admin):
    """Pages and API refuse with the same predicate and the same sentence."""
    judgement = judgement_of(team, "cqc")
    client.force_login(admin)
    page = client.post(_url("judgement", pk=team.pk, judgement_pk=judgement.pk), _draft())
    assert page.status_code == 403
    api = client.patch(
        f"/api/judgements/{judgement.pk}/", {"version": 0}, content_type="application/json"
    )
    assert api.status_code == 403
    assert api.json()["detail"] == "Admins can read judgements but not change them."
