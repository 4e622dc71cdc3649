"""Reads of what inspectors record, scoped to the user and with their joins decided once.

Every page and endpoint starts from `access_to(user, pk)`, which only finds inspections
the user may see (`visible_inspections`): an outsider's guessed id is a 404, never a 403.
"""

import difflib
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404

from agencies.models import PartnerAgency
from inspections.models import (
    AssessmentOutcome,
    CaseAssessment,
    CaseCriterion,
    CaseKind,
    CaseSample,
    EvidenceRecord,
    Inspection,
    Judgement,
    JudgementArea,
    JudgementRevision,
    JudgementStatus,
    SharedJudgement,
    SharedJudgementAgreement,
)
from inspections.permissions import inspection_and_member, visible_inspections

from .permissions import Access, access_for


def _one_or_404(queryset: QuerySet, message: str):
    """The one object `queryset` finds (its filter names a unique key); none is a 404 that says
    `message`. (`get`, not `first`: no ORDER BY to build and sort for a single row.)"""
    try:
        return queryset.get()
    except queryset.model.DoesNotExist:
        raise Http404(message) from None


# What every page of an inspection shows of it: its area, framework and theme.
INSPECTION_JOINS = ("authority", "framework_version__framework", "theme")


def access_to(user, pk) -> Access:
    """The user's access to the inspection, if they may see it; otherwise 404 (a team member's
    place and the inspection in one query: `inspection_and_member`)."""
    inspection, member = inspection_and_member(user, pk, joins=INSPECTION_JOINS)
    prefetch_related_objects([inspection], "inspectorates")
    return Access(user=user, inspection=inspection, member=member)


def object_and_access(user, model, pk) -> tuple:
    """A judgement, evidence record, case or shared judgement found by its own id on an
    inspection the user may see, with the user's access to that inspection; otherwise 404."""
    obj = (
        model.objects.filter(pk=pk, inspection__in=visible_inspections(user))
        .select_related("inspection__framework_version")
        .first()
    )
    if obj is None:
        raise Http404
    return obj, access_for(user, obj.inspection)


def agency_choices_for(inspection: Inspection) -> QuerySet[PartnerAgency]:
    """The agencies an evidence record or a case of the inspection can be about."""
    return PartnerAgency.objects.filter(inspections=inspection).select_related("agency_type")


# ---------------------------------------------------------------------------------------------
# Judgements


def judgements_for(access: Access, *, all_agencies: bool | None = None) -> QuerySet[Judgement]:
    """The inspection's judgements the user's task list shows: leads and admins see every
    agency; inspectors the agencies their inspectorate judges."""
    qs = Judgement.objects.filter(inspection=access.inspection).select_related(
        "agency__agency_type", "area", "inspectorate"
    )
    if all_agencies is None:
        all_agencies = access.sees_everything
    if not all_agencies:
        qs = qs.filter(inspectorate_id=access.inspectorate_id)
    return qs.order_by(
        "inspectorate__order", "agency__agency_type__order", "agency__name", "area__order"
    )


def judgement_for(access: Access, judgement_pk) -> Judgement:
    """One judgement of the inspection (any team member or admin may read it), or 404."""
    return _one_or_404(
        Judgement.objects.filter(inspection=access.inspection, pk=judgement_pk).select_related(
            "agency__agency_type", "area__version", "inspectorate", "updated_by", "signed_off_by"
        ),
        "No such judgement",
    )


# What an inspector writes in a judgement, read only where it is shown.
JUDGEMENT_TEXT = ("strengths", "improvements", "evidence_summary", "returned_comment")


@dataclass
class AgencyTasks:
    agency: object
    inspectorate: object
    judgements: list = field(default_factory=list)

    @property
    def completed(self) -> int:
        done = (JudgementStatus.COMPLETED, JudgementStatus.SIGNED_OFF)
        return sum(1 for j in self.judgements if j.status in done)


def task_list(access: Access) -> list[AgencyTasks]:
    """The task list, one group per agency, in one query."""
    groups: dict[int, AgencyTasks] = {}
    # The list shows each judgement's area and status: its text stays in the database.
    for judgement in judgements_for(access).defer(*JUDGEMENT_TEXT):
        group = groups.get(judgement.agency_id)
        if group is None:
            group = groups[judgement.agency_id] = AgencyTasks(
                agency=judgement.agency, inspectorate=judgement.inspectorate
            )
        group.judgements.append(judgement)
    # A lead's own inspectorate's agencies come first: those are the ones they record.
    own = access.inspectorate_id
    return sorted(groups.values(), key=lambda g: g.inspectorate.pk != own)


