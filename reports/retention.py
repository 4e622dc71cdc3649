"""The report's kinds in the retention schedule, and the day a report is published.

Registered from the app's `ready()` into `inspections.retention.registry`: the published
report and its final snapshot are kept permanently; drafts, the factual-accuracy version (with
its recipients' links) and the area's factual-accuracy comments go after a period.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from inspections.retention.registry import Action, Kind, register, register_end_provider
from inspections.retention.schedule import GDPR

from .models import (
    FactualAccuracyComment,
    FactualAccuracyRequest,
    Publication,
    ReportSectionRevision,
    ReportVersion,
)


def _published(inspection_ids: list[int]) -> dict[int, datetime.date]:
    rows = Publication.objects.filter(inspection_id__in=inspection_ids).values_list(
        "inspection_id", "publish_at"
    )
    return {pk: timezone.localdate(at) for pk, at in rows}


def _unpublished_versions(inspection_id: int):
    """Every version of the report but the one published."""
    published = Publication.objects.filter(version=OuterRef("pk"))
    return ReportVersion.objects.filter(inspection_id=inspection_id).exclude(Exists(published))


def _remove_versions(inspection_id: int, limit: int) -> tuple[int, dict]:
    versions = list(_unpublished_versions(inspection_id).order_by("pk")[:limit])
    pks = [v.pk for v in versions]
    if not pks:
        return 0, {}
    # The factual-accuracy request belongs to its version: its links and comments go with it.
    ReportSectionRevision.objects.filter(comment__request__version_id__in=pks).update(comment=None)
    FactualAccuracyRequest.objects.filter(version_id__in=pks).delete()
    names = [v.pdf.name for v in versions if v.pdf]
    storage = ReportVersion._meta.get_field("pdf").storage
    ReportVersion.objects.filter(pk__in=pks).delete()
    if names:
        transaction.on_commit(lambda: [storage.delete(n) for n in names if storage.exists(n)])
    return len(pks), {}


def _comments(inspection_id: int):
    return FactualAccuracyComment.objects.filter(request__version__inspection_id=inspection_id)


def _remove_comments(inspection_id: int, limit: int) -> tuple[int, dict]:
    pks = list(_comments(inspection_id).order_by("pk").values_list("pk", flat=True)[:limit])
    if pks:
        # The section keeps its corrected text; only the link to the comment goes.
        ReportSectionRevision.objects.filter(comment_id__in=pks).update(comment=None)
        FactualAccuracyComment.objects.filter(pk__in=pks).delete()
    return len(pks), {}


def register_schedule() -> None:
    # Comments come before versions: removing a version takes its comments with it, and each
    # kind's count in the log should be its own.
    register_end_provider(_published)
    register(
        Kind(
            code="report_versions",
            label="Report versions other than the published one",
            held=(
                "Draft reports and the factual-accuracy version (their PDFs and content), and "
                "the names and emails of the area's leaders the factual-accuracy version was "
                "sent to."
            ),
            purpose="To agree the report's content and check its accuracy with the area.",
            basis=GDPR,
            action=Action.DELETE,
            months=12,
            models=("reports.ReportVersion", "reports.FactualAccuracyRequest"),
            order=65,
            count=lambda pk: _unpublished_versions(pk).count(),
            remove=_remove_versions,
        )
    )
    register(
        Kind(
            code="factual_accuracy_comments",
            label="Factual-accuracy comments",
            held="The area's comments on the factual-accuracy version and the lead's responses.",
            purpose="To correct the report where a fact was wrong.",
            basis=GDPR,
            action=Action.DELETE,
            months=6,
            models=("reports.FactualAccuracyComment",),
            order=60,
            count=lambda pk: _comments(pk).count(),
            remove=_remove_comments,
        )
    )
    register(
        Kind(
            code="published_report",
            label="The published report and its final snapshot",
            held=(
                "The report as published, its PDF and the content it was made from, which "
                "includes case references and counts but no child's name."
            ),
            purpose="The public record of the inspection's findings.",
            basis=GDPR,
            action=Action.KEEP,
            models=("reports.Publication", "reports.ReportVersion"),
            order=70,
        )
    )


register_schedule()
