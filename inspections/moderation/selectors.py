"""Reads of moderation: the grid (agencies × judgement areas, in a fixed number of queries) and
the inspection and judgement a lead moderates, scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404

from ..models import (
    EvidenceRecord,
    Inspection,
    Judgement,
    JudgementArea,
    JudgementStatus,
    SharedJudgement,
)
from ..permissions import visible_inspections


@dataclass
class GridRow:
    agency: object
    inspectorate: object
    cells: list = field(default_factory=list)  # Judgement or None, per column


@dataclass
class Grid:
    columns: list
    rows: list
    shared: list
    counts: dict
    total: int
    by_inspectorate: dict  # inspectorate id -> {"name", "total", "completed", "signed_off"}


def moderation_grid(inspection: Inspection) -> Grid:
    areas = list(
        JudgementArea.objects.filter(version_id=inspection.framework_version_id, is_shared=False)
    )
    judgements = list(
        Judgement.objects.filter(inspection=inspection)
        # Who saved or signed off each judgement is on its own page, not on the grid.
        .select_related("agency__agency_type", "area", "inspectorate")
        .order_by("agency__agency_type__order", "agency__name", "area__order")
        # The grid shows grades and statuses: what inspectors wrote stays in the database.
        .defer("strengths", "improvements", "evidence_summary")
    )
    rows: dict[int, GridRow] = {}
    index = {a.pk: i for i, a in enumerate(areas)}
    counts = {s.value: 0 for s in JudgementStatus}
    by_inspectorate: dict[int, dict] = {}
    for j in judgements:
        row = rows.get(j.agency_id)
        if row is None:
            row = rows[j.agency_id] = GridRow(j.agency, j.inspectorate, [None] * len(areas))
        if j.area_id in index:
            row.cells[index[j.area_id]] = j
        counts[j.status] = counts.get(j.status, 0) + 1
        entry = by_inspectorate.setdefault(
            j.inspectorate_id,
            {"inspectorate": j.inspectorate, "total": 0, "ready": 0, "signed_off": 0},
        )
        entry["total"] += 1
        if j.status in (JudgementStatus.COMPLETED, JudgementStatus.SIGNED_OFF):
            entry["ready"] += 1
        if j.status == JudgementStatus.SIGNED_OFF:
            entry["signed_off"] += 1
    shared = list(
        SharedJudgement.objects.filter(inspection=inspection)
        .select_related("area")
        .defer("text", "strengths", "improvements")
        .prefetch_related("agreements__inspectorate")
    )
    for s in shared:
        s.agreed_by = [
            a.inspectorate.short_name
            for a in sorted(s.agreements.all(), key=lambda a: a.inspectorate.order)
            if a.agrees and a.judgement_version == s.version
        ]
    return Grid(areas, list(rows.values()), shared, counts, len(judgements), by_inspectorate)


def inspection_for(user, pk) -> Inspection:
    """An inspection the user may see, for moderation; otherwise 404."""
    return get_object_or_404(
        visible_inspections(user).select_related("authority", "framework_version__framework"),
        pk=pk,
    )


def judgement_for(user, pk, *, inspection: Inspection | None = None) -> Judgement:
    """A judgement on an inspection the user may see (and on `inspection` when given), or 404."""
    judgements = Judgement.objects.filter(inspection__in=visible_inspections(user))
    if inspection is not None:
        judgements = judgements.filter(inspection=inspection)
    return get_object_or_404(
        judgements.select_related(
            "inspection", "agency", "area", "inspectorate", "updated_by", "signed_off_by"
        ),
        pk=pk,
    )


@dataclass
class JudgementReview:
    """What a lead reads before returning or signing off a judgement."""

    judgement: Judgement
    evidence: list
    revisions: list


def judgement_review(judgement: Judgement) -> JudgementReview:
    """The judgement's evidence (its agency's records tagged with its area) and its history,
    newest first, in a fixed number of queries."""
    evidence = list(
        EvidenceRecord.objects.filter(
            inspection_id=judgement.inspection_id,
            agency_id=judgement.agency_id,
            areas=judgement.area,
        )
        .select_related("recorded_by", "line_of_enquiry")
        .order_by("-date", "-pk")
    )
    revisions = list(judgement.revisions.select_related("by").order_by("-version", "-pk"))
    return JudgementReview(judgement, evidence, revisions)
