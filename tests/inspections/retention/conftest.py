"""An inspection holding one or more of every kind the retention schedule knows, its report
published on 30 January 2018 (so periods run from that day)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from inspections.fieldwork.models import CaseTrackingAnswer, CaseTrackingQuestion, TrackedCase
from inspections.information.models import RequestItem, RequestUpload
from inspections.models import Judgement, JudgementRevision, JudgementStatus
from reports.factories import ReportVersionFactory, build_inspection, publish_directly
from reports.models import (
    FactualAccuracyComment,
    FactualAccuracyRequest,
    ReportSectionRevision,
    VersionKind,
)
from reports.services import report_sections_ensure

D = datetime.date
PUBLISHED_ON = D(2018, 1, 30)


@pytest.fixture(autouse=True)
def file_roots(settings, tmp_path):
    settings.JTAI_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def add_upload(inspection, n=1) -> RequestUpload:
    item, _ = RequestItem.objects.get_or_create(
        inspection=inspection,
        code="children-list",
        defaults={
            "title": "List of children",
            "due_working_day": 2,
            "due_date": inspection.window_start,
            "source": "Framework",
        },
    )
    upload = RequestUpload(
        item=item,
        original_name=f"children-{n}.csv",
        kind="csv",
        size=9,
        sha256="0" * 64,
        uploaded_at=_at(inspection.window_start) + datetime.timedelta(seconds=n),
    )
    upload.file.save(f"children-{n}.csv", ContentFile(b"ref,age\n1"), save=False)
    upload.save()
    return upload


def fill(inspection):
    """Everything child-level or working the schedule removes, added to a built inspection."""
    lead = inspection.leads["ofsted"]
    add_upload(inspection, 1)
    add_upload(inspection, 2)
    question = CaseTrackingQuestion.objects.create(
        theme=inspection.theme, code=f"q-{inspection.pk}", text="Was the plan followed?"
    )
    case = TrackedCase.objects.create(
        inspection=inspection,
        reference="T001",
        age=7,
        plan_type="child_protection",
        selected_by=lead,
        audit_evaluation="good",
    )
    CaseTrackingAnswer.objects.create(
        case=case,
        question=question,
        agency=inspection.agencies.first(),
        answer="Yes.",
        answered_by=lead,
        answered_at=_at(inspection.window_start),
    )
    judgement = Judgement.objects.filter(inspection=inspection).first()
    for version in (1, 2, 3):
        JudgementRevision.objects.create(
            judgement=judgement,
            version=version,
            status=JudgementStatus.IN_PROGRESS,
            by=lead,
            at=_at(inspection.window_start),
            evidence_summary=f"Draft {version}",
        )
    draft = ReportVersionFactory(
        job__inspection=inspection,
        job__requested_by=lead,
        job__kind=VersionKind.DRAFT,
        number=2,
        draft_number=1,
    )
    fa_version = ReportVersionFactory(
        job__inspection=inspection,
        job__requested_by=lead,
        job__kind=VersionKind.FACTUAL_ACCURACY,
        number=3,
    )
    request = FactualAccuracyRequest.objects.create(
        version=fa_version,
        sent_by=lead,
        expires_at=_at(PUBLISHED_ON),
        comments_due=PUBLISHED_ON,
        recipients=[{"name": "Director", "email": "d@example.org"}],
    )
    request.links.create(name="Director", email="d@example.org")
    comment = FactualAccuracyComment.objects.create(
        request=request, from_name="Director", comment="The date is wrong.", recorded_by=lead
    )
    section = report_sections_ensure(inspection=inspection)[0]
    if True:
        ReportSectionRevision.objects.create(
            section=section,
            version=99,
            text="Corrected.",
            status=section.status,
            by=lead,
            at=_at(PUBLISHED_ON),
            comment=comment,
        )
    return draft, fa_version


@pytest.fixture
def published():
    inspection = build_inspection(framework="jtai", cases=3, window_start=D(2017, 12, 4))
    inspection.drafts = fill(inspection)
    inspection.publication = publish_directly(inspection, publish_at=_at(PUBLISHED_ON))
    from jtai.models import AccessKind, AccessRecord

    AccessRecord.objects.create(
        user_label="reader@example.test",
        kind=AccessKind.CASE_SAMPLE,
        object_id="1",
        inspection_id=inspection.pk,
        inspection_label=inspection.reference,
        at=_at(PUBLISHED_ON),
        route="inspections:recording:case",
        method="GET",
        path="/",
    )
    return inspection