def judgement_evidence(judgement: Judgement, *, limit: int = 50) -> list[EvidenceRecord]:
    """Evidence records about the judgement's agency tagged to its area, newest first."""
    return list(
        EvidenceRecord.objects.filter(
            inspection_id=judgement.inspection_id,
            agency_id=judgement.agency_id,
            areas=judgement.area_id,
        )
        .select_related("recorded_by")
        .order_by("-date", "-id")[:limit]
    )


def judgement_evidence_count(judgement: Judgement) -> int:
    return EvidenceRecord.objects.filter(
        inspection_id=judgement.inspection_id,
        agency_id=judgement.agency_id,
        areas=judgement.area_id,
    ).count()


def revision_at(judgement: Judgement, version: int) -> JudgementRevision | None:
    if version <= 0:
        return None
    return JudgementRevision.objects.filter(judgement=judgement, version=version).first()


# ---------------------------------------------------------------------------------------------
# Differences between versions, for a stale save and for the history


@dataclass
class ListDiff:
    added: list[str]
    removed: list[str]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


@dataclass
class JudgementDiff:
    grade_from: str
    grade_to: str
    strengths: ListDiff
    improvements: ListDiff
    summary: list[tuple[str, str]]  # (op, words): op in equal, insert, delete

    @property
    def grade_changed(self) -> bool:
        return self.grade_from != self.grade_to

    @property
    def summary_changed(self) -> bool:
        return any(op != "equal" for op, _ in self.summary)

    @property
    def changed(self) -> bool:
        return (
            self.grade_changed
            or self.strengths.changed
            or self.improvements.changed
            or self.summary_changed
        )


def _list_diff(before, after) -> ListDiff:
    before, after = list(before or []), list(after or [])
    return ListDiff(
        added=[item for item in after if item not in before],
        removed=[item for item in before if item not in after],
    )


def text_diff(before: str, after: str) -> list[tuple[str, str]]:
    """A word-level diff: consecutive runs of equal, inserted and deleted words."""
    a, b = (before or "").split(), (after or "").split()
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("equal", " ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            segments.append(("delete", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", " ".join(b[j1:j2])))
    return segments


def _grade_label(grade: str) -> str:
    from agencies.models import Grade

    return Grade(grade).label if grade in Grade.values else ""


def judgement_diff(before, after) -> JudgementDiff:
    """What changed from `before` to `after` (judgements, revisions or None for empty)."""

    def get(obj, name, default):
        return getattr(obj, name, default) if obj is not None else default

    return JudgementDiff(
        grade_from=_grade_label(get(before, "grade", "")),
        grade_to=_grade_label(get(after, "grade", "")),
        strengths=_list_diff(get(before, "strengths", []), get(after, "strengths", [])),
        improvements=_list_diff(get(before, "improvements", []), get(after, "improvements", [])),
        summary=text_diff(get(before, "evidence_summary", ""), get(after, "evidence_summary", "")),
    )


def revision_history(judgement: Judgement) -> list[tuple[JudgementRevision, JudgementDiff]]:
    """Every saved version, newest first, each with what it changed from the one before."""
    revisions = list(
        JudgementRevision.objects.filter(judgement=judgement)
        .select_related("by", "by__inspectorate")
        .order_by("version")
    )
    history = []
    previous = None
    for revision in revisions:
        history.append((revision, judgement_diff(previous, revision)))
        previous = revision
    history.reverse()
    return history


# ---------------------------------------------------------------------------------------------
# Evidence


def evidence_for(access: Access) -> QuerySet[EvidenceRecord]:
    return (
        EvidenceRecord.objects.filter(inspection=access.inspection)
        .select_related("agency", "recorded_by")
        .prefetch_related(Prefetch("areas", queryset=JudgementArea.objects.order_by("order")))
        .order_by("-date", "-id")
    )


def evidence_record_for(access: Access, record_pk) -> EvidenceRecord:
    return _one_or_404(evidence_for(access).filter(pk=record_pk), "No such evidence record")


# ---------------------------------------------------------------------------------------------
# Case samples


def cases_for(access: Access) -> QuerySet[CaseSample]:
    return (
        CaseSample.objects.filter(inspection=access.inspection)
        .select_related("recorded_by")
        .prefetch_related(
            "agencies",
            Prefetch(
                "assessments",
                queryset=CaseAssessment.objects.select_related("criterion").order_by(
                    "criterion__order"
                ),
            ),
        )
        .order_by("reference")
    )


def case_for(access: Access, case_pk) -> CaseSample:
    return _one_or_404(cases_for(access).filter(pk=case_pk), "No such case")


def case_criteria(inspection: Inspection) -> QuerySet[CaseCriterion]:
    """The case criteria of the inspection's framework, in order."""
    return CaseCriterion.objects.filter(version=inspection.framework_version_id).order_by("order")


