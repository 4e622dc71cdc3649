import datetime

import pytest
from django.core import mail

from agencies.models import Inspectorate
from inspections.factories import add_member, make_inspection
from inspections.models import (
    CaseKind,
    Judgement,
    JudgementRevision,
    JudgementStatus,
    SharedJudgement,
    Status,
    TeamRole,
)
from inspections.recording import selectors, services
from jtai.exceptions import ApplicationError

from .conftest import judgement_of

pytestmark = pytest.mark.django_db


def test_judgements_ensure_creates_one_per_agency_and_applicable_area(inspection):
    # Children's services and health take all four areas, the police three (not looked-after
    # children); HMI Probation assesses its case sample instead of grading the four areas, so
    # probation and the youth offending team get none. The LSCB is shared.
    assert inspection.judgements.count() == 11
    assert not inspection.judgements.filter(
        agency__agency_type__code__in=["probation", "youth_offending"]
    ).exists()
    police = inspection.judgements.filter(agency__agency_type__code="police")
    assert set(police.values_list("area__code", flat=True)) == {
        "overall_effectiveness",
        "help_and_protection",
        "leadership",
    }
    assert set(
        inspection.judgements.values_list("agency__agency_type__code", "inspectorate__code")
    ) == {
        ("childrens_social_care", "ofsted"),
        ("health", "cqc"),
        ("police", "hmicfrs"),
    }
    assert SharedJudgement.objects.filter(inspection=inspection, area__code="lscb").count() == 1
    assert inspection.judgements.filter(status=JudgementStatus.NOT_STARTED).count() == 11


def test_judgements_ensure_is_idempotent_and_skips_agencies_out_of_scope(db):
    inspection = make_inspection(
        framework="jtai",
        agencies=[("childrens_social_care", "{la} CSC"), ("lscb", "{la} LSCB {n}")],
    )
    assert inspection.judgements.count() == 4  # the LSCB is not an agency type of the JTAI
    assert services.judgements_ensure(inspection=inspection) == 0
    assert inspection.judgements.count() == 4
    assert not SharedJudgement.objects.filter(inspection=inspection).exists()


def test_saving_a_draft_keeps_a_revision_and_bumps_the_version(inspection, cqc_inspector):
    judgement = judgement_of(inspection, "cqc")
    saved = services.judgement_save(
        judgement=judgement,
        user=cqc_inspector,
        version=0,
        grade="good",
        strengths=["  Health visitors   know their families well ", ""],
        improvements="Supervision records are thin\n\n",
        evidence_summary="Twelve case files.",
    )
    assert saved.version == 1
    assert saved.status == JudgementStatus.IN_PROGRESS
    assert saved.strengths == ["Health visitors know their families well"]
    assert saved.improvements == ["Supervision records are thin"]
    revision = JudgementRevision.objects.get(judgement=judgement)
    assert (revision.version, revision.by, revision.grade) == (1, cqc_inspector, "good")
    assert revision.note == "Saved as draft"


def test_completion_needs_a_grade_and_a_strength_or_improvement(inspection, cqc_inspector):
    judgement = judgement_of(inspection, "cqc")
    with pytest.raises(ApplicationError) as caught:
        services.judgement_save(judgement=judgement, user=cqc_inspector, version=0, complete=True)
    assert set(caught.value.fields) == {"grade", "strengths"}
    with pytest.raises(ApplicationError) as caught:
        services.judgement_save(
            judgement=judgement, user=cqc_inspector, version=0, grade="good", complete=True
        )
    assert set(caught.value.fields) == {"strengths"}
    saved = services.judgement_save(
        judgement=judgement,
        user=cqc_inspector,
        version=0,
        grade="good",
        improvements=["Transition to adult mental health services is slow"],
        complete=True,
    )
    assert saved.status == JudgementStatus.COMPLETED
    assert not JudgementRevision.objects.filter(judgement=judgement, version__gt=1).exists()


