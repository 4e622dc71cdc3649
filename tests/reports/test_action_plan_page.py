"""The written statement of action: upload limits and the admins' overdue list."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspections.models import Status
from reports.factories import build_inspection, publish_directly
from reports.models import ActionPlan

pytestmark = pytest.mark.django_db


def test_action_plan_upload_is_size_limited_and_overdue_is_flagged(
    client, admin, settings, django_capture_on_commit_callbacks
):
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
        reverse("reports:action-plan", args=[inspection.pk]),
        {"document": big},
    )
    assert response.status_code == 400
    assert "smaller than 10 MB" in response.content.decode()
    lead = client.__class__()
    lead.force_login(inspection.leads["cqc"])
    assert lead.get(reverse("reports:overdue-action-plans")).status_code == 403


def test_an_admin_accepts_the_statement_which_closes_the_inspection(client, admin):
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    publication = publish_directly(inspection)
    type(inspection).objects.filter(pk=inspection.pk).update(status=Status.ACTION_PLAN_DUE)
    plan = ActionPlan.objects.create(
        publication=publication,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        status="submitted",
    )
    client.force_login(admin)
    page = client.get(reverse("reports:inspection", args=[inspection.pk])).content.decode()
    assert "Accept the statement and close the inspection" in page
    response = client.post(reverse("reports:action-plan", args=[inspection.pk]), {"accept": "1"})
    assert response.status_code == 302
    plan.refresh_from_db()
    inspection.refresh_from_db()
    assert plan.status == "accepted" and inspection.status == Status.CLOSED
