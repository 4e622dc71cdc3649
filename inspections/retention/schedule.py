"""The retention schedule of the records `inspections` holds, as data.

Each kind says what it holds, why, how long after the inspection ends it is kept, and what
then happens: deleted, or reduced to the counts the published report already shows. Periods
run from the day the report is published (or the inspection cancelled), so the records stay
while the report can still be challenged and the partnership's written statement of action is
followed up. `reports` registers its own kinds (`reports.retention`).
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction
from django.db.models import Min, OuterRef, Subquery

from ..fieldwork.models import CaseTrackingAnswer, TrackedCase
from ..information.models import RequestUpload
from ..models.inspection import Inspection, Status, Transition
from ..models.judgements import CaseAssessment, CaseSample, EvidenceRecord, JudgementRevision
from .registry import Action, Kind, register, register_end_provider

# An inspection's records can go only once it has ended, whatever the dates say.
ENDED_STATUSES = (Status.PUBLISHED, Status.ACTION_PLAN_DUE, Status.CLOSED, Status.CANCELLED)

GDPR = "UK GDPR Article 6(1)(e): a task in the public interest (the inspectorates' duty to inspect)"
CHILDREN = (
    "Special category data under UK GDPR Article 9(2)(g) and the Data Protection Act 2018, "
    "Schedule 1, paragraph 6 (statutory purposes)"
)


def _transitions_ended(inspection_ids: list[int]) -> dict[int, datetime.date]:
    """When the status moved to published or cancelled, for inspections that have ended."""
    rows = (
        Transition.objects.filter(
            inspection_id__in=inspection_ids,
            inspection__status__in=ENDED_STATUSES,
            to_status__in=(Status.PUBLISHED, Status.CANCELLED),
        )
        .values("inspection_id")
        .annotate(first=Min("at"))
    )
    return {r["inspection_id"]: r["first"].date() for r in rows}


def _delete_in_batch(queryset, limit: int) -> int:
    pks = list(queryset.order_by("pk").values_list("pk", flat=True)[:limit])
    if pks:
        queryset.model.objects.filter(pk__in=pks).delete()
    return len(pks)


# --- uploads ------------------------------------------------------------------------------


def _uploads(inspection_id: int):
    return RequestUpload.objects.filter(item__inspection_id=inspection_id)


def _remove_uploads(inspection_id: int, limit: int) -> tuple[int, dict]:
    uploads = list(_uploads(inspection_id).order_by("pk")[:limit])
    names = [u.file.name for u in uploads if u.file]
    RequestUpload.objects.filter(pk__in=[u.pk for u in uploads]).delete()
    if names:
        storage = RequestUpload._meta.get_field("file").storage
        # The files go once the rows are gone for good (a rolled-back batch keeps both).
        transaction.on_commit(lambda: [storage.delete(n) for n in names if storage.exists(n)])
    return len(uploads), {}


# --- case samples ---------------------------------------------------------------------------


def _remove_case_samples(inspection_id: int, limit: int) -> tuple[int, dict]:
    """Case samples become the counts the report shows: cases by kind, outcomes by criterion."""
    cases = list(
        CaseSample.objects.filter(inspection_id=inspection_id)
        .order_by("pk")[:limit]
        .values("pk", "kind")
    )
    if not cases:
        return 0, {}
    pks = [c["pk"] for c in cases]
    counts = Counter({"cases": len(cases)})
    counts.update(f"kind:{c['kind']}" for c in cases)
    counts.update(
        f"criterion:{a['criterion_id']}:{a['outcome']}"
        for a in CaseAssessment.objects.filter(case_id__in=pks).values("criterion_id", "outcome")
    )
    CaseSample.objects.filter(pk__in=pks).delete()
    return len(pks), dict(counts)


# --- case tracking --------------------------------------------------------------------------


def _remove_tracked_cases(inspection_id: int, limit: int) -> tuple[int, dict]:
    """Tracked cases and their answers become counts: cases, answers, audit evaluations."""
    cases = list(
        TrackedCase.objects.filter(inspection_id=inspection_id)
        .order_by("pk")[:limit]
        .values("pk", "audit_evaluation")
    )
    if not cases:
        return 0, {}
    pks = [c["pk"] for c in cases]
    counts = Counter({"tracked_cases": len(cases)})
    counts["answers"] = CaseTrackingAnswer.objects.filter(case_id__in=pks).count()
    counts.update(f"audit:{c['audit_evaluation'] or 'none'}" for c in cases)
    TrackedCase.objects.filter(pk__in=pks).delete()
    return len(pks), dict(counts)


# --- judgements' working drafts -------------------------------------------------------------


def _working_drafts(inspection_id: int):
    """Every saved version of a judgement but its last (the last is the judgement itself)."""
    last = (
        JudgementRevision.objects.filter(judgement_id=OuterRef("judgement_id"))
        .order_by("-version")
        .values("version")[:1]
    )
    return JudgementRevision.objects.filter(judgement__inspection_id=inspection_id).exclude(
        version=Subquery(last)
    )


def _remove_working_drafts(inspection_id: int, limit: int) -> tuple[int, dict]:
    return _delete_in_batch(_working_drafts(inspection_id), limit), {}


def _evidence(inspection_id: int):
    return EvidenceRecord.objects.filter(inspection_id=inspection_id)


# --- access records -------------------------------------------------------------------------


def _access_records(inspection_id: int):
    from jtai.models import AccessRecord

    return AccessRecord.objects.filter(inspection_id=inspection_id)


def _remove_access_records(inspection_id: int, limit: int) -> tuple[int, dict]:
    """The append-only table lets rows go only through `retention_delete`."""
    from jtai.access import retention_delete
    from jtai.models import AccessRecord

    ids = list(_access_records(inspection_id).order_by("pk").values_list("pk", flat=True)[:limit])
    with retention_delete():
        AccessRecord.objects.filter(pk__in=ids).delete()
    return len(ids), {}


def register_schedule() -> None:
    register_end_provider(_transitions_ended)
    register(
        Kind(
            code="uploads",
            label="Child-level lists and case documents sent by the area",
            held=(
                "The files a local area uploads in answer to the request for information: "
                "lists of children and young people and documents from their case records."
            ),
            purpose="To choose the children's cases inspectors look at and to prepare for them.",
            basis=CHILDREN,
            action=Action.DELETE,
            months=3,
            models=("inspections.RequestUpload",),
            order=10,
            count=lambda pk: _uploads(pk).count(),
            remove=_remove_uploads,
        )
    )
    register(
        Kind(
            code="case_samples",
            label="Case samples and their assessments",
            held=(
                "Each sampled child's case by reference (never a name), the agencies that "
                "worked with the child, and inspectors' assessment of the case against the "
                "framework's criteria."
            ),
            purpose="To reach judgements on the help and protection children receive.",
            basis=CHILDREN,
            action=Action.REDUCE,
            months=6,
            models=("inspections.CaseSample", "inspections.CaseAssessment"),
            order=20,
            count=lambda pk: CaseSample.objects.filter(inspection_id=pk).count(),
            remove=_remove_case_samples,
        )
    )
    register(
        Kind(
            code="case_tracking",
            label="Tracked cases and case-tracking answers",
            held=(
                "The children tracked in depth, by reference, age and plan, the partnership's "
                "own audit of each case and each agency's answers to the tracking questions."
            ),
            purpose="To follow a child's experience across the agencies that work with them.",
            basis=CHILDREN,
            action=Action.REDUCE,
            months=6,
            models=("inspections.TrackedCase", "inspections.CaseTrackingAnswer"),
            order=30,
            count=lambda pk: TrackedCase.objects.filter(inspection_id=pk).count(),
            remove=_remove_tracked_cases,
        )
    )
    register(
        Kind(
            code="evidence",
            label="Evidence notes",
            held=(
                "Inspectors' notes of what they read, heard and saw, which may name a "
                "child's case reference."
            ),
            purpose="To support and check the inspection's judgements.",
            basis=GDPR,
            action=Action.DELETE,
            months=6,
            models=("inspections.EvidenceRecord",),
            order=40,
            count=lambda pk: _evidence(pk).count(),
            remove=lambda pk, limit: (_delete_in_batch(_evidence(pk), limit), {}),
        )
    )
    register(
        Kind(
            code="judgement_drafts",
            label="Judgements' working drafts",
            held="Every saved version of a judgement before its last one.",
            purpose="To show how a judgement was reached while it was moderated.",
            basis=GDPR,
            action=Action.DELETE,
            months=3,
            models=("inspections.JudgementRevision",),
            order=50,
            count=lambda pk: _working_drafts(pk).count(),
            remove=_remove_working_drafts,
        )
    )
    register(
        Kind(
            code="emails",
            label="Emails' bodies",
            held=(
                "Notification, request-for-information and factual-accuracy emails. Their "
                "text is written when they are sent and is not stored; only when each was "
                "sent is recorded."
            ),
            purpose="To tell the team and the area what the inspection needs from them.",
            basis=GDPR,
            action=Action.NOT_STORED,
            order=80,
        )
    )
    register(
        Kind(
            code="access_records",
            label="Records of who read a child's information",
            held=(
                "Who read an uploaded document, a case sample, case-tracking answers or an "
                "evidence note naming a case, when, and from which page."
            ),
            purpose="To show who looked at children's information and to answer requests.",
            basis=GDPR,
            action=Action.DELETE,
            months=24,
            models=("jtai.AccessRecord",),
            order=90,
            count=lambda pk: _access_records(pk).count(),
            remove=_remove_access_records,
        )
    )


def ended_inspection_ids() -> list[int]:
    return list(Inspection.objects.filter(status__in=ENDED_STATUSES).values_list("pk", flat=True))


register_schedule()
