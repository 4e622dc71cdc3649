import pytest
from django.urls import reverse

from inspections.models import JudgementStatus
from inspections.recording import services

from .conftest import judgement_of

pytestmark = pytest.mark.django_db


def _url(judgement, suffix=""):
    return (
        reverse(
            "inspections:recording:judgement",
            kwargs={"pk": judgement.inspection_id, "judgement_pk": judgement.pk},
        )
        + suffix
    )


def test_grades_show_their_descriptors(client, team, cqc_inspector):
    client.force_login(cqc_inspector)
    page = client.get(_url(judgement_of(team, "cqc"))).content.decode()
    assert "Requires improvement" in page
    assert "widespread or serious failures" in page  # the inadequate descriptor, as a hint
    assert 'id="id_grade_3-hint"' in page


def test_completing_without_a_grade_shows_errors_and_keeps_what_was_typed(
    client, team, cqc_inspector
):
    judgement = judgement_of(team, "cqc")
    client.force_login(cqc_inspector)
    response = client.post(
        _url(judgement),
        {
            "version": 0,
            "strengths": "",
            "improvements": "",
            "evidence_summary": "Fourteen case files & two interviews <reviewed>.",
            "action": "complete",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in page
    assert "govuk-error-summary" in page
    assert 'href="#id_grade_0"' in page and 'href="#id_strengths"' in page
    assert "Select a grade before marking the judgement as completed" in page
    assert "Fourteen case files &amp; two interviews &lt;reviewed&gt;." in page
    judgement.refresh_from_db()
    assert judgement.version == 0


def test_an_inspector_completes_a_judgement(client, team, cqc_inspector):
    judgement = judgement_of(team, "cqc")
    client.force_login(cqc_inspector)
    response = client.post(
        _url(judgement),
        {
            "version": 0,
            "grade": "requires_improvement",
            "strengths": "Midwives identify domestic abuse early\nGPs attend case conferences",
            "improvements": "Health assessments for children in care are late",
            "evidence_summary": "Sixteen case files.",
            "action": "complete",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("inspections:recording:tasks", kwargs={"pk": team.pk})
    judgement.refresh_from_db()
    assert judgement.status == JudgementStatus.COMPLETED
    assert judgement.strengths == [
        "Midwives identify domestic abuse early",
        "GPs attend case conferences",
    ]
    tasks = client.get(response.url).content.decode()
    assert "is marked as completed" in tasks


def test_a_stale_save_is_refused_shows_what_changed_and_keeps_the_text(
    client, team, cqc_inspector, django_user_model
):
    judgement = judgement_of(team, "cqc")
    colleague = cqc_inspector
    services.judgement_save(
        judgement=judgement,
        user=colleague,
        version=0,
        grade="good",
        strengths=["Named nurses know their children"],
        evidence_summary="Ten case files reviewed with practitioners.",
    )
    # A second CQC inspector opened the page at version 1 ...
    client.force_login(cqc_inspector)
    services.judgement_save(
        judgement=judgement,
        user=colleague,
        version=1,
        grade="outstanding",
        strengths=["Named nurses know their children", "Sexual health outreach is excellent"],
        evidence_summary="Twelve case files reviewed with practitioners.",
    )
    # ... and saves from version 1 after the colleague saved version 2.
    response = client.post(
        _url(judgement),
        {
            "version": 1,
            "grade": "requires_improvement",
            "strengths": "My own careful strength",
            "improvements": "My own careful improvement",
            "evidence_summary": "My summary, typed over an hour.",
            "action": "draft",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this judgement while you were editing it" in page
    assert "What they changed" in page
    assert "Good changed to <strong>Outstanding</strong>" in page
    assert "Sexual health outreach is excellent" in page
    assert "Twelve" in page and "Ten" in page  # the word-level diff of the summary
    for typed in ("My own careful strength", "My own careful improvement", "My summary, typed"):
        assert typed in page
    assert 'value="requires_improvement" checked' in page
    assert 'name="version" value="2"' in page  # a second save, now informed, goes through
    judgement.refresh_from_db()
    assert (judgement.version, judgement.grade) == (2, "outstanding")

    again = client.post(
        _url(judgement),
        {
            "version": 2,
            "grade": "requires_improvement",
            "strengths": "My own careful strength",
            "improvements": "",
            "evidence_summary": "",
            "action": "draft",
        },
    )
    assert again.status_code == 302
    judgement.refresh_from_db()
    assert (judgement.version, judgement.grade) == (3, "requires_improvement")


def test_history_shows_who_when_and_what_changed(client, team, cqc_inspector, lead_inspector):
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
    page = client.get(_url(judgement, "history/")).content.decode()
    assert page.index("Version 2") < page.index("Version 1")
    assert "Marked as completed" in page and "Saved as draft" in page
    assert "Cqc Inspector Tester" in page
    assert "Good changed to <strong>Requires improvement</strong>" in page
    assert "Removed: </span>− Health visitors know their families" in page
    assert "Added: </span>+ Missed appointments are not followed up" in page
    assert "[removed: </span>files.<" in page
    assert "[added: </span>files and two interviews.<" in page


def test_read_only_pages_show_why_and_no_buttons(client, team, admin):
    client.force_login(admin)
    page = client.get(_url(judgement_of(team, "cqc"))).content.decode()
    assert "Admins can read judgements but not change them" in page
    assert "Save as draft" not in page
    assert "disabled" in page


def test_ungraded_frameworks_record_findings_without_grades(client, ofsted_inspector):
    from inspections.factories import add_member, make_inspection

    inspection = make_inspection(framework="jtai")
    add_member(inspection, ofsted_inspector)
    judgement = judgement_of(inspection, "ofsted", "identification_and_response")
    client.force_login(ofsted_inspector)
    page = client.get(_url(judgement)).content.decode()
    assert 'name="grade"' not in page
    assert "record findings only" in page
    assert "Findings: what the agency does well" in page
    response = client.post(
        _url(judgement),
        {
            "version": 0,
            "strengths": "Referrals are screened the same day",
            "improvements": "",
            "evidence_summary": "",
            "action": "complete",
        },
    )
    assert response.status_code == 302
    judgement.refresh_from_db()
    assert (judgement.status, judgement.grade) == (JudgementStatus.COMPLETED, "")
