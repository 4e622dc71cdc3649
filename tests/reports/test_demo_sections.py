"""The demo's letters are written section by section and their factual-accuracy comments
answered through the services: Haringey's accepted by correcting the headline findings (in the
final version, not the factual-accuracy one), the past inspections' rejected with a reason."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from inspections.models import Inspection
from reports.models import (
    FactualAccuracyComment,
    ReportSectionRevision,
    SectionStatus,
    VersionKind,
)

pytestmark = pytest.mark.django_db


def _section_text(version, key):
    return next(s["text"] for s in version.snapshot["sections"] if s["key"] == key)


@override_settings(DEMO_MODE=True)
def test_demo_letters_have_sections_and_answered_comments():
    call_command("seed_demo", stdout=io.StringIO())
    haringey = Inspection.objects.get(reference="demo-published")
    sections = {s.key: s for s in haringey.report_sections.all()}
    assert "case-studies" in sections and "deep dive" in sections["scope"].text
    assert all(s.status == SectionStatus.AGREED for s in sections.values())
    comment = FactualAccuracyComment.objects.get(request__version__inspection=haringey)
    assert comment.response == FactualAccuracyComment.Response.ACCEPTED
    revision = ReportSectionRevision.objects.get(comment=comment)
    assert revision.section.key == "headline-findings"
    fa = haringey.report_versions.get(kind=VersionKind.FACTUAL_ACCURACY)
    final = haringey.report_versions.get(kind=VersionKind.FINAL)
    assert "opened in 2016" in _section_text(fa, "headline-findings")
    assert "opened in 2015" in _section_text(final, "headline-findings")

    past = FactualAccuracyComment.objects.filter(
        request__version__inspection__reference__startswith="demo-past-"
    )
    assert past.exists()
    assert all(
        c.response == FactualAccuracyComment.Response.REJECTED and c.response_note for c in past
    )

    # Haringey's agencies as they were in December 2017: the National Probation Service and the
    # CRC, the clinical commissioning groups; not today's names.
    names = {a["name"] for a in final.snapshot["agencies"]}
    assert any(n.endswith("clinical commissioning groups") for n in names)
    assert any(n.startswith("National Probation Service") for n in names)
    assert not {n for n in names if "Integrated Care Board" in n or "Partnership" in n}


def _pdf_text(version) -> str:
    import pdfplumber

    with version.pdf.open("rb") as f, pdfplumber.open(io.BytesIO(f.read())) as pdf:
        return " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())


@override_settings(DEMO_MODE=True)
def test_demo_summary_and_agency_report_is_a_hypothetical_future_run():
    from jtai import clock
    from reports.demo_hypothetical import CORRECTION
    from reports.models import Publication, SectionKind

    call_command("seed_demo", stdout=io.StringIO())
    run = Inspection.objects.get(reference="demo-hypothetical-report")
    assert run.framework_version.report_form == "summary_and_agency"
    assert "Hypothetical run" in run.framework_version.method
    # Future dates, never history: on site later, and not in the public register.
    assert run.window_start > clock.today()
    assert run.status == "factual_accuracy"
    assert not Publication.objects.filter(inspection=run).exists()

    sections = {s.key: s for s in run.report_sections.select_related("agency__agency_type")}
    agencies = [s for s in sections.values() if s.kind == SectionKind.AGENCY]
    assert len(agencies) >= 4 and "key-findings" in sections
    assert all(s.status == SectionStatus.AGREED for s in sections.values())
    for section in agencies:  # pre-filled from the judgements, then edited by its writer
        prefill, edit = section.revisions.order_by("version")[:2]
        assert prefill.version == 0 and "Key strengths" in prefill.text
        assert "Inspectors met" not in prefill.text
        assert edit.text.startswith("Inspectors met") and prefill.text in edit.text
        assert edit.by.inspectorate_id == section.inspectorate_id

    accepted, rejected = FactualAccuracyComment.objects.filter(
        request__version__inspection=run
    ).order_by("pk")
    assert accepted.response == FactualAccuracyComment.Response.ACCEPTED
    revision = ReportSectionRevision.objects.get(comment=accepted)
    assert revision.section.agency.agency_type.code == "police"
    assert rejected.response == FactualAccuracyComment.Response.REJECTED
    assert rejected.response_note

    fa = run.report_versions.get(kind=VersionKind.FACTUAL_ACCURACY)
    final = run.report_versions.get(kind=VersionKind.FINAL)
    police = revision.section.key
    wrong, right = CORRECTION
    assert wrong in _section_text(fa, police) and right in _section_text(final, police)
    fa_pdf, final_pdf = _pdf_text(fa), _pdf_text(final)
    assert wrong in fa_pdf and right not in fa_pdf
    assert right in final_pdf and wrong not in final_pdf
    # The rejected comment changed nothing: the key findings are the same in both versions.
    assert _section_text(fa, "key-findings") == _section_text(final, "key-findings")