@pytest.mark.parametrize(
    "values, field",
    [
        ({"grade": "excellent"}, "grade"),
        ({"strengths": ["x" * 1001]}, "strengths"),
        ({"improvements": ["item"] * 31}, "improvements"),
        ({"strengths": [1, 2]}, "strengths"),
        ({"improvements": {"a": 1}}, "improvements"),
        ({"evidence_summary": "x" * 20001}, "evidence_summary"),
    ],
)
def test_invalid_content_is_refused_with_field_errors(inspection, cqc_inspector, values, field):
    judgement = judgement_of(inspection, "cqc")
    with pytest.raises(ApplicationError) as caught:
        services.judgement_save(judgement=judgement, user=cqc_inspector, version=0, **values)
    assert field in caught.value.fields
    assert Judgement.objects.get(pk=judgement.pk).version == 0


def test_ungraded_frameworks_take_findings_without_a_grade(db, ofsted_inspector):
    inspection = make_inspection(framework="jtai")
    judgement = judgement_of(inspection, "ofsted", "identification_and_response")
    with pytest.raises(ApplicationError) as caught:
        services.judgement_save(
            judgement=judgement, user=ofsted_inspector, version=0, grade="good", complete=True
        )
    assert "grade" in caught.value.fields
    saved = services.judgement_save(
        judgement=judgement,
        user=ofsted_inspector,
        version=0,
        strengths=["Referrals are screened the same day"],
        complete=True,
    )
    assert saved.status == JudgementStatus.COMPLETED and saved.grade == ""


def test_a_stale_version_is_refused_and_nothing_is_written(inspection, cqc_inspector):
    judgement = judgement_of(inspection, "cqc")
    services.judgement_save(judgement=judgement, user=cqc_inspector, version=0, grade="good")
    with pytest.raises(services.StaleVersionError) as caught:
        services.judgement_save(
            judgement=judgement, user=cqc_inspector, version=0, grade="inadequate"
        )
    assert caught.value.status_code == 409
    assert caught.value.current.version == 1
    judgement.refresh_from_db()
    assert (judgement.grade, judgement.version) == ("good", 1)
    assert judgement.revisions.count() == 1


def test_a_returned_judgement_stays_returned_until_completed(inspection, cqc_inspector):
    judgement = judgement_of(inspection, "cqc")
    Judgement.objects.filter(pk=judgement.pk).update(status=JudgementStatus.RETURNED)
    saved = services.judgement_save(judgement=judgement, user=cqc_inspector, version=0)
    assert saved.status == JudgementStatus.RETURNED


def test_evidence_records_are_validated(inspection, cqc_inspector):
    agency = inspection.agencies.get(agency_type__code="health")
    area = inspection.framework_version.judgement_areas.get(code="help_and_protection")
    with pytest.raises(ApplicationError) as caught:
        services.evidence_record_create(
            inspection=inspection,
            user=cqc_inspector,
            agency=None,
            source="rumour",
            date=datetime.date.today() + datetime.timedelta(days=1),
            note="  ",
            areas=[999999],
        )
    assert set(caught.value.fields) == {"agency", "source", "date", "note", "areas"}
    other = make_inspection().agencies.first()
    with pytest.raises(ApplicationError) as caught:
        services.evidence_record_create(
            inspection=inspection,
            user=cqc_inspector,
            agency=other,
            source="interview",
            date=datetime.date(2015, 12, 8),
            note="Met the named GP for safeguarding.",
        )
    assert "agency" in caught.value.fields
    record = services.evidence_record_create(
        inspection=inspection,
        user=cqc_inspector,
        agency=agency,
        source="interview",
        date=datetime.date(2015, 12, 8),
        note="Met the named GP for safeguarding.",
        areas=[area],
    )
    assert list(record.areas.all()) == [area]
    judgement = judgement_of(inspection, "cqc", "help_and_protection")
    assert selectors.judgement_evidence(judgement) == [record]


