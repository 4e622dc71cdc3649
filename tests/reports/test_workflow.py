"""The report's journey as the lead: generate, factual accuracy, final, publish (embargo),
then the public register, PDF, Atom feed and CSV; the written statement of action."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from agencies.factories import person
from inspections.models import Judgement, Status
from reports.factories import build_inspection
from reports.models import (
    ActionPlan,
    FactualAccuracyComment,
    JobStatus,
    Publication,
    ReportJob,
    ReportVersion,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def inspection():
    return build_inspection(cases=3)


@pytest.fixture
def lead_client(client, inspection):
    client.force_login(inspection.leads["ofsted"])
    return client


def _generate(client, inspection, kind, capture):
    with capture(execute=True):
        response = client.post(
            reverse("inspections:moderation:report-generate", args=[inspection.pk]),
            {"kind": kind},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ReportJob.objects.filter(inspection=inspection).first()
    assert job.status == JobStatus.READY, job.error
    return job.version


def test_whole_journey(lead_client, inspection, client, django_capture_on_commit_callbacks):
    url = reverse("inspections:moderation:report", args=[inspection.pk])
    assert lead_client.get(url).status_code == 200
    response = lead_client.post(
        reverse("inspections:moderation:report-findings", args=[inspection.pk]),
        {"key_findings": "Children are safer than at the last inspection."},
    )
    assert response.status_code == 302

    draft = _generate(lead_client, inspection, "draft", django_capture_on_commit_callbacks)
    assert draft.label == "Draft 1"
    page = lead_client.get(url).content.decode()
    assert "Draft 1" in page
    pdf = lead_client.get(
        reverse("inspections:moderation:report-version-pdf", args=[inspection.pk, draft.pk])
    )
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")

    # The findings change; a factual-accuracy version; the diff shows the change.
    lead_client.post(
        reverse("inspections:moderation:report-findings", args=[inspection.pk]),
        {"key_findings": "Children are much safer than at the last inspection."},
    )
    fa = _generate(lead_client, inspection, "factual_accuracy", django_capture_on_commit_callbacks)
    diff = lead_client.get(
        reverse("inspections:moderation:report-compare", args=[inspection.pk]),
        {"a": draft.pk, "b": fa.pk},
    ).content.decode()
    assert "+Children are much safer" in diff and "-Children are safer" in diff

    # Send to the area: emails with an expiring link (through Celery, after commit).
    contacts = [str(c.pk) for c in inspection.authority.contacts.all()]
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            reverse("inspections:moderation:report-fa-send", args=[inspection.pk]),
            {"contacts": contacts},
        )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == Status.FACTUAL_ACCURACY
    assert len(mail.outbox) == len(contacts)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/factual-accuracy/" in line)
    anonymous = client.__class__()
    download = anonymous.get(link.replace("http://localhost:8000", ""))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert anonymous.get("/reports/factual-accuracy/forged:token/").status_code == 404

    # A comment; the final version waits for a response.
    fa_request = fa.factual_accuracy_requests.get()
    response = lead_client.post(
        reverse("inspections:moderation:report-fa-comment", args=[inspection.pk, fa_request.pk]),
        {"from_name": "", "comment": ""},
    )
    assert response.status_code == 400
    assert "Enter who the comment is from" in response.content.decode()
    lead_client.post(
        reverse("inspections:moderation:report-fa-comment", args=[inspection.pk, fa_request.pk]),
        {"from_name": "Dana Director", "section": "Summary", "comment": "The date is wrong."},
    )
    comment = FactualAccuracyComment.objects.get()
    response = lead_client.post(
        reverse("inspections:moderation:report-generate", args=[inspection.pk]), {"kind": "final"}
    )
    assert response.status_code == 400
    lead_client.post(
        reverse("inspections:moderation:report-fa-respond", args=[inspection.pk, comment.pk]),
        {f"c{comment.pk}-response": "accepted", f"c{comment.pk}-response_note": "Fixed."},
    )
    final = _generate(lead_client, inspection, "final", django_capture_on_commit_callbacks)
    assert final.label == "Final version"
    assert ReportVersion.objects.filter(inspection=inspection).count() == 3

    # Publish under embargo: 404 for the public, visible to the team.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = lead_client.post(
        reverse("inspections:moderation:report-publish", args=[inspection.pk]),
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
    assert inspection.status == Status.ACTION_PLAN_DUE
    plan = ActionPlan.objects.get(publication=publication)
    assert plan.due_date > tomorrow
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
            io.StringIO(anonymous.get(reverse("reports:judgements-csv")).content.decode())
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
    upload_url = reverse("inspections:moderation:report-action-plan", args=[inspection.pk])
    bad = SimpleUploadedFile("plan.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = lead_client.post(upload_url, {"document": bad})
    assert response.status_code == 400
    assert "The selected file must be a PDF" in response.content.decode()
    response = lead_client.post(upload_url, {})
    assert response.status_code == 400 and "Select a PDF file" in response.content.decode()
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    assert lead_client.post(upload_url, {"document": good}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "submitted" and len(plan.document_sha256) == 64


def test_generation_waits_for_sign_off_and_agreement(
    lead_client, django_capture_on_commit_callbacks
):
    inspection = build_inspection(cases=1, judgement_status="completed", agreed=False)
    lead_client.force_login(inspection.leads["ofsted"])
    response = lead_client.post(
        reverse("inspections:moderation:report-generate", args=[inspection.pk]), {"kind": "draft"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "not signed off" in page and "is not agreed by all" in page
    assert not ReportJob.objects.filter(inspection=inspection).exists()


def test_only_the_overall_lead_generates(client, inspection):
    client.force_login(inspection.leads["cqc"])
    response = client.post(
        reverse("inspections:moderation:report-generate", args=[inspection.pk]), {"kind": "draft"}
    )
    assert response.status_code == 400
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_outsiders_never_see_the_team_pages(client, inspection, who):
    if who == "outsider":
        client.force_login(person("nosy_inspector", "inspector", "cqc"))
    urls = [
        reverse("inspections:moderation:report", args=[inspection.pk]),
        reverse("inspections:moderation:grid", args=[inspection.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == (404 if who == "outsider" else 302)


def test_api_answers_202_with_a_status_url(inspection, django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(inspection.leads["ofsted"])
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/inspections/{inspection.pk}/reports/", {"kind": "draft"})
    assert response.status_code == 202
    status_url = response.json()["status_url"]
    assert response["Location"] == status_url
    job = api.get(status_url).json()
    assert job["status"] == "ready" and job["progress"] == 100
    assert job["version"]["label"] == "Draft 1"
    bad = api.post(f"/api/inspections/{inspection.pk}/reports/", {"kind": "nonsense"})
    assert bad.status_code == 400 and "kind" in bad.json()["errors"]
    other = APIClient()
    other.force_authenticate(person("api_outsider", "lead", "cqc"))
    assert other.get(status_url).status_code == 404
    assert (
        other.post(f"/api/inspections/{inspection.pk}/reports/", {"kind": "draft"}).status_code
        == 404
    )


def test_register_filters_and_query_count(client, django_assert_max_num_queries):
    from reports.factories import publish_directly

    for _ in range(3):
        publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:register"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 3
    first = Publication.objects.first()
    filtered = client.get(
        reverse("reports:register"), {"authority": first.inspection.authority.slug}
    )
    assert filtered.context["page_obj"].paginator.count == 1
    assert client.get(reverse("reports:register"), {"year": "1066"}).status_code == 400
    for _ in range(3):
        publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    with django_assert_max_num_queries(12):
        client.get(reverse("reports:register"))


def test_factual_accuracy_link_expires(
    client, inspection, lead_client, django_capture_on_commit_callbacks
):
    import time as _time

    from django.core import signing

    from reports import services as report_services
    from reports.tasks import DOWNLOAD_SALT

    fa = _generate(lead_client, inspection, "factual_accuracy", django_capture_on_commit_callbacks)
    request = report_services.factual_accuracy_send(
        version=fa,
        user=inspection.leads["ofsted"],
        recipients=[{"name": "Dana", "role": "DCS", "email": "dana@example.test"}],
    )
    stale_time = _time.time() - (report_services.FACTUAL_ACCURACY_LINK_DAYS + 1) * 86400
    stale = signing.TimestampSigner(salt=DOWNLOAD_SALT)
    stale.timestamp = lambda: signing.b62_encode(int(stale_time))
    expired = stale.sign(str(request.pk))
    response = client.get(reverse("reports:factual-accuracy-download", args=[expired]))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_action_plan_upload_is_size_limited_and_overdue_is_flagged(
    client, admin, settings, django_capture_on_commit_callbacks
):
    from reports.factories import publish_directly
    from reports.services import ACTION_PLAN_MAX_BYTES

    inspection = build_inspection(cases=0, evidence_per_agency=0)
    publication = publish_directly(
        inspection, publish_at=timezone.now() - datetime.timedelta(days=200)
    )
    Inspection = type(inspection)
    Inspection.objects.filter(pk=inspection.pk).update(status=Status.ACTION_PLAN_DUE)
    plan = ActionPlan.objects.create(
        publication=publication, due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    assert plan.is_overdue()
    client.force_login(admin)
    page = client.get(reverse("reports:overdue-action-plans")).content.decode()
    assert inspection.authority.name in page and "Overdue" in page
    big = SimpleUploadedFile(
        "plan.pdf", b"%PDF-" + b"0" * ACTION_PLAN_MAX_BYTES, content_type="application/pdf"
    )
    response = client.post(
        reverse("inspections:moderation:report-action-plan", args=[inspection.pk]),
        {"document": big},
    )
    assert response.status_code == 400
    assert "smaller than 10 MB" in response.content.decode()
    lead = client.__class__()
    lead.force_login(inspection.leads["cqc"])
    assert lead.get(reverse("reports:overdue-action-plans")).status_code == 403


def test_a_failed_generation_shows_the_error_and_can_be_retried(
    lead_client, inspection, monkeypatch, django_capture_on_commit_callbacks
):
    import reports.services as report_services

    real = report_services.html_to_pdf

    def broken(html, **kwargs):
        raise RuntimeError("the fonts went missing")

    monkeypatch.setattr(report_services, "html_to_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(
            reverse("inspections:moderation:report-generate", args=[inspection.pk]),
            {"kind": "draft"},
        )
    job = ReportJob.objects.get(inspection=inspection)
    assert job.status == JobStatus.FAILED and "fonts went missing" in job.error
    page = lead_client.get(reverse("inspections:moderation:report", args=[inspection.pk]))
    assert "Try again" in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()

    monkeypatch.setattr(report_services, "html_to_pdf", real)
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            reverse("inspections:moderation:report-job-retry", args=[inspection.pk, job.pk])
        )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.READY and job.attempts == 2
    assert ReportVersion.objects.filter(job=job).count() == 1


def test_the_page_refreshes_itself_while_a_job_is_queued(lead_client, inspection):
    ReportJob.objects.create(
        inspection=inspection, kind="draft", requested_by=inspection.leads["ofsted"]
    )
    page = lead_client.get(reverse("inspections:moderation:report", args=[inspection.pk]))
    html = page.content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert "<progress" in html and "0% done" in html


def test_a_stalled_job_can_be_retried(lead_client, inspection, django_capture_on_commit_callbacks):
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    job = ReportJob.objects.create(
        inspection=inspection,
        kind="draft",
        requested_by=inspection.leads["ofsted"],
        status=JobStatus.RENDERING,
        progress=40,
        created_at=long_ago,
        started_at=long_ago,
    )
    page = lead_client.get(reverse("inspections:moderation:report", args=[inspection.pk]))
    assert "has stalled" in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(
            reverse("inspections:moderation:report-job-retry", args=[inspection.pk, job.pk])
        )
    job.refresh_from_db()
    assert job.status == JobStatus.READY
    assert ReportVersion.objects.filter(job=job).count() == 1


@pytest.mark.parametrize(
    ("who", "status"), [("team", 200), ("outsider", 404), ("admin", 200), ("anonymous", 302)]
)
def test_versions_are_for_the_team_only(client, admin, who, status):
    from reports.factories import publish_directly

    inspection = build_inspection(cases=0, evidence_per_agency=0)
    publication = publish_directly(inspection)
    users = {
        "team": inspection.leads["cqc"],
        "outsider": person("version_outsider", "lead", "cqc"),
        "admin": admin,
    }
    if who in users:
        client.force_login(users[who])
    url = reverse(
        "inspections:moderation:report-version-pdf", args=[inspection.pk, publication.version.pk]
    )
    assert client.get(url).status_code == status
