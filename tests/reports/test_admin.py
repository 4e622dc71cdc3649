"""The Django admin shows the report's records but cannot change them, and the database
refuses a publication of another inspection's version whoever writes it."""

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports.factories import build_inspection, publish_directly
from reports.models import (
    ActionPlan,
    FactualAccuracyComment,
    FactualAccuracyLink,
    FactualAccuracyRequest,
    Publication,
    ReportJob,
    ReportVersion,
)

pytestmark = pytest.mark.django_db

READ_ONLY = [
    Publication,
    ReportVersion,
    ReportJob,
    FactualAccuracyRequest,
    FactualAccuracyComment,
    FactualAccuracyLink,
    ActionPlan,
]


def _draft_version(inspection, number=1):
    lead = inspection.leads["ofsted"]
    version = ReportVersion(
        inspection=inspection,
        number=number,
        kind="draft",
        draft_number=number,
        pdf_sha256="1" * 64,
        snapshot={},
        created_by=lead,
    )
    version.pdf.save(f"{inspection.reference}-draft.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    version.save()
    return version


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_the_admin_cannot_add_change_or_delete(admin_client, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert (
        admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code
        == 403
    )


def test_the_admin_cannot_repoint_a_publication(admin_client):
    publication = publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    other = _draft_version(build_inspection(cases=0, evidence_per_agency=0))
    change = reverse("admin:reports_publication_change", args=[publication.pk])
    page = admin_client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = admin_client.post(
        change,
        {
            "inspection": publication.inspection_id,
            "version": other.pk,
            "slug": publication.slug,
            "title": publication.title,
            "publish_at_0": "2020-01-01",
            "publish_at_1": "00:00:00",
            "published_by": publication.published_by_id,
            "created_at_0": "2020-01-01",
            "created_at_1": "00:00:00",
        },
    )
    assert response.status_code == 403
    publication.refresh_from_db()
    assert publication.version.inspection_id == publication.inspection_id
    delete = reverse("admin:reports_publication_delete", args=[publication.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Publication.objects.filter(pk=publication.pk).exists()


def test_the_database_refuses_another_inspections_version(require_postgres):
    publication = publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    other = _draft_version(build_inspection(cases=0, evidence_per_agency=0))
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(version=other)
    publication.refresh_from_db()
    assert publication.version.inspection_id == publication.inspection_id

    # Nor a new publication of another inspection's version.
    third = build_inspection(cases=0, evidence_per_agency=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.create(
            inspection=third,
            version=other,
            slug="not-this-one",
            title="Not this one",
            publish_at=publication.publish_at,
            published_by=publication.published_by,
        )


def test_the_database_refuses_a_draft_version_of_the_same_inspection(require_postgres):
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    publication = publish_directly(inspection)
    draft = _draft_version(inspection, number=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(version=draft)