def recorded_counts(inspection: Inspection) -> dict[str, int]:
    """How much has been recorded, for the task list: evidence records, cases, tracked cases.

    Three counts in one statement, written out: built by the ORM (three correlated subqueries
    under COALESCE) the statement cost some forty times the CPU to compose that the database
    took to answer it, on a page every inspector opens all day."""
    evidence = EvidenceRecord._meta
    cases = CaseSample._meta
    quote = connection.ops.quote_name
    count = "(SELECT COUNT(*) FROM {table} WHERE {column} = %s{more})"
    sql = "SELECT " + ", ".join(
        count.format(
            table=quote(meta.db_table),
            column=quote(meta.get_field("inspection").column),
            more=f" AND {quote(meta.get_field('kind').column)} = %s" if tracked else "",
        )
        for meta, tracked in ((evidence, False), (cases, False), (cases, True))
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [inspection.pk, inspection.pk, inspection.pk, CaseKind.TRACKED])
        n_evidence, n_cases, n_tracked = cursor.fetchone()
    return {"evidence": n_evidence, "cases": n_cases, "tracked": n_tracked}


def case_sample_summary(inspection: Inspection) -> dict:
    """Counts of the case sample by kind, and outcomes per case criterion, for the report.

    {"total": 12, "tracked": 5, "sampled": 7, "min_tracked": 5, "tracked_needed": 0,
     "criteria": [{"code", "text", "assessed", "outcomes": {"met": 3, "partly_met": 1,
                   "not_met": 0, "not_applicable": 1}}, ...]}
    In three queries whatever the sample's size.
    """
    by_kind = dict(
        CaseSample.objects.filter(inspection=inspection)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    outcome_counts: dict[int, dict[str, int]] = {}
    for criterion_id, outcome, n in (
        CaseAssessment.objects.filter(case__inspection=inspection)
        .values_list("criterion_id", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    ):
        outcome_counts.setdefault(criterion_id, {})[outcome] = n
    criteria = []
    for criterion in CaseCriterion.objects.filter(version=inspection.framework_version_id).order_by(
        "order"
    ):
        counts = outcome_counts.get(criterion.pk, {})
        outcomes = {value: counts.get(value, 0) for value in AssessmentOutcome.values}
        criteria.append(
            {
                "code": criterion.code,
                "text": criterion.text,
                "assessed": sum(outcomes.values()),
                "outcomes": outcomes,
            }
        )
    tracked = by_kind.get(CaseKind.TRACKED, 0)
    sampled = by_kind.get(CaseKind.SAMPLED, 0)
    min_tracked = inspection.framework_version.min_tracked_cases
    return {
        "total": tracked + sampled,
        "tracked": tracked,
        "sampled": sampled,
        "min_tracked": min_tracked,
        "tracked_needed": max(0, min_tracked - tracked),
        "criteria": criteria,
    }


# ---------------------------------------------------------------------------------------------
# The shared judgement


def shared_judgements_for(access: Access) -> list[SharedJudgement]:
    """The inspection's shared judgements, each with `is_agreed`, in a fixed number of queries."""
    shared = list(
        SharedJudgement.objects.filter(inspection=access.inspection)
        .select_related("area__version", "drafted_by")
        .prefetch_related(
            Prefetch(
                "agreements",
                queryset=SharedJudgementAgreement.objects.select_related("inspectorate", "by"),
            )
        )
        .order_by("area__order")
    )
    for each in shared:
        each.inspection = access.inspection  # its inspectorates are already prefetched
        each.is_agreed = shared_judgement_is_agreed(each)
        # Who says no to the current text: the task list shows a disagreement, not "awaiting".
        each.disputed_by = [
            r["agreement"].inspectorate.short_name
            for r in shared_agreement_rows(each)
            if r["agreement"] is not None and not r["agreement"].agrees
        ]
    return shared


def shared_judgement_for(access: Access, shared_pk) -> SharedJudgement:
    for shared in shared_judgements_for(access):
        if shared.pk == int(shared_pk):
            return shared
    raise Http404("No such shared judgement")


def shared_agreement_rows(shared: SharedJudgement) -> list[dict]:
    """One row per participating inspectorate: its agreement with the current version, if any."""
    agreements = {a.inspectorate_id: a for a in shared.agreements.all()}
    rows = []
    for inspectorate in shared.inspection.inspectorates.all():
        agreement = agreements.get(inspectorate.pk)
        if agreement is not None and agreement.judgement_version != shared.version:
            agreement = None
        rows.append({"inspectorate": inspectorate, "agreement": agreement})
    return rows


def shared_judgement_is_agreed(shared: SharedJudgement) -> bool:
    """True when drafted and every participating inspectorate agrees with the current version."""
    if shared.version == 0:
        return False
    rows = shared_agreement_rows(shared)
    return bool(rows) and all(r["agreement"] is not None and r["agreement"].agrees for r in rows)
