import io

import pytest

from inspections.demo import milestones
from inspections.factories import add_member, make_inspection
from inspections.models import JudgementRevision, JudgementStatus, Status, TeamRole
from inspections.recording import demo, selectors
from inspections.recording.permissions import access_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_inspections(
    lead_inspector,
    ofsted_inspector,
    cqc_inspector,
    hmicfrs_inspector,
    hmiprobation_inspector,
    django_user_model,
):
    made = {}
    for reference, status in (
        ("demo-fieldwork", Status.FIELDWORK),
        ("demo-moderation", Status.MODERATION),
        ("demo-published", Status.PUBLISHED),
    ):
        inspection = make_inspection(status=status)
        inspection.reference = reference
        inspection.save(update_fields=["reference"])
        add_member(inspection, lead_inspector, TeamRole.OVERALL_LEAD)
        add_member(inspection, ofsted_inspector)
        add_member(inspection, cqc_inspector, TeamRole.INSPECTORATE_LEAD)
        add_member(inspection, hmicfrs_inspector, TeamRole.INSPECTORATE_LEAD)
        add_member(inspection, hmiprobation_inspector, TeamRole.INSPECTORATE_LEAD)
        made[reference] = inspection
    return made


def test_demo_seed_fills_the_demo_inspections_idempotently(demo_inspections, lead_inspector):
    out = io.StringIO()
    demo.seed(out)
    fieldwork = demo_inspections["demo-fieldwork"]
    statuses = set(fieldwork.judgements.values_list("status", flat=True))
    assert {
        JudgementStatus.COMPLETED,
        JudgementStatus.IN_PROGRESS,
        JudgementStatus.NOT_STARTED,
    } <= statuses
    assert fieldwork.evidence.count() > 10 and fieldwork.case_samples.count() >= 5
    for reference in ("demo-moderation", "demo-published"):
        inspection = demo_inspections[reference]
        assert not inspection.judgements.exclude(status=JudgementStatus.COMPLETED).exists()
        assert all(j.strengths and j.improvements and j.grade for j in inspection.judgements.all())
        shared = selectors.shared_judgements_for(access_for(lead_inspector, inspection))[0]
        assert selectors.shared_judgement_is_agreed(shared)
        summary = selectors.case_sample_summary(inspection)
        assert summary["tracked"] >= 5 and all(c["assessed"] for c in summary["criteria"])

    before = {
        ref: (
            i.judgements.filter(version__gt=0).count(),
            i.evidence.count(),
            i.case_samples.count(),
        )
        for ref, i in demo_inspections.items()
    }
    demo.seed(io.StringIO())
    after = {
        ref: (
            i.judgements.filter(version__gt=0).count(),
            i.evidence.count(),
            i.case_samples.count(),
        )
        for ref, i in demo_inspections.items()
    }
    assert before == after
    assert "demo-fieldwork" in out.getvalue()


def test_demo_seed_without_the_demo_inspections_does_nothing(db):
    out = io.StringIO()
    demo.seed(out)
    assert "skipped" in out.getvalue()


def test_demo_seed_records_at_the_story_times_then_starts_moderation(
    lead_inspector, ofsted_inspector, cqc_inspector, hmicfrs_inspector, hmiprobation_inspector
):
    inspection = make_inspection(status=Status.FIELDWORK)
    inspection.reference = "demo-moderation"
    inspection.save(update_fields=["reference"])
    add_member(inspection, lead_inspector, TeamRole.OVERALL_LEAD)
    add_member(inspection, ofsted_inspector)
    add_member(inspection, cqc_inspector, TeamRole.INSPECTORATE_LEAD)
    add_member(inspection, hmicfrs_inspector, TeamRole.INSPECTORATE_LEAD)
    add_member(inspection, hmiprobation_inspector, TeamRole.INSPECTORATE_LEAD)

    demo.seed(io.StringIO())

    inspection.refresh_from_db()
    assert inspection.status == Status.MODERATION
    when = milestones(inspection)
    steps = [(t.verb, t.from_status, t.at, t.by) for t in inspection.transitions.order_by("at")]
    assert steps == [
        ("close_evidence", Status.FIELDWORK, when["close_evidence"], lead_inspector),
        ("start_moderation", Status.EVIDENCE_CLOSED, when["start_moderation"], lead_inspector),
    ]
    stamps = set(
        JudgementRevision.objects.filter(judgement__inspection=inspection).values_list(
            "at", flat=True
        )
    )
    assert stamps == {when["drafts"], when["complete"]}
    assert not inspection.evidence.filter(date__gt=when["drafts"].date()).exists()

    demo.seed(io.StringIO())  # a second run finds every step taken
    assert inspection.transitions.count() == 2
