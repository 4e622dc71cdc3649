"""A report of each form written section by section, agreed by the leads, sent for factual
accuracy, corrected where a comment is accepted (and not where one is rejected), then the final
version read back from its PDF."""

import io

import pdfplumber
import pytest

from inspections.models import Status
from jtai.exceptions import ApplicationError
from reports.factories import agree_report_sections, build_inspection
from reports.models import FactualAccuracyComment, ReportSectionRevision, VersionKind
from reports.services import (
    factual_accuracy_comment_record,
    factual_accuracy_comment_respond,
    factual_accuracy_send,
    report_render_now,
    report_section_save,
    report_sections_ensure,
)
from reports.services.sections import KEY_FINDINGS_KEYS

pytestmark = pytest.mark.django_db

RECIPIENTS = [{"name": "Dana Director", "role": "DCS", "email": "dana@example.test"}]


def pdf_text(version) -> str:
    with version.pdf.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


@pytest.mark.parametrize(
    ("framework", "form", "other_key"),
    [
        ("integrated-2015", "summary_and_agency", "partnership-improvements"),
        ("jtai", "letter", "case-studies"),
    ],
)
def test_accepted_correction_reaches_the_final_pdf_only(framework, form, other_key):
    inspection = build_inspection(framework=framework, cases=2)
    assert inspection.framework_version.report_form == form
    lead = inspection.leads["ofsted"]
    sections = {s.key: s for s in report_sections_ensure(inspection=inspection)}
    findings = sections[KEY_FINDINGS_KEYS[form]]
    findings = report_section_save(
        section=findings,
        user=lead,
        version=findings.version,
        text="The front door opened in Ashdownmarch.\n\nLeaders know their services well.",
    )
    other = sections[other_key]
    other = report_section_save(
        section=other,
        user=lead,
        version=other.version,
        text="One child's plan was reviewed quickly after a missed appointment.",
    )

    # Sending is refused until every section is agreed by the leads it concerns.
    fa = report_render_now(inspection=inspection, user=lead, kind=VersionKind.FACTUAL_ACCURACY)
    with pytest.raises(ApplicationError, match="Every section must be agreed"):
        factual_accuracy_send(version=fa, user=lead, recipients=RECIPIENTS)
    agree_report_sections(inspection)
    request = factual_accuracy_send(version=fa, user=lead, recipients=RECIPIENTS)
    inspection.refresh_from_db()
    assert inspection.status == Status.FACTUAL_ACCURACY

    accepted = factual_accuracy_comment_record(
        request=request,
        user=lead,
        from_name="Dana Director",
        section=findings.title,
        comment="The front door opened in Ravenscroftmay, not Ashdownmarch.",
    )
    rejected = factual_accuracy_comment_record(
        request=request,
        user=lead,
        from_name="Dana Director",
        section=other.title,
        comment="Say the plan was Blackwoodexemplary.",
    )
    # The lead edits the section to apply the accepted correction: the save answers it.
    findings.refresh_from_db()
    factual_accuracy_comment_respond(
        comment=accepted,
        user=lead,
        response=FactualAccuracyComment.Response.ACCEPTED,
        note="Corrected.",
        section=findings,
        version=findings.version,
        text=findings.text.replace("Ashdownmarch", "Ravenscroftmay"),
    )
    with pytest.raises(ApplicationError, match="reason"):
        factual_accuracy_comment_respond(
            comment=rejected,
            user=lead,
            response=FactualAccuracyComment.Response.REJECTED,
            note="",
        )
    factual_accuracy_comment_respond(
        comment=rejected,
        user=lead,
        response=FactualAccuracyComment.Response.REJECTED,
        note="The evidence from the case file does not support it.",
    )
    revision = ReportSectionRevision.objects.get(comment=accepted)
    assert revision.section_id == findings.pk and "Ravenscroftmay" in revision.text
    assert not ReportSectionRevision.objects.filter(comment=rejected).exists()

    final = report_render_now(inspection=inspection, user=lead, kind=VersionKind.FINAL)
    fa_text, final_text = pdf_text(fa), pdf_text(final)
    assert "Ashdownmarch" in fa_text and "Ravenscroftmay" not in fa_text
    assert "Ravenscroftmay" in final_text and "Ashdownmarch" not in final_text
    assert "Blackwoodexemplary" not in final_text and "Blackwoodexemplary" not in fa_text
    assert "One child's plan was reviewed quickly" in final_text
    assert [s["key"] for s in final.snapshot["sections"]][:1] == [
        "key-findings" if form == "summary_and_agency" else "addressees"
    ]
