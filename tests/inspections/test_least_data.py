"""Least data: a child's name or date of birth is refused in every free-text field that reaches
case records, and a file the area marks "contains names" is seen only by the lead and the
inspector assigned to its case (the lead and admins when it has no case)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Role, User
from inspections.fieldwork import services as fieldwork
from inspections.information import services as information
from inspections.information.models import RequestUpload
from inspections.models import CaseKind, CaseTrackingQuestion, Inspection, Status, Theme
from inspections.recording import services as recording
from inspections.recording.least_data import personal_details_errors
from inspections.services import transitions
from jtai import clock
from jtai.exceptions import ApplicationError

from .information.conftest import NOTIFIED_ON
from .information.test_checks import pdf_bytes

pytestmark = pytest.mark.django_db
NAMES = [
    "Child named Jamie was seen at home",
    "first name: Jo",
    "The child's name is Sam",
    "Surname Smith",
    "Known as Riley to staff",
]
BIRTH_DATES = ["DOB 12/03/2010", "d.o.b. 1 May 2009", "Born on 3 May 2010", "date of birth 2010"]
FINE = [
    "Interview with the designated nurse about missed health assessments.",
    "Met the named GP for safeguarding.",
    "The social worker called the school; HAR-0042 has a plan.",
    "Newborn baby seen by the health visitor.",
    "The full name was not recorded on the referral.",
]


@pytest.mark.parametrize("text", NAMES)
def test_a_name_is_refused_with_a_clear_message(text):
    [message] = personal_details_errors(text, what="the note")
    assert message.startswith("Do not write a child's name in the note")
    assert "HAR-0042" in message


@pytest.mark.parametrize("text", BIRTH_DATES)
def test_a_date_of_birth_is_refused(text):
    [message] = personal_details_errors(text, what="the note")
    assert message.startswith("Do not write a child's date of birth in the note")


@pytest.mark.parametrize("text", FINE)
def test_ordinary_notes_pass(text):
    assert personal_details_errors(text) == []


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.JTAI_PRIVATE_ROOT = tmp_path / "private"
    settings.JTAI_CLAMD_SOCKET = ""
    settings.JTAI_CLAMD_HOST = ""


@pytest.fixture
def area_contact(db):
    return User.objects.create_user(
        "pat.contact@haringey.example",
        email="pat.contact@haringey.example",
        role=Role.AREA_CONTACT,
        first_name="Pat",
        last_name="Contact",
    )


@pytest.fixture
def notified(full_team, admin, area_contact):
    information.inspection_contact_nominate(
        inspection=full_team,
        by=admin,
        email=area_contact.email,
        first_name="Pat",
        last_name="Contact",
    )
    with clock.travel_to(NOTIFIED_ON):
        transitions.inspection_transition(inspection=full_team, verb="notify", by=admin)
    full_team.refresh_from_db()
    return full_team


@pytest.fixture
def tracked(full_team, lead_inspector):
    full_team.theme = Theme.objects.get(code="neglect")
    full_team.save(update_fields=["theme"])
    Inspection.objects.filter(pk=full_team.pk).update(status=Status.FIELDWORK)
    full_team.refresh_from_db()
    return fieldwork.tracked_case_add(
        inspection=full_team,
        user=lead_inspector,
        reference="HAR-0042",
        age=12,
        plan_type="child_protection",
    )


def test_case_sample_summaries_and_assessment_notes_refuse_names(full_team, lead_inspector):
    agencies = list(full_team.agencies.all()[:1])
    with pytest.raises(ApplicationError) as refused:
        recording.case_sample_create(
            inspection=full_team,
            user=lead_inspector,
            reference="HAR-0042",
            kind=CaseKind.SAMPLED,
            agencies=agencies,
            summary="Child named Jamie, on a plan",
        )
    assert "name" in refused.value.fields["summary"][0]
    case = recording.case_sample_create(
        inspection=full_team,
        user=lead_inspector,
        reference="HAR-0042",
        kind=CaseKind.SAMPLED,
        agencies=agencies,
        summary="On a child protection plan",
    )
    criterion = full_team.framework_version.case_criteria.first()
    with pytest.raises(ApplicationError) as refused:
        recording.case_assessments_record(
            case=case,
            user=lead_inspector,
            assessments={criterion.code: {"outcome": "met", "note": "DOB 12/03/2010"}},
        )
    assert "date of birth" in refused.value.fields[criterion.code][0]


def test_evidence_naming_a_case_refuses_names(full_team, cqc_inspector):
    values = {
        "inspection": full_team,
        "user": cqc_inspector,
        "agency": full_team.agencies.get(agency_type__code="health"),
        "source": "case_file",
        "date": datetime.date(2015, 12, 8),
    }
    with pytest.raises(ApplicationError) as refused:
        recording.evidence_record_create(
            **values, note="HAR-0042: the child's name is Sam, the plan drifted"
        )
    assert "name" in refused.value.fields["note"][0]
    record = recording.evidence_record_create(
        **values, note="HAR-0042: the plan drifted for six months"
    )
    assert record.pk


def test_case_tracking_answers_and_the_audit_refuse_names(tracked, lead_inspector):
    question = CaseTrackingQuestion.objects.filter(theme=tracked.inspection.theme).first()
    agency = tracked.inspection.agencies.first()
    with pytest.raises(ApplicationError) as refused:
        fieldwork.case_answers_record(
            case=tracked,
            agency=agency,
            user=lead_inspector,
            answers={question.code: "Yes: first name: Jo was seen weekly"},
        )
    assert "name" in refused.value.fields[question.code][0]
    for field, values in (
        ("partnership_audit", {"partnership_audit": "Born on 3 May 2010; plan drift"}),
        (
            "comment",
            {
                "partnership_audit": "Drift in the plan",
                "evaluation": "inadequate",
                "comment": "Child named Jamie was missed",
            },
        ),
    ):
        with pytest.raises(ApplicationError) as refused:
            fieldwork.case_audit_record(case=tracked, user=lead_inspector, **values)
        assert "Do not write a child's" in refused.value.fields[field][0]


def test_the_audit_page_shows_the_message(client, tracked, ofsted_inspector):
    client.force_login(ofsted_inspector)
    url = reverse("inspections:fieldwork:case", args=[tracked.inspection_id, tracked.pk])
    response = client.post(
        url, {"partnership_audit": "DOB 12/03/2010", "evaluation": "", "comment": ""}
    )
    assert response.status_code == 400
    assert "Do not write a child&#x27;s date of birth in the audit" in response.text


# --- uploads marked "contains names" ---------------------------------------------------------


def _send(contact, inspection, *, contains_names, case_reference=""):
    item = inspection.request_items.order_by("order").first()
    return information.request_upload_add(
        item=item,
        upload=SimpleUploadedFile("children.pdf", pdf_bytes(), "application/pdf"),
        by=contact,
        contains_names=contains_names,
        case_reference=case_reference,
    )


def _sees(client, user, upload) -> tuple[int, bool]:
    client.force_login(user)
    page = client.get(reverse("inspections:information:request", args=[upload.item.inspection_id]))
    download = reverse("inspections:information:download", args=[upload.pk])
    return client.get(download).status_code, download in page.text


def test_a_file_with_names_for_a_case_is_seen_by_the_lead_and_the_cases_inspector(
    client, notified, area_contact, lead_inspector, ofsted_inspector, cqc_inspector, admin
):
    recording.case_sample_create(
        inspection=notified,
        user=cqc_inspector,
        reference="HAR-0042",
        kind=CaseKind.SAMPLED,
        agencies=list(notified.agencies.all()[:1]),
    )
    upload = _send(area_contact, notified, contains_names=True, case_reference="HAR-0042")
    assert (upload.contains_names, upload.case_reference) == (True, "HAR-0042")
    assert _sees(client, lead_inspector, upload) == (200, True)
    assert _sees(client, cqc_inspector, upload) == (200, True)
    assert _sees(client, ofsted_inspector, upload) == (404, False)
    assert _sees(client, admin, upload) == (404, False)


def test_a_file_with_names_and_no_case_is_seen_by_the_lead_and_admins(
    client, notified, area_contact, lead_inspector, ofsted_inspector, admin
):
    upload = _send(area_contact, notified, contains_names=True)
    assert _sees(client, lead_inspector, upload) == (200, True)
    assert _sees(client, admin, upload) == (200, True)
    assert _sees(client, ofsted_inspector, upload) == (404, False)


def test_a_file_without_names_is_seen_by_the_team(client, notified, area_contact, ofsted_inspector):
    upload = _send(area_contact, notified, contains_names=False)
    assert _sees(client, ofsted_inspector, upload) == (200, True)


def test_the_contact_marks_a_file_on_the_page(client, notified, area_contact):
    client.force_login(area_contact)
    item = notified.request_items.order_by("order").first()
    prefix = f"item-{item.pk}"
    url = reverse("inspections:information:upload", args=[notified.pk, item.pk])
    refused = client.post(
        url,
        {
            f"{prefix}-file": SimpleUploadedFile("a.pdf", pdf_bytes(), "application/pdf"),
            f"{prefix}-contains_names": "on",
            f"{prefix}-case_reference": "Jamie Smith",
        },
    )
    assert refused.status_code == 400 and "not a name" in refused.text
    assert not RequestUpload.objects.exists()
    sent = client.post(
        url,
        {
            f"{prefix}-file": SimpleUploadedFile("a.pdf", pdf_bytes(), "application/pdf"),
            f"{prefix}-contains_names": "on",
            f"{prefix}-case_reference": "HAR-0042",
        },
    )
    assert sent.status_code == 302
    stored = RequestUpload.objects.get()
    assert (stored.contains_names, stored.case_reference) == (True, "HAR-0042")
