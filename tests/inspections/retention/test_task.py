"""The daily task applies the schedule: with the clock moved past each period it removes
exactly the kinds due, nothing else, and the same again finds nothing; a legal hold stops it;
the published report and its PDF survive."""

import datetime

import pytest
from django.core.files.storage import default_storage

from inspections.fieldwork.models import CaseTrackingAnswer, TrackedCase
from inspections.information.models import RequestUpload
from inspections.models import (
    CaseSample,
    EvidenceRecord,
    JudgementRevision,
    RetentionRemoval,
    Status,
    Transition,
)
from inspections.retention import registry, services
from inspections.retention.tasks import apply_retention_schedule
from jtai import clock
from reports.models import (
    FactualAccuracyComment,
    FactualAccuracyLink,
    Publication,
    ReportSectionRevision,
    ReportVersion,
)

from .conftest import PUBLISHED_ON, add_upload

D = datetime.date
pytestmark = pytest.mark.django_db


def held(inspection) -> dict[str, int]:
    """What the inspection holds, per kind (as the admin page counts it)."""
    return {k.code: k.count(inspection.pk) for k in registry.kinds() if k.count}


def run(day, capture):
    with clock.travel_to(day), capture(execute=True):
        return apply_retention_schedule()


PERIODS = [
    (D(2018, 4, 29), set()),
    (D(2018, 4, 30), {"uploads", "judgement_drafts"}),
    (D(2018, 7, 29), {"uploads", "judgement_drafts"}),
    (
        D(2018, 7, 30),
        {
            "uploads",
            "judgement_drafts",
            "case_samples",
            "case_tracking",
            "evidence",
            "factual_accuracy_comments",
        },
    ),
    (
        D(2019, 1, 30),
        {
            "uploads",
            "judgement_drafts",
            "case_samples",
            "case_tracking",
            "evidence",
            "factual_accuracy_comments",
            "report_versions",
        },
    ),
    (
        D(2020, 1, 30),
        {
            "uploads",
            "judgement_drafts",
            "case_samples",
            "case_tracking",
            "evidence",
            "factual_accuracy_comments",
            "report_versions",
            "access_records",
        },
    ),
]


@pytest.mark.parametrize(("day", "gone"), PERIODS)
def test_the_task_removes_exactly_the_kinds_due(
    published, day, gone, django_capture_on_commit_callbacks
):
    before = held(published)
    assert all(before.values()), before  # the fixture holds some of every kind

    removed = run(day, django_capture_on_commit_callbacks)

    after = held(published)
    assert {code for code, n in after.items() if n == 0} == gone
    assert {code for code, n in after.items() if n == before[code]} == set(before) - gone
    assert removed == sum(before[code] for code in gone)
    # Twice in a row: nothing left to do, no error.
    assert run(day, django_capture_on_commit_callbacks) == 0
    assert held(published) == after


def test_each_kind_removes_its_rows_and_files(published, django_capture_on_commit_callbacks):
    upload_names = [u.file.name for u in RequestUpload.objects.filter(item__inspection=published)]
    draft_pdfs = [v.pdf.name for v in published.drafts]
    upload_storage = RequestUpload._meta.get_field("file").storage
    assert all(upload_storage.exists(n) for n in upload_names)

    run(D(2019, 2, 1), django_capture_on_commit_callbacks)

    assert not any(upload_storage.exists(n) for n in upload_names)
    assert not any(default_storage.exists(n) for n in draft_pdfs)
    assert not CaseSample.objects.filter(inspection=published).exists()
    assert not TrackedCase.objects.filter(inspection=published).exists()
    assert not CaseTrackingAnswer.objects.filter(case__inspection=published).exists()
    assert not EvidenceRecord.objects.filter(inspection=published).exists()
    assert not FactualAccuracyComment.objects.filter(
        request__version__inspection=published
    ).exists()
    assert not FactualAccuracyLink.objects.filter(request__version__inspection=published).exists()
    # The last version of each judgement stays: it is the judgement's record.
    assert list(
        JudgementRevision.objects.filter(judgement__inspection=published).values_list(
            "version", flat=True
        )
    ) == [3]
    # The corrected section text stays; only its link to the comment went.
    assert (
        ReportSectionRevision.objects.filter(section__inspection=published, version=99)
        .get()
        .comment
        is None
    )


