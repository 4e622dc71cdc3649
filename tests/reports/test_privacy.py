"""Published reports never identify a child: no case reference, no date of birth, in any
version, page, PDF, feed entry or CSV row. Case references stay on the team's pages."""

import io
import re

import pdfplumber
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from inspections.models import CaseSample, Judgement, SharedJudgement
from inspections.recording.services.cases import CASE_REFERENCE
from reports.assembly import assemble_report
from reports.models import JobStatus, Publication, ReportJob, ReportVersion
from reports.privacy import (
    _CHILDS_NAME_WORDS,
    _DATE_OF_BIRTH_WORDS,
    CASE_REFERENCE_IN_TEXT,
    CHILDS_NAME,
    DATE_OF_BIRTH,
    PublicationRefused,
    snapshot_check,
    snapshot_texts,
    text_problem,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "As seen in HAR-0137, the referral was delayed.",
        "Case (WM-17) shows drift.",
        "The child, born 3 March 2012, was not seen.",
        "DOB: 03/03/2012.",
        "The child's date of birth (2012-03-03) was wrong on the record.",
        "A boy aged 7, on 14 February 2011 born, was seen.",
    ],
)
def test_text_that_identifies_a_child_is_found(text):
    assert text_problem(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "From 4 to 8 December 2017 inspectors visited Haringey.",
        "Children aged 10 to 17 were seen within 24 hours.",
        "The plan was reviewed on 3 March 2018.",
        "COVID-19 changed how visits were made.",
        "Police and partners (NHS Haringey CCG) share information.",
    ],
)
def test_ordinary_report_text_passes(text):
    assert text_problem(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "The child, born 3 March 2012, was not seen.",
        "Birthday: 3 March 2012.",
        "D.O.B 03/03/2012",
        "d.ob 03/03/2012",
        "Date of birth 2012-03-03",
        "BORN 3 MARCH 2012",
        "Aged 7 on 14/02/2018",
        "On 14 February 2011 she was born.",
        "March 3rd, 2012 birth registered",
        "A girl called Amy was seen.",
        "the boy, named Tom, was seen",
        "a sibling known as Jo",
        "Child's name: Amy",
        "first name is Amy",
        "Surname=Smith",
        "Amy, aged 7, was seen.",
        "Tom (aged 12) was seen.",
    ],
)
def test_the_quick_word_screens_never_hide_a_match(text):
    """The date-of-birth and child's-name patterns are only run on a text holding one of their
    words: every text either pattern matches holds one."""
    assert DATE_OF_BIRTH.search(text) or CHILDS_NAME.search(text)
    if DATE_OF_BIRTH.search(text):
        assert _DATE_OF_BIRTH_WORDS.search(DATE_OF_BIRTH.search(text).group(0))
    if CHILDS_NAME.search(text):
        assert _CHILDS_NAME_WORDS.search(CHILDS_NAME.search(text).group(0))
    assert text_problem(text) is not None


def test_the_recording_pattern_and_the_publication_check_agree():
    for reference in ("HAR-0042", "WM-17", "LSCB-000123"):
        assert CASE_REFERENCE.match(reference)
        assert CASE_REFERENCE_IN_TEXT.search(f"see {reference}.")


def test_the_snapshot_names_no_case(inspection):
    snapshot = assemble_report(inspection.pk)
    references = list(
        CaseSample.objects.filter(inspection=inspection).values_list("reference", flat=True)
    )
    assert references
    assert "cases" not in snapshot["case_samples"]
    text = repr(snapshot)
    assert not any(ref in text for ref in references)
    snapshot_check(snapshot, case_references=references)  # nothing to refuse
    assert snapshot["case_samples"]["total"] == len(references)  # the counts stay


def test_a_judgement_naming_a_case_cannot_be_published(inspection):
    judgement = Judgement.objects.filter(inspection=inspection).select_related("area").first()
    judgement.evidence_summary = "In one child's case, HAR-0137, the strategy meeting was late."
    judgement.save()
    snapshot = assemble_report(inspection.pk)
    with pytest.raises(PublicationRefused) as refused:
        snapshot_check(snapshot)
    assert "HAR-0137" in refused.value.message
    assert judgement.agency.name in refused.value.section
    assert judgement.area.title in refused.value.section


