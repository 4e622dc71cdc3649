"""Seeding the demo recording: judgements, evidence and case samples written through the
services at the story's days, then evidence closed and moderation started."""

import datetime
import itertools

from django.db import transaction

from agencies.models import User
from inspections.demo import TO_MODERATION, advance, milestones
from inspections.models import (
    CaseCriterion,
    CaseKind,
    EvidenceSource,
    Inspection,
    Judgement,
    JudgementStatus,
    SharedJudgement,
    SharedJudgementAgreement,
    Status,
    TeamRole,
)
from jtai import clock

from .. import services
from .prose import (
    AREA_ALIASES,
    CASE_SUMMARIES,
    EVIDENCE_NOTES,
    OUTCOME_CYCLE,
    PROSE,
    SHARED_IMPROVEMENTS,
    SHARED_STRENGTHS,
    SHARED_TEXT,
    TYPE_ALIASES,
)


def seed(stdout) -> None:
    for reference, completed_share in (
        ("demo-fieldwork", 0.4),
        *((reference, 1.0) for reference in TO_MODERATION),
    ):
        inspection = (
            Inspection.objects.filter(reference=reference)
            .select_related("framework_version", "authority")
            .first()
        )
        if inspection is None:
            stdout.write(f"recording: no inspection '{reference}', skipped")
            continue
        counts = _fill(inspection, completed_share=completed_share)
        stdout.write(
            f"recording: {reference}: {counts['judgements']} judgements written, "
            f"{counts['evidence']} evidence records, {counts['cases']} cases"
        )
        if reference in TO_MODERATION:
            _to_moderation(inspection)


def _to_moderation(inspection) -> None:
    """Close the evidence at the end of the window, then start moderation, as the lead."""
    members, by_inspectorate = _members(inspection)
    lead = _writer(by_inspectorate, None, members, lead_first=True)
    when = milestones(inspection)
    if inspection.status == Status.FIELDWORK:
        advance(inspection, "close_evidence", by=lead, at=when["close_evidence"])
    if inspection.status == Status.EVIDENCE_CLOSED:
        advance(inspection, "start_moderation", by=lead, at=when["start_moderation"])


def _members(inspection):
    members = list(inspection.team.filter(is_active=True).select_related("user"))
    by_inspectorate: dict[int, list] = {}
    for member in members:
        by_inspectorate.setdefault(member.inspectorate_id, []).append(member)
    return members, by_inspectorate


def _writer(by_inspectorate, inspectorate_id, members, *, lead_first=False):
    """Someone of that inspectorate on the team (an inspector, or its lead), else the lead."""
    candidates = by_inspectorate.get(inspectorate_id, [])
    order = (
        (TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD, TeamRole.INSPECTOR)
        if lead_first
        else (TeamRole.INSPECTOR, TeamRole.INSPECTORATE_LEAD, TeamRole.OVERALL_LEAD)
    )
    for role in order:
        for member in candidates:
            if member.role == role:
                return member.user
    for member in members:
        if member.role == TeamRole.OVERALL_LEAD:
            return member.user
    if members:
        return members[0].user
    return User.objects.filter(inspectorate_id=inspectorate_id).first()


def _prose(agency_type: str, area_code: str):
    kind = TYPE_ALIASES.get(agency_type, agency_type)
    area = AREA_ALIASES.get(area_code, area_code)
    bank = PROSE.get(kind, PROSE["childrens_social_care"])
    return bank.get(area) or bank["overall_effectiveness"]