def test_the_published_report_and_its_pdf_survive(published, django_capture_on_commit_callbacks):
    publication = Publication.objects.get(inspection=published)
    snapshot = publication.version.snapshot

    run(D(2030, 1, 1), django_capture_on_commit_callbacks)

    publication.refresh_from_db()
    final = ReportVersion.objects.get(pk=publication.version_id)
    assert list(ReportVersion.objects.filter(inspection=published)) == [final]
    assert final.snapshot == snapshot
    assert default_storage.exists(final.pdf.name)
    assert final.pdf.read().startswith(b"%PDF")


def test_case_samples_are_reduced_to_the_counts_the_report_shows(
    published, django_capture_on_commit_callbacks
):
    snapshot = Publication.objects.get(inspection=published).version.snapshot["case_samples"]

    run(D(2018, 7, 30), django_capture_on_commit_callbacks)

    counts = RetentionRemoval.objects.get(inspection=published, kind="case_samples").counts
    assert counts["cases"] == snapshot["total"] == 3
    assert counts.get("kind:tracked", 0) == snapshot["tracked"]
    assert counts.get("kind:sampled", 0) == snapshot["sampled"]
    kept = sum(n for key, n in counts.items() if key.startswith("criterion:"))
    assert kept == sum(sum(c["counts"]) for c in snapshot["criteria"])
    tracking = RetentionRemoval.objects.get(inspection=published, kind="case_tracking").counts
    assert tracking == {"tracked_cases": 1, "answers": 1, "audit:good": 1}


def test_a_legal_hold_stops_the_task_until_lifted(
    published, admin, django_capture_on_commit_callbacks
):
    before = held(published)
    services.legal_hold_place(inspection=published, reason="A claim is being made.", by=admin)

    assert run(D(2030, 1, 1), django_capture_on_commit_callbacks) == 0
    assert held(published) == before
    assert not RetentionRemoval.objects.filter(inspection=published).exists()

    services.legal_hold_lift(inspection=published, by=admin)
    assert run(D(2030, 1, 1), django_capture_on_commit_callbacks) == sum(before.values())


def test_batches_remove_everything_due(published, django_capture_on_commit_callbacks):
    for n in range(3, 8):
        add_upload(published, n)
    with clock.travel_to(D(2018, 5, 1)), django_capture_on_commit_callbacks(execute=True):
        results = services.retention_apply(batch_size=2)
    uploads = [r for r in results if r.kind == "uploads"]
    assert [r.removed for r in uploads] == [7]
    assert RetentionRemoval.objects.get(inspection=published, kind="uploads").removed == 7


def test_a_cancelled_inspection_runs_from_its_cancellation(
    published, admin, django_capture_on_commit_callbacks
):
    from reports.factories import build_inspection

    cancelled = build_inspection(framework="jtai", cases=2, status=Status.CANCELLED)
    add_upload(cancelled)
    Transition.objects.create(
        inspection=cancelled,
        verb="cancel",
        from_status=Status.NOTIFIED,
        to_status=Status.CANCELLED,
        at=clock._as_aware(D(2018, 1, 10)),
        by=admin,
    )
    run(D(2018, 4, 15), django_capture_on_commit_callbacks)  # 3 months after 10 January
    assert held(cancelled)["uploads"] == 0
    assert held(cancelled)["case_samples"] == 2
    assert held(published)["uploads"] == 2  # published 30 January: 3 months not yet out


def test_an_inspection_not_yet_ended_keeps_everything(django_capture_on_commit_callbacks):
    from reports.factories import build_inspection

    ongoing = build_inspection(framework="jtai", cases=2, status=Status.MODERATION)
    add_upload(ongoing)
    before = held(ongoing)
    assert run(D(2040, 1, 1), django_capture_on_commit_callbacks) == 0
    assert held(ongoing) == before


def test_the_daily_run_is_on_the_beat_schedule_and_found_by_celery(settings):
    from jtai.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["apply-retention-schedule"]
    assert entry["task"] == "inspections.retention.tasks.apply_retention_schedule"
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks


def test_the_published_date_is_the_start_of_every_period(published, admin):
    assert registry.ended_on([published.pk]) == {published.pk: PUBLISHED_ON}
    # Published under embargo: the status moved days before the report became public.
    Transition.objects.create(
        inspection=published,
        verb="publish",
        from_status=Status.FACTUAL_ACCURACY,
        to_status=Status.PUBLISHED,
        at=clock._as_aware(D(2018, 1, 25)),
        by=admin,
    )
    assert registry.ended_on([published.pk]) == {published.pk: PUBLISHED_ON}
