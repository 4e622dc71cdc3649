"""The open-data CSV of published judgements: the published snapshots' judgements, no cell a
spreadsheet would run as a formula, streamed in constant memory from the open-data rows
written at publication, and cacheable (ETag, Last-Modified, 304)."""

import csv
import datetime
import importlib
import io
import tracemalloc

import pytest
from django.apps import apps
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import LocalAuthority
from inspections.factories import framework_version
from inspections.models import Inspection, Status
from reports.factories import ReportVersionFactory, build_inspection, publish_directly
from reports.models import (
    OpenDataJudgement,
    Publication,
    ReportJob,
    ReportVersion,
    VersionKind,
)
from reports.services import publication_create

pytestmark = pytest.mark.django_db

URL = "/reports/judgements.csv"
FORMULAS = ['=HYPERLINK("http://evil.example/","Click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body, newline="")))


def test_the_rows_are_the_published_snapshots_judgements(client):
    publication = publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    r = publication.version.snapshot

    response = client.get(reverse("reports:judgements-csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _rows(response)
    expected = [
        (agency["name"], j["area_code"], j["grade_label"] or "Not graded")
        for agency in r["agencies"]
        for j in agency["judgements"]
    ] + [
        ("All agencies (joint judgement)", s["area_code"], s["grade_label"] or "Not graded")
        for s in r["shared"]
    ]
    assert [(row["agency"], row["judgement_area_code"], row["grade"]) for row in rows] == expected
    first = rows[0]
    assert first["report"] == f"http://testserver/reports/{publication.slug}/"
    assert first["published"] == timezone.localtime(publication.publish_at).date().isoformat()
    assert first["local_authority"] == r["authority"]["name"]
    assert first["gss_code"] == r["authority"]["gss_code"]
    assert first["framework"] == r["framework"]["name"]
    assert first["inspection_start"] == r["dates"]["window_start"]
    assert first["inspectorate"] == r["agencies"][0]["inspectorate"]["short_name"]


def test_cells_that_start_like_a_formula_are_quoted(client):
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    lead = inspection.leads["ofsted"]
    version = ReportVersionFactory(job__inspection=inspection, job__requested_by=lead)
    snapshot = version.snapshot
    snapshot["authority"]["name"] = FORMULAS[0]
    judgements = [j for agency in snapshot["agencies"] for j in agency["judgements"]]
    assert len(judgements) >= len(FORMULAS) - 1
    snapshot["agencies"][0]["name"] = FORMULAS[0]
    for judgement, text in zip(judgements, FORMULAS[1:], strict=False):
        judgement["area_title"] = text
    ReportVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
    version.refresh_from_db()
    Inspection.objects.filter(pk=inspection.pk).update(status=Status.PUBLISHED)
    publication_create(
        inspection=inspection,
        version=version,
        by=lead,
        embargo_until=timezone.now() - datetime.timedelta(hours=1),
    )

    rows = _rows(client.get(URL))
    assert rows
    assert {row["local_authority"] for row in rows} == {"'" + FORMULAS[0]}
    assert rows[0]["agency"] == "'" + FORMULAS[0]
    titles = {row["judgement_area"] for row in rows}
    for text in FORMULAS[1:]:
        assert "'" + text in titles
        assert text not in titles
    # Ordinary text is left alone.
    assert rows[0]["report"].startswith("http")
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r"


def test_embargoed_reports_are_left_out_until_their_time(client):
    publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    later = publish_directly(
        build_inspection(cases=0, evidence_per_agency=0),
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    rows = _rows(client.get(URL))
    assert rows
    assert all(later.slug not in row["report"] for row in rows)


def test_it_is_streamed_and_reads_no_snapshot(client):
    publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
        assert isinstance(response, StreamingHttpResponse)
        assert _rows(response)
    assert not [q["sql"] for q in queries if "snapshot" in q["sql"]]
    assert len(queries) <= 3  # what changed, then the rows (in batches)


def test_a_client_that_has_it_is_told_nothing_changed(client):
    publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    first = client.get(URL)
    etag = first["ETag"]
    assert first["Last-Modified"]
    assert "public" in first["Cache-Control"]
    assert "max-age=" in first["Cache-Control"]

    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not again.content

    since = client.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    # A new report changes the file, and its ETag.
    publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    changed = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_reports_published_before_the_open_data_rows_existed_are_backfilled(client):
    publication = publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    expected = list(OpenDataJudgement.objects.filter(publication=publication).values_list())
    OpenDataJudgement.objects.all().delete()
    migration = importlib.import_module("reports.migrations.0010_open_data_judgements")

    migration.backfill(apps, None)

    rows = OpenDataJudgement.objects.filter(publication=publication)
    assert [r[2:] for r in rows.values_list()] == [r[2:] for r in expected]


# --- memory: flat whatever the number of reports --------------------------------------------


def _publish_in_bulk(count: int, lead) -> None:
    """`count` published reports with twelve open-data rows each, written in bulk (a snapshot
    of a few kilobytes each, which the CSV must not read)."""
    authorities = list(LocalAuthority.objects.with_childrens_services()[:100])
    version = framework_version("jtai")
    start = Inspection.objects.count()
    inspections = Inspection.objects.bulk_create(
        Inspection(
            authority=authorities[n % len(authorities)],
            framework_version=version,
            reference=f"bulk-csv-{start + n}",
            window_start=datetime.date(2017, 1, 2) + datetime.timedelta(weeks=start + n),
            window_end=datetime.date(2017, 1, 6) + datetime.timedelta(weeks=start + n),
            status=Status.PUBLISHED,
        )
        for n in range(count)
    )
    jobs = ReportJob.objects.bulk_create(
        ReportJob(inspection=i, kind=VersionKind.FINAL, requested_by=lead) for i in inspections
    )
    padding = "Findings of the inspection. " * 100
    versions = ReportVersion.objects.bulk_create(
        ReportVersion(
            inspection=i,
            job=job,
            number=1,
            kind=VersionKind.FINAL,
            pdf="reports/shared.pdf",
            pdf_sha256="0" * 64,
            snapshot={"findings": padding},
            created_by=lead,
        )
        for i, job in zip(inspections, jobs, strict=True)
    )
    at = timezone.now() - datetime.timedelta(days=1)
    publications = Publication.objects.bulk_create(
        Publication(
            inspection=i,
            version=v,
            slug=i.reference,
            title=f"Report {i.reference}",
            publish_at=at - datetime.timedelta(minutes=n),
            published_by=lead,
        )
        for n, (i, v) in enumerate(zip(inspections, versions, strict=True))
    )
    OpenDataJudgement.objects.bulk_create(
        (
            OpenDataJudgement(
                publication=p,
                position=k,
                local_authority=p.inspection.authority.name,
                gss_code="E09000001",
                region="London",
                framework="Joint targeted area inspection",
                theme="Abuse and neglect",
                inspection_start="2017-01-02",
                inspection_end="2017-01-06",
                agency=f"Agency {k // 2}",
                agency_type="Police",
                inspectorate="HMICFRS",
                area_code=f"area-{k % 2}",
                area_title="Leadership and management",
                grade="Not graded",
            )
            for p in publications
            for k in range(12)
        ),
        batch_size=5000,
    )


def _peak_bytes(client) -> tuple[int, int]:
    """(peak traced memory while the whole file is read, number of lines)."""
    client.get(URL)  # warm: imports, URL resolving, the first query's plan
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        response = client.get(URL)
        lines = 0
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
        return tracemalloc.get_traced_memory()[1], lines
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_reports(client, lead_inspector):
    _publish_in_bulk(200, lead_inspector)
    small, small_lines = _peak_bytes(client)
    _publish_in_bulk(1800, lead_inspector)
    large, large_lines = _peak_bytes(client)

    assert small_lines == 1 + 200 * 12
    assert large_lines == 1 + 2000 * 12
    assert large <= small * 1.10, f"peak {small} bytes over 200 reports, {large} over 2,000"