@transaction.atomic
def _fill(inspection, *, completed_share: float) -> dict:
    """Drafts midway through the window, completed judgements at its end."""
    services.judgements_ensure(inspection=inspection)
    when = milestones(inspection)

    def drafts():
        return clock.travel_to(when["drafts"])

    def complete():
        return clock.travel_to(when["complete"])

    members, by_inspectorate = _members(inspection)
    graded = inspection.framework_version.graded
    counts = {"judgements": 0, "evidence": 0, "cases": 0}

    judgements = list(
        Judgement.objects.filter(inspection=inspection)
        .select_related("agency__agency_type", "area__version")
        .order_by("agency__agency_type__order", "agency__name", "area__order")
    )
    # Within each inspectorate's list: the first share completed, the next few in progress.
    per_inspectorate: dict[int, int] = {}
    positions = []
    for judgement in judgements:
        positions.append(per_inspectorate.get(judgement.inspectorate_id, 0))
        per_inspectorate[judgement.inspectorate_id] = positions[-1] + 1
    for judgement, index in zip(judgements, positions, strict=True):
        total = per_inspectorate[judgement.inspectorate_id]
        to_complete = round(total * completed_share)
        if judgement.version > 0 or judgement.status != JudgementStatus.NOT_STARTED:
            continue
        user = _writer(by_inspectorate, judgement.inspectorate_id, members)
        if user is None:
            continue
        grade, strengths, improvements, summary = _prose(
            judgement.agency.agency_type.code, judgement.area.code
        )
        if index < to_complete:
            # A first draft, then the completed judgement: the history has two versions.
            with drafts():
                saved = services.judgement_save(
                    judgement=judgement,
                    user=user,
                    version=0,
                    grade=grade if graded else "",
                    strengths=strengths[:1],
                    evidence_summary=summary.split(";")[0],
                )
            with complete():
                services.judgement_save(
                    judgement=saved,
                    user=user,
                    version=saved.version,
                    grade=grade if graded else "",
                    strengths=strengths,
                    improvements=improvements,
                    evidence_summary=summary,
                    complete=True,
                )
            counts["judgements"] += 1
        elif index < to_complete + max(1, total // 4):
            with drafts():
                services.judgement_save(
                    judgement=judgement,
                    user=user,
                    version=0,
                    grade="",
                    strengths=strengths[:2],
                    improvements=improvements[:1],
                    evidence_summary=summary,
                )
            counts["judgements"] += 1

    with drafts():
        counts["evidence"] = _evidence(
            inspection, judgements, members, by_inspectorate, 18 if completed_share < 1 else 36
        )
        counts["cases"] = _cases(inspection, members, completed_share)
    if completed_share >= 1:
        with complete():
            _agree_shared(inspection, members, by_inspectorate, graded)
    return counts


def _evidence(inspection, judgements, members, by_inspectorate, n_records: int) -> int:
    """Evidence records on the window's days so far (the clock's today at the latest)."""
    agencies = list(inspection.agencies.select_related("agency_type"))
    areas = [a for a in inspection.framework_version.judgement_areas.all() if not a.is_shared]
    if not agencies or not areas or inspection.evidence.exists():
        return 0
    made = 0
    sources = itertools.cycle(EvidenceSource.values)
    for n in range(n_records):
        agency = agencies[n % len(agencies)]
        source = next(sources)
        notes = EVIDENCE_NOTES[source]
        user = _writer(by_inspectorate, _judged_by(judgements, agency), members)
        if user is None:
            continue
        services.evidence_record_create(
            inspection=inspection,
            user=user,
            agency=agency,
            source=source,
            date=min(inspection.window_start + datetime.timedelta(days=n % 5), clock.today()),
            note=notes[n % len(notes)].format(ref=_reference(inspection, n % 12)),
            areas=[areas[n % len(areas)], areas[(n + 2) % len(areas)]],
        )
        made += 1
    return made


def _cases(inspection, members, completed_share: float) -> int:
    agencies = list(inspection.agencies.select_related("agency_type"))
    if not agencies or not members or inspection.case_samples.exists():
        return 0
    criteria = list(CaseCriterion.objects.filter(version=inspection.framework_version_id))
    tracked = max(5, inspection.framework_version.min_tracked_cases)
    total = 8 if completed_share < 1 else 12
    for n in range(total):
        user = members[n % len(members)].user
        case = services.case_sample_create(
            inspection=inspection,
            user=user,
            reference=_reference(inspection, n),
            kind=CaseKind.TRACKED if n < tracked else CaseKind.SAMPLED,
            agencies=list({agencies[0], agencies[n % len(agencies)]}),
            summary=CASE_SUMMARIES[n % len(CASE_SUMMARIES)],
        )
        if completed_share < 1 and n >= 4:
            continue  # the rest of the fieldwork sample is not assessed yet
        services.case_assessments_record(
            case=case,
            user=user,
            assessments={
                c.code: {"outcome": OUTCOME_CYCLE[(n + i) % len(OUTCOME_CYCLE)], "note": ""}
                for i, c in enumerate(criteria)
            },
        )
    return total


def _judged_by(judgements, agency):
    for judgement in judgements:
        if judgement.agency_id == agency.pk:
            return judgement.inspectorate_id
    return None


def _reference(inspection, n: int) -> str:
    letters = "".join(ch for ch in inspection.authority.name.upper() if ch.isalpha())[:3] or "CAS"
    return f"{letters}-{(n + 1) * 37 % 9000 + 100:04d}"


def _agree_shared(inspection, members, by_inspectorate, graded) -> None:
    lead = _writer(by_inspectorate, None, members, lead_first=True)
    for shared in SharedJudgement.objects.filter(inspection=inspection).select_related("area"):
        if shared.version == 0 and lead is not None:
            shared, _ = services.shared_judgement_save(
                shared=shared,
                user=lead,
                version=0,
                grade="requires_improvement" if graded else "",
                text=SHARED_TEXT,
                strengths=SHARED_STRENGTHS,
                improvements=SHARED_IMPROVEMENTS,
            )
        if shared.version == 0:
            continue
        for inspectorate in inspection.inspectorates.all():
            if SharedJudgementAgreement.objects.filter(
                shared_judgement=shared, inspectorate=inspectorate
            ).exists():
                continue
            user = _writer(by_inspectorate, inspectorate.pk, members, lead_first=True)
            if user is None:
                continue
            services.shared_judgement_agreement_record(
                shared=shared,
                user=user,
                inspectorate=inspectorate,
                agrees=True,
                comment="",
                version=shared.version,
            )
