"""The task list and judgement page run in a fixed number of queries, whatever the volume."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.factories import add_member, make_inspection
from inspections.models import (
    CaseAssessment,
    CaseCriterion,
    CaseKind,
    CaseSample,
    EvidenceRecord,
    EvidenceSource,
)

from .conftest import judgement_of

pytestmark = pytest.mark.django_db

TASKS_QUERIES = 9
JUDGEMENT_QUERIES = 7
EVIDENCE_QUERIES = 11  # with the access records of the notes naming a case, in one insert
CASES_QUERIES = 13  # with the access records of the cases listed, in one insert


def fill(inspection, user, *, cases=50, evidence=500):
    """A full inspection's records, bulk-created."""
    agencies = list(inspection.agencies.all())
    areas = list(inspection.framework_version.judgement_areas.all())
    criteria = list(CaseCriterion.objects.filter(version=inspection.framework_version))
    samples = CaseSample.objects.bulk_create(
        CaseSample(
            inspection=inspection,
            reference=f"HAR-{n:04d}",
            kind=CaseKind.TRACKED if n % 5 == 0 else CaseKind.SAMPLED,
            summary="Chosen from the front door's contacts in October.",
            recorded_by=user,
        )
        for n in range(cases)
    )
    CaseSample.agencies.through.objects.bulk_create(
        CaseSample.agencies.through(casesample_id=s.pk, partneragency_id=a.pk)
        for s in samples
        for a in agencies[:3]
    )
    CaseAssessment.objects.bulk_create(
        CaseAssessment(case=s, criterion=c, outcome="met", assessed_by=user)
        for s in samples
        for c in criteria
    )
    sources = list(EvidenceSource.values)
    records = EvidenceRecord.objects.bulk_create(
        EvidenceRecord(
            inspection=inspection,
            agency=agencies[n % len(agencies)],
            source=sources[n % len(sources)],
            date=datetime.date(2015, 12, 7) + datetime.timedelta(days=n % 20),
            note=(
                f"Evidence note {n}: case file HAR-{n:04d} read with the allocated social worker."
                if n % 2
                else f"Evidence note {n}: interview with the allocated social worker."
            ),
            recorded_by=user,
        )
        for n in range(evidence)
    )
    EvidenceRecord.areas.through.objects.bulk_create(
        EvidenceRecord.areas.through(evidencerecord_id=r.pk, judgementarea_id=a.pk)
        for n, r in enumerate(records)
        for a in (areas[n % len(areas)], areas[(n + 1) % len(areas)])
    )


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def small_and_full(lead_inspector, cqc_inspector):
    # Children's services and health take all four graded areas, each police force three (not
    # looked-after children's): the full inspection has 4 + 4 + 4 × 3 = 20 judgements and the
    # shared one. (HMI Probation and HMI Prisons assess their agencies without grading them.)
    agencies = [
        ("childrens_social_care", "{la} children's services"),
        ("health", "{la} health services"),
        *(("police", f"{{la}} police {force} {{n}}") for force in "ABCD"),
    ]
    small = make_inspection(agencies=agencies[:2])
    full = make_inspection(agencies=agencies)
    for inspection in (small, full):
        add_member(inspection, lead_inspector, "overall_lead")
        add_member(inspection, cqc_inspector)
    fill(small, cqc_inspector, cases=1, evidence=3)
    fill(full, cqc_inspector)
    assert full.judgements.count() == 20 and full.case_samples.count() == 50
    assert full.evidence.count() == 500
    return small, full


@pytest.mark.parametrize("persona", ["lead_inspector", "cqc_inspector", "admin"])
def test_page_query_counts_are_fixed(
    client, request, small_and_full, persona, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(persona))
    small, full = small_and_full
    pages = {
        "tasks": (TASKS_QUERIES, lambda i: reverse("inspections:recording:tasks", args=[i.pk])),
        "judgement": (
            JUDGEMENT_QUERIES,
            lambda i: reverse(
                "inspections:recording:judgement", args=[i.pk, judgement_of(i, "cqc").pk]
            ),
        ),
        "evidence": (
            EVIDENCE_QUERIES,
            lambda i: reverse("inspections:recording:evidence", args=[i.pk]),
        ),
        "cases": (CASES_QUERIES, lambda i: reverse("inspections:recording:cases", args=[i.pk])),
    }
    for name, (limit, url_of) in pages.items():
        small_url, full_url = url_of(small), url_of(full)
        with django_assert_max_num_queries(limit):
            full_count = _count(client, full_url)
        assert full_count == _count(client, small_url), name


def test_api_lists_query_counts_are_fixed(client, small_and_full, cqc_inspector):
    client.force_login(cqc_inspector)
    small, full = small_and_full
    for suffix in ("judgements/", "evidence/", "case-samples/", "case-samples/summary/"):
        assert _count(client, f"/api/inspections/{full.pk}/{suffix}") == _count(
            client, f"/api/inspections/{small.pk}/{suffix}"
        ), suffix
