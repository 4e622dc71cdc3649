"""A child's name never reaches a published report: a name the team holds for the inspection
(the area's files marked "contains names", names written into case records) or a name
introduced as a child's, refused with the section and the offending text named."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from inspections.information.models import RequestItem, RequestUpload
from inspections.models import CaseSample
from jtai import clock
from reports.assembly import assemble_report
from reports.case_names import inspection_case_names, names_in_file, names_in_text
from reports.models import JobStatus, ReportJob, ReportVersion
from reports.privacy import PublicationRefused, inspection_snapshot_check, text_problem
from reports.services import report_draft_update

pytestmark = pytest.mark.django_db

CSV = (
    b"Case reference;Child's name;Date of referral\n"
    b"HAR-0001;Amelia HARTLEY;03/10/2017\n"
    b"HAR-0002;Kacper Nowak;05/10/2017\n"
)


def _xlsx(rows: list[list[str]], prolog: str = "") -> bytes:
    shared = [v for row in rows for v in row]
    strings = "".join(f"<si><t>{v}</t></si>" for v in shared)
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    body, index = [], 0
    for r, row in enumerate(rows, 1):
        cells = ""
        for c, _ in enumerate(row):
            cells += f'<c r="{chr(65 + c)}{r}" t="s"><v>{index}</v></c>'
            index += 1
        body.append(f'<row r="{r}">{cells}</row>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml", f"{prolog}<sst {ns}>{strings}</sst>")
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {ns}><sheetData>{''.join(body)}</sheetData></worksheet>",
        )
    return out.getvalue()


def test_the_name_columns_of_a_csv_and_an_excel_file_are_read():
    assert names_in_file(CSV, "csv") == {"Amelia", "Hartley", "Kacper", "Nowak"}
    rows = [["Ref", "Forename", "Surname", "Notes"], ["HAR-9", "Tia", "Okafor", "Seen Monday"]]
    assert names_in_file(_xlsx(rows), "xlsx") == {"Tia", "Okafor"}
    assert names_in_file(b"%PDF-1.7 ...", "pdf") == set()  # free text: no columns to read


def test_an_excel_part_with_a_document_type_is_not_parsed():
    data = _xlsx([["Name"], ["Tia"]], prolog='<!DOCTYPE sst [<!ENTITY a "Tia">]>')
    with pytest.raises(ValueError):
        names_in_file(data, "xlsx")


def test_a_name_introduced_in_case_text_is_found():
    assert names_in_text("The child, named Kacey, was seen; known as Kace at school.") == {
        "Kacey",
        "Kace",
    }
    assert names_in_text("The strategy meeting was held late.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "A girl called Amy went missing three times.",
        "The child's name is Amy.",
        "Amy, aged 7, was not seen for a month.",
        "One teenager (Jay (aged 15)) was seen.",
        "The boy, known as Jay, was seen by a nurse.",
    ],
)
def test_a_name_introduced_as_a_childs_is_refused(text):
    assert text_problem(text)[1] == "which looks like a child's name"


@pytest.mark.parametrize(
    "text",
    [
        "Children aged 10 to 17 were seen within 24 hours.",
        "Children, aged 10 to 17, were seen within 24 hours.",
        "The multi-agency safeguarding hub, known as the MASH, works well with Early Help.",
        "Young people known as Early Help cases waited too long.",
        "A teenager who had been missing from home several times was seen the same day.",
        "The report was published on 30 January 2018 in May.",
    ],
)
def test_ordinary_report_prose_passes(text):
    assert text_problem(text) is None


def _upload(inspection, data: bytes, name: str, kind: str, contains_names: bool):
    item = RequestItem.objects.create(
        inspection=inspection,
        code=name.replace(".", "-"),
        due_working_day=1,
        title="List of children",
        due_date=clock.today(),
        source="Test",
    )
    upload = RequestUpload(
        item=item,
        original_name=name,
        kind=kind,
        size=len(data),
        sha256="0" * 64,
        uploaded_at=clock.now(),
        contains_names=contains_names,
    )
    upload.file.save(name, ContentFile(data), save=False)
    upload.save()
    return upload


def test_a_name_from_the_areas_list_of_children_cannot_be_published(inspection, settings, tmp_path):
    settings.JTAI_PRIVATE_ROOT = tmp_path / "private"
    _upload(inspection, CSV, "children.csv", "csv", contains_names=True)
    # A file not marked as naming children is not read for names.
    _upload(inspection, b"Name\nLeeds\n", "teams.csv", "csv", contains_names=False)
    assert inspection_case_names(inspection.pk) == {"Amelia", "Hartley", "Kacper", "Nowak"}
    report_draft_update(
        inspection=inspection,
        user=inspection.leads["ofsted"],
        key_findings="Leaders in Leeds know their services. Amelia waited too long for help.",
    )
    with pytest.raises(PublicationRefused) as refused:
        inspection_snapshot_check(assemble_report(inspection.pk))
    assert refused.value.section == "Key findings"
    assert refused.value.text == "Amelia"
    assert "a name in this inspection's case data" in refused.value.message


def test_a_name_in_a_case_sample_fails_the_job_with_the_section_named(
    inspection, lead_client, django_capture_on_commit_callbacks
):
    CaseSample.objects.filter(inspection=inspection, pk=inspection.case_samples.first().pk).update(
        summary="Older note: the child named Kacey was known to the police."
    )
    report_draft_update(
        inspection=inspection,
        user=inspection.leads["ofsted"],
        key_findings="When Kacey was referred, the front door responded well.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(reverse("reports:generate", args=[inspection.pk]), {"kind": "draft"})
    job = ReportJob.objects.get(inspection=inspection)
    assert job.status == JobStatus.FAILED
    assert "“Key findings” contains “Kacey”" in job.error
    assert not ReportVersion.objects.filter(inspection=inspection).exists()


def test_a_letters_addressees_may_share_a_word_with_a_childs_name():
    from reports.privacy import snapshot_check

    snapshot = {
        "inspection_id": 1,
        "sections": [
            {"key": "addressees", "kind": "addressees", "text": "Miriam Hart, Chair"},
            {"key": "case-studies", "kind": "case_studies", "text": "A girl waited."},
        ],
        "letter": {"addressees": [{"name": "Miriam Hart", "role": "Chair"}]},
    }
    snapshot_check(snapshot, names={"Hart", "Tia"})  # the addressees are adults, named
    snapshot["sections"][1]["text"] = "Tia Hart waited."
    with pytest.raises(PublicationRefused) as refused:
        snapshot_check(snapshot, names={"Hart", "Tia"})
    assert refused.value.text == "Tia"
