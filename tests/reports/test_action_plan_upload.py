"""The written statement of action: only a real PDF within the limit is accepted, and only the
inspection team can download it."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from agencies.factories import person
from inspections.models import Status
from jtai.exceptions import ApplicationError
from reports.factories import build_inspection, publish_directly
from reports.models import ActionPlan

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def plan():
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    publication = publish_directly(inspection)
    type(inspection).objects.filter(pk=inspection.pk).update(status=Status.ACTION_PLAN_DUE)
    return ActionPlan.objects.create(
        publication=publication, due_date=timezone.localdate() + datetime.timedelta(days=30)
    )


def _upload(client, plan, data, name="plan.pdf"):
    inspection = plan.publication.inspection
    client.force_login(inspection.leads["ofsted"])
    return client.post(
        reverse("reports:action-plan", args=[inspection.pk]),
        {"document": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def test_a_body_that_is_not_a_pdf_is_refused_even_with_a_pdf_header(client, plan):
    response = _upload(client, plan, b"%PDF-1.4\n<html><script>alert(1)</script></html>")
    assert response.status_code == 400
    assert "must be a PDF" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "awaited" and not plan.document


def test_a_real_pdf_is_recorded(client, plan):
    response = _upload(client, plan, _pdf())
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "submitted" and plan.document


class NeverRead:
    """An upload that is too big: reading it would be a failure of the check."""

    name = "huge.pdf"
    content_type = "application/pdf"

    def __init__(self, size):
        self.size = size

    def read(self, *args):
        raise AssertionError("an over-size upload was read")

    def chunks(self, *args):
        raise AssertionError("an over-size upload was read")

    def open(self, *args):
        raise AssertionError("an over-size upload was read")


def test_an_over_size_upload_is_refused_without_reading_it(plan):
    from reports.services import ACTION_PLAN_MAX_BYTES, action_plan_submit

    with pytest.raises(ApplicationError) as refused:
        action_plan_submit(
            action_plan=plan,
            user=plan.publication.inspection.leads["ofsted"],
            document=NeverRead(ACTION_PLAN_MAX_BYTES + 1),
        )
    assert "smaller than 10 MB" in str(refused.value.fields)


def test_an_over_size_request_is_refused_before_its_body_is_parsed(client, plan):
    from reports.services import ACTION_PLAN_MAX_BYTES

    inspection = plan.publication.inspection
    client.force_login(inspection.leads["ofsted"])
    body = b"x" * (ACTION_PLAN_MAX_BYTES + 200_000)
    response = client.generic(
        "POST",
        reverse("reports:action-plan", args=[inspection.pk]),
        body,
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 400
    assert "smaller than 10 MB" in response.content.decode()


def test_only_the_team_downloads_the_submitted_statement(client, plan):
    _upload(client, plan, _pdf())
    inspection = plan.publication.inspection
    url = reverse("reports:action-plan-document", args=[inspection.pk])

    client.force_login(inspection.leads["cqc"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

    client.force_login(person("another_inspector", "inspector", "ofsted"))
    assert client.get(url).status_code == 404

    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_nothing_to_download_before_submission(client, plan):
    inspection = plan.publication.inspection
    client.force_login(inspection.leads["ofsted"])
    url = reverse("reports:action-plan-document", args=[inspection.pk])
    assert client.get(url).status_code == 404


def test_the_upload_still_needs_its_csrf_token(plan):
    from django.test import Client

    inspection = plan.publication.inspection
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(inspection.leads["ofsted"])
    response = browser.post(
        reverse("reports:action-plan", args=[inspection.pk]),
        {"document": SimpleUploadedFile("plan.pdf", _pdf(), content_type="application/pdf")},
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == "awaited"


def test_the_report_page_links_to_the_submitted_statement(client, plan):
    _upload(client, plan, _pdf())
    inspection = plan.publication.inspection
    page = client.get(reverse("reports:inspection", args=[inspection.pk])).content.decode()
    assert reverse("reports:action-plan-document", args=[inspection.pk]) in page
