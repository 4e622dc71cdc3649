"""The PDF reads like a published report: its cover, a restricted version's marking on one
line on every page, table captions never left at a page's foot, the copyright and Open
Government Licence page, and next steps; read back from the PDF itself."""

import datetime
import io
import re

import pdfplumber
import pytest
from django.utils import timezone
from pypdf import PdfReader

from reports.assembly import assemble_report
from reports.factories import build_inspection
from reports.rendering import html_to_pdf, render_print_html, version_marking

pytestmark = pytest.mark.django_db

MARKING = "Factual accuracy check: restricted, not for publication"
FOOT_MARGIN_PT = 24 / 25.4 * 72  # the page's bottom margin, where the footer is

_CACHE: dict = {}
# A JTAI letter's final version, published on 30 January 2018.
PUBLISHED = {"framework": "jtai", "kind": "final", "on": datetime.date(2018, 1, 30)}


def _render(key, *, framework="integrated-2015", paragraphs=2, kind="factual_accuracy", on=None):
    # Rendering takes seconds: each document once per module (plain values only).
    if key not in _CACHE:
        inspection = build_inspection(framework=framework, cases=4, paragraphs=paragraphs)
        snapshot = assemble_report(inspection.pk, key_findings="Leaders know their services.")
        html = render_print_html(
            snapshot, version_label="Version 1", marking=version_marking(kind), published_on=on
        )
        _CACHE[key] = (inspection, snapshot, html, html_to_pdf(html).data)
    return _CACHE[key]


def _pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_cover_states_what_a_published_report_does():
    inspection, snapshot, _, data = _render("published", **PUBLISHED)
    cover = _flat(_pages(data)[0])
    assert snapshot["title"] in cover
    assert (inspection.authority.official_name or inspection.authority.name) in cover
    assert f"Inspection dates {snapshot['dates']['window']}" in cover
    assert "Publication date 30 January 2018" in cover
    lead = inspection.leads["ofsted"]
    assert f"Lead inspector {lead.get_full_name()}" in cover
    # Each inspectorate under its name on the publication date (HMIC took on fire and rescue
    # services in July 2017).
    assert "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services" in cover
    assert "Care Quality Commission" in cover


def test_the_inspectorates_are_named_as_they_were_on_the_publication_date():
    inspection = build_inspection(framework="jtai", cases=1, paragraphs=1)
    snapshot = assemble_report(inspection.pk)
    earlier = render_print_html(snapshot, published_on=datetime.date(2016, 6, 1))
    later = render_print_html(snapshot, published_on=datetime.date(2018, 1, 30))
    assert "Constabulary and Fire &amp; Rescue" not in earlier.split("cover-title")[0]
    assert "Constabulary and Fire &amp; Rescue" in later.split("cover-title")[0]
    assert "Publication date</th><td>1 June 2016" in earlier


def test_an_unpublished_version_says_so_on_its_cover():
    _, _, _, data = _render("fa")
    cover = _flat(_pages(data)[0])
    assert "Publication date Not yet published" in cover
    assert "Version Version 1" in cover


def test_the_restricted_marking_is_one_line_on_every_page():
    _, _, _, data = _render("fa")
    pages = _pages(data)
    assert len(pages) > 5
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines()]
        assert MARKING in lines, f"page {number}: {lines[:3]}"
    # The running header is one line on every page after the cover.
    for number, text in enumerate(pages[1:], start=2):
        assert text.splitlines()[0].strip() == MARKING, f"page {number}"


def test_a_final_version_has_no_marking_and_numbers_its_pages():
    _, _, _, data = _render("published", **PUBLISHED)
    pages = _pages(data)
    assert not any(MARKING in text for text in pages)
    assert f"Page 2 of {len(pages)}" in pages[1]


def _captions(html: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", "", c).split())
        for c in re.findall(r"<caption[^>]*>(.*?)</caption>", html, re.S)
        if "govuk-visually-hidden" not in c
    ]


@pytest.mark.parametrize("paragraphs", [1, 2, 3, 4])
def test_no_caption_ends_a_page_without_its_table(paragraphs):
    _, _, html, data = _render(f"p{paragraphs}", paragraphs=paragraphs)
    captions = {c for c in _captions(html) if c}
    assert captions
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            body = page.crop((0, 0, page.width, page.height - FOOT_MARGIN_PT))
            lines = [line.strip() for line in (body.extract_text() or "").splitlines()]
            lines = [line for line in lines if line]
            if not lines:
                continue
            last = lines[-1]
            assert not any(last and caption.startswith(last) for caption in captions), (
                f"page {page.page_number} ends with the caption {last!r}"
            )


def test_there_is_a_copyright_and_open_government_licence_page():
    _, _, _, data = _render("published", **PUBLISHED)
    last = _flat(_pages(data)[-1])
    assert last.startswith("Copyright and reuse")
    assert "© Crown copyright 2018" in last
    assert "Open Government Licence" in last
    url = "www.nationalarchives.gov.uk/doc/open-government-licence/version/3"
    assert url in last.replace(" ", "")  # a long address wraps
    reader = PdfReader(io.BytesIO(data))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Copyright and reuse" in outline and "Next steps" in outline
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_a_letter_ends_with_next_steps_for_the_written_statement_of_action():
    _, snapshot, _, data = _render("published", **PUBLISHED)
    assert snapshot["letter"]["wsoa_required"]
    text = _flat("\n".join(_pages(data)))
    assert "Next steps" in text
    assert (
        f"within {snapshot['letter']['wsoa_working_days']} working days of the letter's "
        "publication" in text
    )


def test_no_demonstration_text_in_the_pdf():
    for key in ("fa", "published"):
        _, _, _, data = _render(key, **(PUBLISHED if key == "published" else {}))
        assert "demonstration" not in "\n".join(_pages(data)).lower()


def test_a_final_version_never_says_it_is_unpublished():
    # The final version is the one published: its cover carries no "not yet" and no version
    # label; the copyright year is the year it was made.
    from jtai import clock

    inspection = build_inspection(framework="jtai", cases=1, paragraphs=1)
    snapshot = assemble_report(inspection.pk)
    with clock.travel_to(datetime.date(2018, 1, 10)):
        html = render_print_html(snapshot, version_label="Final version", marking="")
    cover = html.split('<nav class="toc"')[0]
    assert "Not yet published" not in cover and "Final version" not in cover
    assert "© Crown copyright 2018" in html


def test_an_unpublished_cover_is_drawn_from_the_snapshot_alone(django_assert_num_queries):
    inspection = build_inspection(cases=1, paragraphs=1)
    snapshot = assemble_report(inspection.pk)
    with django_assert_num_queries(0):
        html = render_print_html(snapshot, version_label="Draft 1", marking="Draft")
    lead = inspection.leads["ofsted"]
    assert f"<td>{lead.get_full_name()}, Ofsted</td>" in html


def test_the_public_pdf_is_the_published_edition_dated_on_its_cover(
    client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from reports.factories import publish_directly

    inspection = build_inspection(framework="jtai", cases=1, paragraphs=1)
    moment = timezone.make_aware(datetime.datetime(2018, 1, 30, 9, 30))
    with django_capture_on_commit_callbacks(execute=True):
        publication = publish_directly(inspection, publish_at=moment)
    response = client.get(reverse("reports:detail-pdf", args=[publication.slug]))
    cover = _flat(_pages(b"".join(response.streaming_content))[0])
    assert "Publication date 30 January 2018" in cover
    assert publication.title in cover
    # The version itself is unchanged: the edition only dates its cover.
    assert publication.version.pdf.read() == b"%PDF-1.7\n"