@pytest.mark.parametrize(
    "reference, ok",
    [
        ("HAR-0042", True),
        ("WM-1", True),
        ("LSCB-123456", True),
        ("har-0042", False),
        ("H-0042", False),
        ("HARIN-0042", False),
        ("HAR0042", False),
        ("HAR-1234567", False),
        ("Jane Smith", False),
        ("", False),
    ],
)
def test_case_references_have_a_fixed_format(reference, ok):
    assert (services.case_reference_errors(reference) == []) is ok


def test_a_name_instead_of_a_reference_is_refused_as_a_name(inspection, cqc_inspector):
    with pytest.raises(ApplicationError) as caught:
        services.case_sample_create(
            inspection=inspection,
            user=cqc_inspector,
            reference="Jane Smith",
            kind=CaseKind.TRACKED,
            agencies=list(inspection.agencies.all()),
        )
    assert "not a name" in caught.value.fields["reference"][0]


def test_case_samples_assessments_and_their_summary(inspection, cqc_inspector):
    agencies = list(inspection.agencies.all()[:2])
    cases = [
        services.case_sample_create(
            inspection=inspection,
            user=cqc_inspector,
            reference=f"HAR-{n:04d}",
            kind=CaseKind.TRACKED if n < 3 else CaseKind.SAMPLED,
            agencies=agencies,
        )
        for n in range(5)
    ]
    with pytest.raises(ApplicationError) as caught:
        services.case_sample_create(
            inspection=inspection,
            user=cqc_inspector,
            reference="HAR-0001",
            kind=CaseKind.TRACKED,
            agencies=agencies,
        )
    assert "already" in caught.value.fields["reference"][0]
    with pytest.raises(ApplicationError):
        services.case_assessments_record(
            case=cases[0], user=cqc_inspector, assessments={"nonsense": {"outcome": "met"}}
        )
    with pytest.raises(ApplicationError):
        services.case_assessments_record(
            case=cases[0], user=cqc_inspector, assessments={"child_voice": {"outcome": "great"}}
        )
    for case, outcome in zip(cases, ["met", "met", "not_met", "partly_met", ""], strict=True):
        services.case_assessments_record(
            case=case,
            user=cqc_inspector,
            assessments={"child_voice": {"outcome": outcome, "note": "Seen alone"}},
        )
    summary = selectors.case_sample_summary(inspection)
    assert (summary["total"], summary["tracked"], summary["sampled"]) == (5, 3, 2)
    assert summary["min_tracked"] == 0 and summary["tracked_needed"] == 0
    voice = next(c for c in summary["criteria"] if c["code"] == "child_voice")
    assert voice["outcomes"] == {"met": 2, "partly_met": 1, "not_met": 1, "not_applicable": 0}
    assert voice["assessed"] == 4
    # An empty outcome removes an assessment.
    services.case_assessments_record(
        case=cases[0], user=cqc_inspector, assessments={"child_voice": {"outcome": ""}}
    )
    assert not cases[0].assessments.exists()


def test_jtai_case_summary_counts_toward_five_tracked_cases(db, ofsted_inspector):
    inspection = make_inspection(framework="jtai")
    services.case_sample_create(
        inspection=inspection,
        user=ofsted_inspector,
        reference="NEG-0001",
        kind=CaseKind.TRACKED,
        agencies=[inspection.agencies.first()],
    )
    summary = selectors.case_sample_summary(inspection)
    assert (summary["min_tracked"], summary["tracked_needed"]) == (5, 4)


