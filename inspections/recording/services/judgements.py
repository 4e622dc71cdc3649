"""Writes of judgements: the rows of an inspection, and an inspector's draft or completed save."""

from django.db import transaction

from inspections.models import (
    FrameworkAgencyType,
    Inspection,
    Judgement,
    JudgementArea,
    JudgementRevision,
    JudgementStatus,
    SharedJudgement,
)
from jtai import clock
from jtai.exceptions import ConflictError

from .common import locked_at_version, validate_judgement_content


def judgements_ensure(*, inspection: Inspection) -> int:
    """Create the judgement rows of an inspection (idempotent); returns how many were created.

    One per agency × non-shared area of the framework version that applies to the agency's
    type, judged by the inspectorate the framework names for that type; one shared judgement
    per shared area. Agencies whose type the framework does not cover, or whose inspectorate
    does not take part (HMI Probation in a JTAI without it), get none; rows of an inspectorate
    no longer taking part that nobody has touched are removed, so they never block the report.
    """
    version = inspection.framework_version
    taking_part = set(inspection.inspectorates.values_list("pk", flat=True))
    judged_by = {
        rule.agency_type_id: rule.judged_by_id
        for rule in FrameworkAgencyType.objects.filter(
            version=version, judged_by_id__in=taking_part
        )
    }
    areas = list(
        JudgementArea.objects.filter(version=version).prefetch_related("excluded_agency_types")
    )
    existing = set(
        Judgement.objects.filter(inspection=inspection).values_list("agency_id", "area_id")
    )
    to_create = []
    for agency in inspection.agencies.all():
        inspectorate_id = judged_by.get(agency.agency_type_id)
        if inspectorate_id is None:
            continue
        for area in areas:
            if area.is_shared:
                continue
            if agency.agency_type_id in {t.pk for t in area.excluded_agency_types.all()}:
                continue
            if (agency.pk, area.pk) in existing:
                continue
            to_create.append(
                Judgement(
                    inspection=inspection,
                    agency=agency,
                    area=area,
                    inspectorate_id=inspectorate_id,
                )
            )
    with transaction.atomic():
        Judgement.objects.filter(
            inspection=inspection, status=JudgementStatus.NOT_STARTED, version=0
        ).exclude(inspectorate_id__in=taking_part).delete()
        Judgement.objects.bulk_create(to_create, ignore_conflicts=True)
        for area in areas:
            if area.is_shared:
                SharedJudgement.objects.get_or_create(inspection=inspection, area=area)
    return len(to_create)


@transaction.atomic
def judgement_save(
    *,
    judgement: Judgement,
    user,
    version: int,
    grade: str = "",
    strengths=(),
    improvements=(),
    evidence_summary: str = "",
    complete: bool = False,
) -> Judgement:
    """Save a judgement as a draft or as completed, and keep the revision.

    `version` is the version the user started from; if someone has saved since, nothing is
    written and `StaleVersionError` carries the current judgement.
    """
    grade, strengths, improvements, evidence_summary = validate_judgement_content(
        graded=judgement.area.version.graded,
        grade=grade,
        strengths=strengths,
        improvements=improvements,
        summary=evidence_summary,
        complete=complete,
    )
    current = locked_at_version(
        judgement,
        version=version,
        stale_message="This judgement was changed by someone else after you started editing it.",
    )
    if current.status == JudgementStatus.SIGNED_OFF:
        raise ConflictError("This judgement has been signed off and can no longer be changed.")

    if complete:
        status = JudgementStatus.COMPLETED
    elif current.status == JudgementStatus.RETURNED:
        status = JudgementStatus.RETURNED  # stays on the inspector's list until completed
    else:
        status = JudgementStatus.IN_PROGRESS
    now = clock.now()
    current.grade = grade
    current.strengths = strengths
    current.improvements = improvements
    current.evidence_summary = evidence_summary
    current.status = status
    current.version = version + 1
    current.updated_by = user
    current.updated_at = now
    current.full_clean(exclude=["inspection", "agency", "area", "inspectorate"])
    current.save(
        update_fields=[
            "grade",
            "strengths",
            "improvements",
            "evidence_summary",
            "status",
            "version",
            "updated_by",
            "updated_at",
        ]
    )
    JudgementRevision.objects.create(
        judgement=current,
        version=current.version,
        grade=grade,
        strengths=strengths,
        improvements=improvements,
        evidence_summary=evidence_summary,
        status=status,
        by=user,
        at=now,
        note="Marked as completed" if complete else "Saved as draft",
    )
    return current
