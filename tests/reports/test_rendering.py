"""The PDF, read back: content, pages, tags, bookmarks, title and language."""

import io
import os

import pdfplumber
import pytest
from pypdf import PdfReader

from reports.assembly import assemble_report
from reports.factories import build_inspection
from reports.rendering import html_to_pdf, render_print_html, render_publication_html

pytestmark = pytest.mark.django_db


_CACHE: dict = {}


@pytest.fixture
def rendered():
    # Rendering takes seconds: once per module; the snapshot and PDF are plain values.
    if "result" in _CACHE:
        return _CACHE["result"]
    inspection = build_inspection(cases=8, paragraphs=2)
    snapshot = assemble_report(inspection.pk, key_findings="Leaders know their services well.")
    html = render_print_html(snapshot, version_label="Final version")
    pdf = html_to_pdf(html)
    if os.environ.get("JTAI_KEEP_PDF"):
        with open(os.environ["JTAI_KEEP_PDF"], "wb") as f:
            f.write(pdf.data)
    _CACHE["result"] = (snapshot, pdf)
    return snapshot, pdf


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_every_agencys_grades_and_narrative_are_in_the_pdf(rendered):
    snapshot, pdf = rendered
    text = " ".join(_text(pdf.data).split())
    assert "Leaders know their services well." in text
    for agency in snapshot["agencies"]:
        assert agency["name"] in text
        for j in agency["judgements"]:
            assert j["grade_label"] in text
            assert j["strengths"][0] in text
            assert j["improvements"][0] in text
    assert "The effectiveness of the Local Safeguarding Children Board" in text
    assert "Case-sample summary" in text


def test_pdf_pages_header_and_footer(rendered):
    snapshot, pdf = rendered
    reader = PdfReader(io.BytesIO(pdf.data))
    assert len(reader.pages) == pdf.page_count >= 8
    last = reader.pages[-1].extract_text()
    assert f"Page {pdf.page_count} of {pdf.page_count}" in last
    assert snapshot["title"][:30] in " ".join(reader.pages[3].extract_text().split())


def test_pdf_is_tagged_pdf_ua_with_title_language_and_bookmarks(rendered):
    snapshot, pdf = rendered
    reader = PdfReader(io.BytesIO(pdf.data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).lower() == "en-gb"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == snapshot["title"]
    assert b"pdfuaid:part" in reader.xmp_metadata.stream.get_data() if reader.xmp_metadata else True
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Contents" in outline and "Summary report" in outline
    for agency in snapshot["agencies"]:
        assert agency["name"] in outline
    structure = root["/StructTreeRoot"].get_object()
    assert structure["/K"]


def test_html_publication_has_the_grades_table(rendered):
    snapshot, _ = rendered
    html = render_publication_html(snapshot)
    assert '<table class="govuk-table report-grades">' in html
    assert "style=" not in html and "<script" not in html


def test_jtai_letter_pdf_is_addressed_ungraded_and_states_the_action_plan():
    import datetime

    inspection = build_inspection(framework="jtai", window_start=datetime.date(2018, 2, 5), cases=5)
    snapshot = assemble_report(inspection.pk, key_findings="Leaders act quickly on risk.")
    pdf = html_to_pdf(render_print_html(snapshot, version_label="Final version"))
    if os.environ.get("JTAI_KEEP_LETTER"):
        with open(os.environ["JTAI_KEEP_LETTER"], "wb") as f:
            f.write(pdf.data)
    text = " ".join(_text(pdf.data).split())
    assert "Letter of findings" in text and "Dear colleagues" in text
    assert "Dana Director, Director of children's services" in text
    assert "written statement of action" in text and "70 working days" in text
    for grade in ("Outstanding", "Requires improvement", "Inadequate"):
        assert grade not in text
    for agency in snapshot["agencies"]:
        assert agency["name"] in text
    reader = PdfReader(io.BytesIO(pdf.data))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Next steps" in outline
