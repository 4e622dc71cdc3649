import pytest
from django.core import mail
from django.urls import reverse

from inspections.models import CaseSample, EvidenceRecord, TeamRole

from .conftest import judgement_of

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"inspections:recording:{name}", args=args)


def test_adding_evidence_keeps_what_was_typed_on_error_then_saves(client, team, cqc_inspector):
    client.force_login(cqc_inspector)
    agency = team.agencies.get(agency_type__code="health")
    area = team.framework_version.judgement_areas.get(code="help_and_protection")
    response = client.post(
        _url("evidence-add", team.pk),
        {
            "agency": agency.pk,
            "source": "",
            "date_day": "31",
            "date_month": "2",
            "date_year": "2016",
            "note": "Interview with the designated nurse about missed health assessments.",
            "areas": [area.pk],
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Select where the evidence comes from" in page and "Enter a real date" in page
    assert "Interview with the designated nurse" in page
    assert f'value="{area.pk}" checked' in page
    assert not EvidenceRecord.objects.exists()
    judgement = judgement_of(team, "cqc", "help_and_protection")
    back = _url("judgement", team.pk, judgement.pk)
    response = client.post(
        _url("evidence-add", team.pk),
        {
            "agency": agency.pk,
            "source": "interview",
            "date_day": "8",
            "date_month": "12",
            "date_year": "2015",
            "note": "Interview with the designated nurse about missed health assessments.",
            "areas": [area.pk],
            "next": back,
        },
    )
    assert response.status_code == 302 and response.url == back
    record = EvidenceRecord.objects.get()
    judgement_page = client.get(back).content.decode()
    assert "missed health assessments" in judgement_page
    edit = client.get(_url("evidence-edit", team.pk, record.pk))
    assert edit.status_code == 200 and 'value="8"' in edit.content.decode()


def test_only_the_recorder_or_their_inspectorates_lead_changes_an_evidence_record(
    client, team, cqc_inspector, ofsted_inspector, lead_inspector
):
    record = EvidenceRecord.objects.create(
        inspection=team,
        agency=team.agencies.get(agency_type__code="health"),
        source="document",
        date="2015-12-08",
        note="Safeguarding audit.",
        recorded_by=cqc_inspector,
    )
    url = _url("evidence-edit", team.pk, record.pk)
    client.force_login(ofsted_inspector)
    assert client.get(url).status_code == 403
    client.force_login(lead_inspector)  # Ofsted's lead: not the CQC inspector's lead
    assert client.get(url).status_code == 403
    record.recorded_by = ofsted_inspector
    record.save()
    assert client.get(url).status_code == 200


def test_evidence_list_filters_and_paginates(client, team, cqc_inspector):
    agencies = list(team.agencies.all())
    EvidenceRecord.objects.bulk_create(
        EvidenceRecord(
            inspection=team,
            agency=agencies[n % 2],
            source="meeting",
            date="2015-12-08",
            note=f"Meeting {n}",
            recorded_by=cqc_inspector,
        )
        for n in range(30)
    )
    client.force_login(cqc_inspector)
    page = client.get(_url("evidence", team.pk)).content.decode()
    assert "30 records" in page and "govuk-pagination" in page
    filtered = client.get(_url("evidence", team.pk), {"agency": agencies[0].pk}).content.decode()
    assert "15 records match" in filtered


def test_a_case_is_added_by_reference_and_assessed(client, team, cqc_inspector):
    client.force_login(cqc_inspector)
    agency = team.agencies.get(agency_type__code="health")
    response = client.post(
        _url("case-add", team.pk),
        {"reference": "Amy Jones", "kind": "tracked", "agencies": [agency.pk], "summary": "x"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "not a name" in page and 'value="Amy Jones"' in page
    assert not CaseSample.objects.exists()
    assert 'name="name"' not in page  # there is no field for a child's name
    response = client.post(
        _url("case-add", team.pk),
        {"reference": "HAR-0042", "kind": "tracked", "agencies": [agency.pk], "summary": ""},
    )
    case = CaseSample.objects.get()
    assert response.status_code == 302 and response.url == _url("case", team.pk, case.pk)
    too_long = client.post(
        _url("case", team.pk, case.pk),
        {"outcome_child_voice": "partly_met", "note_child_voice": "x" * 10001},
    )
    assert too_long.status_code == 400
    assert "The note must be 10000 characters or fewer" in too_long.content.decode()
    assert 'href="#id_outcome_child_voice' in too_long.content.decode()  # on its criterion
    response = client.post(
        _url("case", team.pk, case.pk),
        {"outcome_child_voice": "partly_met", "note_child_voice": "Seen once, not alone"},
    )
    assert response.status_code == 302
    assessment = case.assessments.get()
    assert (assessment.criterion.code, assessment.outcome) == ("child_voice", "partly_met")
    listing = client.get(_url("cases", team.pk)).content.decode()
    assert "HAR-0042" in listing and "1 of 5" in listing


def test_jtai_case_page_shows_progress_toward_five_tracked_cases(client, cqc_inspector):
    from inspections.factories import add_member, make_inspection

    inspection = make_inspection(framework="jtai")
    add_member(inspection, cqc_inspector)
    client.force_login(cqc_inspector)
    page = client.get(_url("cases", inspection.pk)).content.decode()
    assert "0 of 5" in page
    tasks = client.get(_url("tasks", inspection.pk)).content.decode()
    assert "0 of 5 tracked" in tasks


def test_shared_judgement_pages(
    client,
    team,
    lead_inspector,
    cqc_inspector,
    hmicfrs_inspector,
    ofsted_inspector,
    django_capture_on_commit_callbacks,
):
    team.team.filter(user__in=[cqc_inspector, hmicfrs_inspector]).update(
        role=TeamRole.INSPECTORATE_LEAD
    )
    team.inspectorates.set(team.inspectorates.filter(code__in=["ofsted", "cqc", "hmicfrs"]))
    shared = team.shared_judgements.get()
    url = _url("shared", team.pk, shared.pk)
    agree_url = _url("shared-agreement", team.pk, shared.pk)

    client.force_login(ofsted_inspector)
    assert "Draft the shared judgement" not in client.get(url).content.decode()
    assert client.post(url, {"version": 0, "text": "x"}).status_code == 403

    client.force_login(lead_inspector)
    empty = client.post(url, {"version": 0, "grade": "good", "text": ""})
    assert "Enter the shared judgement" in empty.content.decode()
    response = client.post(
        url,
        {
            "version": 0,
            "grade": "good",
            "text": "The board has a clear understanding of safeguarding in the area.",
            "strengths": "Multi-agency audits are well targeted",
            "improvements": "",
        },
    )
    assert response.status_code == 302
    client.post(agree_url, {"version": 1, "agrees": "yes"})

    client.force_login(cqc_inspector)
    no_comment = client.post(agree_url, {"version": 1, "agrees": "no", "comment": ""})
    assert "Explain why you disagree" in no_comment.content.decode()
    client.post(agree_url, {"version": 1, "agrees": "yes"})
    client.force_login(hmicfrs_inspector)
    client.post(agree_url, {"version": 1, "agrees": "yes"})
    assert "Agreed by every inspectorate" in client.get(url).content.decode()
    assert "Agreed" in client.get(_url("tasks", team.pk)).content.decode()

    client.force_login(lead_inspector)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "version": 1,
                "grade": "requires_improvement",
                "text": "The board does not yet check the impact of training.",
            },
            follow=True,
        )
    page = response.content.decode()
    assert "their agreements have been cleared" in page
    assert "Agreed by every inspectorate" not in page
    assert len(mail.outbox) == 2


def test_after_saving_evidence_only_local_pages_are_followed(client, team, cqc_inspector):
    client.force_login(cqc_inspector)
    agency = team.agencies.get(agency_type__code="health")
    response = client.post(
        _url("evidence-add", team.pk),
        {
            "agency": agency.pk,
            "source": "document",
            "date_day": "8",
            "date_month": "12",
            "date_year": "2015",
            "note": "Audit.",
            "next": "//evil.example/inspections/",
        },
    )
    assert response.status_code == 302 and response.url == _url("evidence", team.pk)


def test_a_stale_shared_judgement_save_keeps_the_text(client, team, lead_inspector):
    shared = team.shared_judgements.get()
    url = _url("shared", team.pk, shared.pk)
    client.force_login(lead_inspector)
    first = {"version": 0, "grade": "good", "text": "The board knows its area well."}
    assert client.post(url, first).status_code == 302
    stale = client.post(
        url, {"version": 0, "grade": "good", "text": "My own careful wording of the finding."}
    )
    page = stale.content.decode()
    assert stale.status_code == 200
    assert "Someone else saved the shared judgement while you were editing it" in page
    assert "My own careful wording of the finding." in page
    assert 'name="version" value="1"' in page
    shared.refresh_from_db()
    assert (shared.version, shared.text) == (1, "The board knows its area well.")


def test_the_task_list_shows_who_disagrees_with_the_shared_judgement(
    client, team, lead_inspector, cqc_inspector
):
    """After CQC disagreed, the lead's task list said "Awaiting agreement": it says who
    disagrees now, and the lead's home page lists the disagreement, linked."""
    team.team.filter(user=cqc_inspector).update(role=TeamRole.INSPECTORATE_LEAD)
    shared = team.shared_judgements.get()
    client.force_login(lead_inspector)
    client.post(
        _url("shared", team.pk, shared.pk),
        {"version": 0, "grade": "good", "text": "The board knows the area well."},
    )
    client.force_login(cqc_inspector)
    client.post(
        _url("shared-agreement", team.pk, shared.pk),
        {"version": 1, "agrees": "no", "comment": "Health is missing from the text."},
    )
    client.force_login(lead_inspector)
    tasks = client.get(_url("tasks", team.pk)).content.decode()
    assert "CQC disagrees" in tasks
    assert "Awaiting agreement" not in tasks
    home = client.get("/").content.decode()
    assert 'data-count="disputes">1<' in home
    assert f'href="{_url("shared", team.pk, shared.pk)}"' in home