def test_the_inspections_own_reference_is_refused_whatever_its_shape(inspection):
    case = CaseSample.objects.filter(inspection=inspection).first()
    CaseSample.objects.filter(pk=case.pk).update(reference="legacy case 77b")
    shared = SharedJudgement.objects.filter(inspection=inspection).select_related("area").first()
    shared.text = "The partnership's work with Legacy Case 77B showed real care."
    shared.save()
    snapshot = assemble_report(inspection.pk)
    with pytest.raises(PublicationRefused) as refused:
        snapshot_check(snapshot, case_references=["legacy case 77b"])
    assert "Legacy Case 77B" in refused.value.message
    assert shared.area.title in refused.value.section


def test_a_date_of_birth_in_the_key_findings_fails_the_job_with_the_section_named(
    inspection, lead_client, django_capture_on_commit_callbacks
):
    from reports.services import report_draft_update

    report_draft_update(
        inspection=inspection,
        user=inspection.leads["ofsted"],
        key_findings="One child, born 12 May 2009, waited a year for help.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            reverse("reports:generate", args=[inspection.pk]), {"kind": "draft"}
        )
    assert response.status_code == 302
    job = ReportJob.objects.get(inspection=inspection)
    assert job.status == JobStatus.FAILED
    assert "Key findings" in job.error and "born 12 May 2009" in job.error
    assert not ReportVersion.objects.filter(inspection=inspection).exists()
    page = lead_client.get(reverse("reports:inspection", args=[inspection.pk])).content.decode()
    assert "“Key findings” contains “born 12 May 2009”" in page


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@override_settings(DEMO_MODE=True)
def test_nothing_the_demo_publishes_names_a_case(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # as in a real run: the editions
        call_command("seed_demo", stdout=io.StringIO())
    references = set(CaseSample.objects.values_list("reference", flat=True))
    assert references  # the demo has case samples: the team's pages show them

    def assert_clean(where, text):
        found = CASE_REFERENCE_IN_TEXT.findall(text) + [r for r in references if r in text]
        assert not found, f"{where} names {found}"

    register = client.get(reverse("reports:register"))
    assert register.status_code == 200
    assert_clean("the register", register.content.decode())
    publications = list(Publication.objects.select_related("version"))
    assert publications
    for publication in publications:
        if not publication.is_public:
            continue
        page = client.get(reverse("reports:detail", args=[publication.slug]))
        assert page.status_code == 200
        assert_clean(publication.slug, page.content.decode())
        pdf = client.get(reverse("reports:detail-pdf", args=[publication.slug]))
        text = _pdf_text(b"".join(pdf.streaming_content))
        assert_clean(f"{publication.slug}.pdf", text)
        # A published PDF reads like a published report: no demonstration text in it.
        assert "demonstration" not in text.lower()
        assert "Open Government Licence" in text
        published = timezone.localtime(publication.publish_at).date()
        assert f"Publication date {published.day} {published:%B %Y}" in " ".join(text.split())
    feed = client.get(reverse("reports:feed"))
    assert feed.status_code == 200
    assert_clean("the feed", feed.content.decode())
    rows = b"".join(client.get(reverse("reports:judgements-csv")).streaming_content).decode()
    assert len(rows.splitlines()) > 1
    assert_clean("the CSV", rows)
    # Every stored version passed the check, whatever its kind.
    for version in ReportVersion.objects.all():
        assert not re.search(CASE_REFERENCE_IN_TEXT, repr(version.snapshot))
        # Both ways: the demo's prose raises no child's name; with one written in, it does.
        for section, text in snapshot_texts(version.snapshot):
            assert text_problem(text) is None, f"{version}: {section}: {text_problem(text)}"
            middle = text.find(". ") + 2
            if middle > 1:
                named = f"{text[:middle]}A boy called Jayden was seen. {text[middle:]}"
                assert text_problem(named) == (
                    "boy called Jayden",
                    "which looks like a child's name",
                )
