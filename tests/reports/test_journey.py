"""The report's journey as the lead: generate, factual accuracy, final, publish (embargo),
then the public register, PDF, Atom feed and CSV; the written statement of action."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from agencies.factories import person
from inspections.models import Judgement, Status
from reports.factories import agree_report_sections
from reports.models import ActionPlan, FactualAccuracyComment, Publication, ReportVersion

pytestmark = pytest.mark.django_db


def test_whole_journey(
    lead_client, inspection, client, generate_version, django_capture_on_commit_callbacks
):
    url = reverse("reports:inspection", args=[inspection.pk])
    assert lead_client.get(url).status_code == 200
    response = lead_client.post(
        reverse("reports:findings", args=[inspection.pk]),
        {"key_findings": "Children are safer than at the last inspection."},
    )
    assert response.status_code == 302

    draft = generate_version(lead_client, inspection, "draft")
    assert draft.label == "Draft 1"
    page = lead_client.get(url).content.decode()
    assert "Draft 1" in page
    pdf = lead_client.get(reverse("reports:version-pdf", args=[inspection.pk, draft.pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")

    # The findings change; a factual-accuracy version; the diff shows the change.
    lead_client.post(
        reverse("reports:findings", args=[inspection.pk]),
        {"key_findings": "Children are much safer than at the last inspection."},
    )
    fa = generate_version(lead_client, inspection, "factual_accuracy")
    diff = lead_client.get(
        reverse("reports:compare", args=[inspection.pk]),
        {"a": draft.pk, "b": fa.pk},
    ).content.decode()
    assert "+Children are much safer" in diff and "-Children are safer" in diff

    # Send to the area: emails with an expiring link (through Celery, after commit).
    agree_report_sections(inspection)
    contacts = [str(c.pk) for c in inspection.authority.contacts.all()]
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            reverse("reports:fa-send", args=[inspection.pk]),
            {"contacts": contacts},
        )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == Status.FACTUAL_ACCURACY
    assert len(mail.outbox) == len(contacts)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/factual-accuracy/" in line)
    anonymous = client.__class__()
    download = anonymous.get(link.replace(settings.SITE_URL, ""))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert anonymous.get("/reports/factual-accuracy/forged:token/").status_code == 404

    # A comment; the final version waits for a response.
    fa_request = fa.factual_accuracy_requests.get()
    response = lead_client.post(
        reverse("reports:fa-comment", args=[inspection.pk, fa_request.pk]),
        {"from_name": "", "comment": ""},
    )
    assert response.status_code == 400
    assert "Enter who the comment is from" in response.content.decode()
    lead_client.post(
        reverse("reports:fa-comment", args=[inspection.pk, fa_request.pk]),
        {"from_name": "Dana Director", "section": "Summary", "comment": "The date is wrong."},
    )
    comment = FactualAccuracyComment.objects.get()
    response = lead_client.post(
        reverse("reports:generate", args=[inspection.pk]), {"kind": "final"}
    )
    assert response.status_code == 400
    lead_client.post(
        reverse("reports:fa-respond", args=[inspection.pk, comment.pk]),
        {f"c{comment.pk}-response": "accepted", f"c{comment.pk}-response_note": "Fixed."},
    )
    final = generate_version(lead_client, inspection, "final")
    assert final.label == "Final version"
    assert ReportVersion.objects.filter(inspection=inspection).count() == 3

    # Publish under embargo: 404 for the public, visible to the team.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = lead_client.post(
        reverse("reports:publish", args=[inspection.pk]),
        {
            "when": "later",
            "date_day": tomorrow.day,
            "date_month": tomorrow.month,
            "date_year": tomorrow.year,
            "time": "00:01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    publication = Publication.objects.get(inspection=inspection)
    inspection.refresh_from_db()
    # Published under embargo: the statement of action is asked for once it is public.
    assert inspection.status == Status.PUBLISHED
    assert not ActionPlan.objects.filter(publication=publication).exists()
    detail = reverse("reports:detail", args=[publication.slug])
    assert anonymous.get(detail).status_code == 404
    assert anonymous.get(reverse("reports:detail-pdf", args=[publication.slug])).status_code == 404
    assert publication.slug not in anonymous.get(reverse("reports:register")).content.decode()
    assert "Embargoed" in lead_client.get(detail).content.decode()
    outsider = person("outsider_lead", "lead", "ofsted")
    other = client.__class__()
    other.force_login(outsider)
    assert other.get(detail).status_code == 404

    # The embargo passes.
    Publication.objects.filter(pk=publication.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    from reports.services.publication import action_plans_ask_due

    assert action_plans_ask_due() == [inspection.pk]  # the scheduled task
    inspection.refresh_from_db()
    assert inspection.status == Status.ACTION_PLAN_DUE
    plan = ActionPlan.objects.get(publication=publication)
    assert plan.due_date > tomorrow
    page = anonymous.get(detail).content.decode()
    assert "Children are much safer" in page
    assert "Download the report as a PDF" in page
    pdf = anonymous.get(reverse("reports:detail-pdf", args=[publication.slug]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert publication.slug in anonymous.get(reverse("reports:register")).content.decode()
    feed = anonymous.get(reverse("reports:feed")).content.decode()
    assert "<feed" in feed and publication.title in feed

    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(
                    anonymous.get(reverse("reports:judgements-csv")).streaming_content
                ).decode()
            )
        )
    )
    judgements = Judgement.objects.filter(inspection=inspection).count()
    assert len(rows) == judgements + 1  # every agency × area, plus the shared LSCB judgement
    assert {r["grade"] for r in rows} <= {
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
    }

    # A published version never changes, whatever happens to the judgements after it.
    Judgement.objects.filter(inspection=inspection).update(
        grade="outstanding", strengths=["CHANGED"]
    )
    assert "CHANGED" not in anonymous.get(detail).content.decode()

    # The written statement of action: a PDF only, size-limited.
    upload_url = reverse("reports:action-plan", args=[inspection.pk])
    bad = SimpleUploadedFile("plan.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = lead_client.post(upload_url, {"document": bad})
    assert response.status_code == 400
    assert "The selected file must be a PDF" in response.content.decode()
    response = lead_client.post(upload_url, {})
    assert response.status_code == 400 and "Select a PDF file" in response.content.decode()
    from pypdf import PdfWriter

    writer, pdf = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(pdf)
    good = SimpleUploadedFile("plan.pdf", pdf.getvalue(), content_type="application/pdf")
    assert lead_client.post(upload_url, {"document": good}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "submitted" and len(plan.document_sha256) == 64
