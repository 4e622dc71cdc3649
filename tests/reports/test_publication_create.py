"""`publication_create`: the one way a publication is made (page, lifecycle hook, demo)."""

import datetime

import pytest
from django.utils import timezone
from django.utils.text import slugify

from jtai.exceptions import ApplicationError, ConflictError
from reports.factories import build_inspection, publish_directly
from reports.models import Publication
from reports.services import publication_create

pytestmark = pytest.mark.django_db


def test_a_publication_of_the_final_version_with_a_slug_and_an_embargo():
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    later = timezone.now() + datetime.timedelta(days=2)
    publication = publish_directly(inspection, publish_at=later)
    assert publication.inspection == inspection
    assert publication.publish_at == later and not publication.is_public
    assert publication.slug.startswith(slugify(inspection.authority.name))
    assert publication.title


def test_a_taken_slug_gets_a_number():
    first = build_inspection(cases=0, evidence_per_agency=0, authority="hartlepool")
    second = build_inspection(
        cases=0,
        evidence_per_agency=0,
        authority="hartlepool",
        window_start=first.window_start + datetime.timedelta(days=70),
    )
    taken = slugify(
        f"{second.authority.name}-{second.framework_version.framework.code}-"
        f"{second.window_start:%Y-%m}"
    )
    Publication.objects.filter(pk=publish_directly(first).pk).update(slug=taken)
    assert publish_directly(second).slug == f"{taken}-2"


def test_the_version_must_belong_to_the_inspection():
    published = publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    other = build_inspection(cases=0, evidence_per_agency=0)
    with pytest.raises(ApplicationError) as error:
        publication_create(inspection=other, version=published.version, by=other.leads["ofsted"])
    assert "version" in error.value.fields
    assert not Publication.objects.filter(inspection=other).exists()


def test_a_report_is_published_once():
    publication = publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    with pytest.raises(ConflictError):
        publication_create(
            inspection=publication.inspection,
            version=publication.version,
            by=publication.published_by,
        )