def test_shared_judgement_agreement_and_clearing(
    team,
    lead_inspector,
    cqc_inspector,
    hmicfrs_inspector,
    hmiprobation_inspector,
    django_capture_on_commit_callbacks,
):
    shared = team.shared_judgements.get()
    # Each participating inspectorate has a lead.
    for user in (cqc_inspector, hmicfrs_inspector):
        team.team.filter(user=user).update(role=TeamRole.INSPECTORATE_LEAD)
    add_member(team, hmiprobation_inspector, TeamRole.INSPECTORATE_LEAD)
    assert not selectors.shared_judgement_is_agreed(shared)
    shared, cleared = services.shared_judgement_save(
        shared=shared, user=lead_inspector, version=0, grade="good", text="The LSCB is effective."
    )
    assert (shared.version, cleared) == (1, 0)
    for code, user in [
        ("ofsted", lead_inspector),
        ("cqc", cqc_inspector),
        ("hmicfrs", hmicfrs_inspector),
    ]:
        services.shared_judgement_agreement_record(
            shared=shared,
            user=user,
            inspectorate=Inspectorate.objects.get(code=code),
            agrees=True,
            comment="",
            version=1,
        )
    shared = selectors.shared_judgements_for(_access(lead_inspector, team))[0]
    assert not selectors.shared_judgement_is_agreed(shared)  # HMI Probation has not agreed
    with pytest.raises(ApplicationError) as caught:
        services.shared_judgement_agreement_record(
            shared=shared,
            user=hmiprobation_inspector,
            inspectorate=Inspectorate.objects.get(code="hmiprobation"),
            agrees=False,
            comment="",
            version=1,
        )
    assert "comment" in caught.value.fields
    services.shared_judgement_agreement_record(
        shared=shared,
        user=hmiprobation_inspector,
        inspectorate=Inspectorate.objects.get(code="hmiprobation"),
        agrees=True,
        comment="",
        version=1,
    )
    shared = selectors.shared_judgements_for(_access(lead_inspector, team))[0]
    assert selectors.shared_judgement_is_agreed(shared)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        shared, cleared = services.shared_judgement_save(
            shared=shared,
            user=lead_inspector,
            version=1,
            grade="requires_improvement",
            text="The LSCB is not yet effective.",
        )
    assert cleared == 4
    shared = selectors.shared_judgements_for(_access(lead_inspector, team))[0]
    assert not selectors.shared_judgement_is_agreed(shared)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        u.email for u in (cqc_inspector, hmicfrs_inspector, hmiprobation_inspector)
    )
    assert "agree it again" in mail.outbox[0].subject
    # Agreeing with a version that is no longer current is refused.
    with pytest.raises(services.StaleVersionError):
        services.shared_judgement_agreement_record(
            shared=shared,
            user=cqc_inspector,
            inspectorate=Inspectorate.objects.get(code="cqc"),
            agrees=True,
            comment="",
            version=1,
        )


def test_shared_text_is_required(team, lead_inspector):
    with pytest.raises(ApplicationError) as caught:
        services.shared_judgement_save(
            shared=team.shared_judgements.get(), user=lead_inspector, version=0, text=" "
        )
    assert "text" in caught.value.fields


def _access(user, inspection):
    from inspections.recording.permissions import access_for

    return access_for(user, inspection)


def test_inspection_status_choices_used_by_permissions_exist():
    assert {Status.FIELDWORK, Status.EVIDENCE_CLOSED, Status.MODERATION}


def test_shared_agreement_is_also_asked_through_services(team, lead_inspector):
    shared = team.shared_judgements.get()
    assert services.shared_judgement_is_agreed(shared) is False
    shared, _ = services.shared_judgement_save(
        shared=shared, user=lead_inspector, version=0, text="Drafted."
    )
    team.inspectorates.set(Inspectorate.objects.filter(code="ofsted"))
    services.shared_judgement_agreement_record(
        shared=shared,
        user=lead_inspector,
        inspectorate=Inspectorate.objects.get(code="ofsted"),
        agrees=True,
        version=1,
    )
    shared = SharedJudgement.objects.get(pk=shared.pk)
    assert services.shared_judgement_is_agreed(shared) is True
