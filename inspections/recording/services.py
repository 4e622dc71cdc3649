"""Every write of what inspectors record: judgements, evidence, case samples, the shared judgement.

Callers (pages and API) decide *who* may act with `permissions.py`; these functions enforce the
rules of the data itself: valid values, completeness, and no lost updates (each save names the
version it started from and a stale one is refused with `StaleVersionError`).
"""

import re
from collections.abc import Iterable

from django.db import transaction

from agencies.models import Grade, PartnerAgency
from inspections.models import (
    AssessmentOutcome,
    CaseAssessment,
    CaseCriterion,
    CaseKind,
    CaseSample,
    EvidenceRecord,
    EvidenceSource,
    FrameworkAgencyType,
    Inspection,
    Judgement,
    JudgementArea,
    JudgementRevision,
    JudgementStatus,
    SharedJudgement,
    SharedJudgementAgreement,
)
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError

MAX_ITEMS = 30
MAX_ITEM_LENGTH = 1000
MAX_SUMMARY_LENGTH = 20000
MAX_NOTE_LENGTH = 10000

# Two to four capital letters, a hyphen, one to six digits: HAR-0042, WM-17, LSCB-000123.
CASE_REFERENCE = re.compile(r"^[A-Z]{2,4}-[0-9]{1,6}$")
CASE_REFERENCE_HINT = "two to four capital letters, a hyphen and up to six digits, like HAR-0042"


class StaleVersionError(ConflictError):
    """Someone saved a newer version since this user started editing."""

    def __init__(self, message: str, *, current):
        super().__init__(message, fields={"version": [message]})
        self.current = current


# ---------------------------------------------------------------------------------------------
# Judgements


def judgements_ensure(*, inspection: Inspection) -> int:
    """Create the judgement rows of an inspection (idempotent); returns how many were created.

    One per agency × non-shared area of the framework version that applies to the agency's
    type, judged by the inspectorate the framework names for that type; one shared judgement
    per shared area. Agencies whose type the framework does not cover get none.
    """
    version = inspection.framework_version
    judged_by = {
        rule.agency_type_id: rule.judged_by_id
        for rule in FrameworkAgencyType.objects.filter(version=version)
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
        Judgement.objects.bulk_create(to_create, ignore_conflicts=True)
        for area in areas:
            if area.is_shared:
                SharedJudgement.objects.get_or_create(inspection=inspection, area=area)
    return len(to_create)


def clean_items(value, *, field: str) -> list[str]:
    """A list of non-empty items from a list or from text with one item per line."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple):
        raise ApplicationError("Enter a list of items.", fields={field: ["Enter a list of items."]})
    items = []
    for item in value:
        if not isinstance(item, str):
            raise ApplicationError(
                "Each item must be text.", fields={field: ["Each item must be text."]}
            )
        item = " ".join(item.split())
        if item:
            items.append(item)
    errors = []
    if len(items) > MAX_ITEMS:
        errors.append(f"Enter no more than {MAX_ITEMS} items")
    if any(len(item) > MAX_ITEM_LENGTH for item in items):
        errors.append(f"Each item must be {MAX_ITEM_LENGTH} characters or fewer")
    if errors:
        raise ApplicationError(errors[0], fields={field: errors})
    return items


def _validate_judgement_content(
    *,
    graded: bool,
    grade: str,
    strengths,
    improvements,
    summary: str,
    complete: bool,
    summary_field: str = "evidence_summary",
) -> tuple[list[str], list[str]]:
    errors: dict[str, list[str]] = {}
    try:
        strengths = clean_items(strengths, field="strengths")
    except ApplicationError as exc:
        errors.update(exc.fields)
    try:
        improvements = clean_items(improvements, field="improvements")
    except ApplicationError as exc:
        errors.update(exc.fields)
    if grade and not graded:
        errors["grade"] = ["This framework is not graded: record findings only"]
    elif grade and grade not in Grade.values:
        errors["grade"] = ["Select a grade from the list"]
    if len(summary) > MAX_SUMMARY_LENGTH:
        errors[summary_field] = [f"This must be {MAX_SUMMARY_LENGTH} characters or fewer"]
    if complete and not errors:
        if graded and not grade:
            errors["grade"] = ["Select a grade before marking the judgement as completed"]
        if not strengths and not improvements:
            message = "Enter at least one key strength or area for improvement"
            errors["strengths"] = [message]
    if errors:
        first = next(iter(errors.values()))[0]
        raise ApplicationError(first, fields=errors)
    return strengths, improvements


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
    graded = judgement.area.version.graded
    grade = (grade or "").strip()
    evidence_summary = (evidence_summary or "").strip()
    strengths, improvements = _validate_judgement_content(
        graded=graded,
        grade=grade,
        strengths=strengths,
        improvements=improvements,
        summary=evidence_summary,
        complete=complete,
    )
    current = Judgement.objects.select_for_update().get(pk=judgement.pk)
    if current.version != version:
        raise StaleVersionError(
            "This judgement was changed by someone else after you started editing it.",
            current=current,
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


# ---------------------------------------------------------------------------------------------
# Evidence records


def _evidence_values(*, inspection, agency, source, date, note, areas):
    errors: dict[str, list[str]] = {}
    if agency is None:
        errors["agency"] = ["Select the agency the evidence is about"]
    elif not inspection.agencies.filter(pk=getattr(agency, "pk", agency)).exists():
        errors["agency"] = ["Select an agency covered by this inspection"]
    if source not in EvidenceSource.values:
        errors["source"] = ["Select where the evidence comes from"]
    if date is None:
        errors["date"] = ["Enter the date of the evidence"]
    elif date > clock.today():
        errors["date"] = ["The date of the evidence must be today or in the past"]
    note = (note or "").strip()
    if not note:
        errors["note"] = ["Enter a note of the evidence"]
    elif len(note) > MAX_NOTE_LENGTH:
        errors["note"] = [f"The note must be {MAX_NOTE_LENGTH} characters or fewer"]
    area_ids = {getattr(a, "pk", a) for a in (areas or [])}
    valid_areas = list(
        JudgementArea.objects.filter(version=inspection.framework_version_id, pk__in=area_ids)
    )
    if len(valid_areas) != len(area_ids):
        errors["areas"] = ["Select judgement areas of this inspection's framework"]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], fields=errors)
    return note, valid_areas


@transaction.atomic
def evidence_record_create(
    *, inspection: Inspection, user, agency, source: str, date, note: str, areas: Iterable = ()
) -> EvidenceRecord:
    note, areas = _evidence_values(
        inspection=inspection, agency=agency, source=source, date=date, note=note, areas=areas
    )
    record = EvidenceRecord(
        inspection=inspection,
        agency_id=getattr(agency, "pk", agency),
        source=source,
        date=date,
        note=note,
        recorded_by=user,
    )
    record.full_clean()
    record.save()
    record.areas.set(areas)
    return record


@transaction.atomic
def evidence_record_update(
    *, record: EvidenceRecord, agency, source: str, date, note: str, areas: Iterable = ()
) -> EvidenceRecord:
    note, areas = _evidence_values(
        inspection=record.inspection,
        agency=agency,
        source=source,
        date=date,
        note=note,
        areas=areas,
    )
    record.agency_id = getattr(agency, "pk", agency)
    record.source = source
    record.date = date
    record.note = note
    record.full_clean()
    record.save()
    record.areas.set(areas)
    return record


# ---------------------------------------------------------------------------------------------
# Case samples


def case_reference_errors(reference: str) -> list[str]:
    """Why a case reference is not acceptable (empty list when it is)."""
    if not reference:
        return ["Enter the case reference"]
    if CASE_REFERENCE.match(reference):
        return []
    if re.search(r"[a-z]", reference) and re.search(r"[A-Za-z]{2,}[\s,.']+[A-Za-z]", reference):
        return [
            "Enter the case reference, not a name: never record a child's name. "
            f"A reference is {CASE_REFERENCE_HINT}"
        ]
    return [f"Enter a case reference in the right format: {CASE_REFERENCE_HINT}"]


def _case_values(*, inspection, reference, kind, agencies, summary, exclude_pk=None):
    errors: dict[str, list[str]] = {}
    reference = (reference or "").strip()
    reference_errors = case_reference_errors(reference)
    if reference_errors:
        errors["reference"] = reference_errors
    elif (
        CaseSample.objects.filter(inspection=inspection, reference=reference)
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["reference"] = [f"Case {reference} is already in this inspection's sample"]
    if kind not in CaseKind.values:
        errors["kind"] = ["Select whether the case is tracked or sampled"]
    agency_ids = {getattr(a, "pk", a) for a in (agencies or [])}
    valid = list(inspection.agencies.filter(pk__in=agency_ids))
    if not agency_ids:
        errors["agencies"] = ["Select the agencies involved in the case"]
    elif len(valid) != len(agency_ids):
        errors["agencies"] = ["Select agencies covered by this inspection"]
    summary = (summary or "").strip()
    if len(summary) > MAX_NOTE_LENGTH:
        errors["summary"] = [f"The summary must be {MAX_NOTE_LENGTH} characters or fewer"]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], fields=errors)
    return reference, valid, summary


@transaction.atomic
def case_sample_create(
    *, inspection: Inspection, user, reference: str, kind: str, agencies, summary: str = ""
) -> CaseSample:
    reference, agencies, summary = _case_values(
        inspection=inspection, reference=reference, kind=kind, agencies=agencies, summary=summary
    )
    case = CaseSample(
        inspection=inspection, reference=reference, kind=kind, summary=summary, recorded_by=user
    )
    case.full_clean()
    case.save()
    case.agencies.set(agencies)
    return case


@transaction.atomic
def case_sample_update(
    *, case: CaseSample, reference: str, kind: str, agencies, summary: str = ""
) -> CaseSample:
    reference, agencies, summary = _case_values(
        inspection=case.inspection,
        reference=reference,
        kind=kind,
        agencies=agencies,
        summary=summary,
        exclude_pk=case.pk,
    )
    case.reference = reference
    case.kind = kind
    case.summary = summary
    case.full_clean()
    case.save()
    case.agencies.set(agencies)
    return case


@transaction.atomic
def case_assessments_record(
    *, case: CaseSample, user, assessments: dict[str, dict]
) -> list[CaseAssessment]:
    """Record the case's assessment against the framework's criteria.

    `assessments` maps a criterion code to {"outcome": ..., "note": ...}; an empty outcome
    removes that criterion's assessment.
    """
    criteria = {
        c.code: c
        for c in CaseCriterion.objects.filter(version=case.inspection.framework_version_id)
    }
    errors: dict[str, list[str]] = {}
    for code, values in assessments.items():
        if code not in criteria:
            errors[code] = ["This is not a case criterion of the inspection's framework"]
            continue
        outcome = (values or {}).get("outcome") or ""
        if outcome and outcome not in AssessmentOutcome.values:
            errors[code] = ["Select met, partly met, not met or not applicable"]
        if len((values or {}).get("note") or "") > MAX_NOTE_LENGTH:
            errors[code] = [f"The note must be {MAX_NOTE_LENGTH} characters or fewer"]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], fields=errors)
    existing = {a.criterion_id: a for a in case.assessments.all()}
    saved = []
    for code, values in assessments.items():
        criterion = criteria[code]
        outcome = (values or {}).get("outcome") or ""
        note = ((values or {}).get("note") or "").strip()
        assessment = existing.get(criterion.pk)
        if not outcome:
            if assessment is not None:
                assessment.delete()
            continue
        if assessment is None:
            assessment = CaseAssessment(case=case, criterion=criterion)
        assessment.outcome = outcome
        assessment.note = note
        assessment.assessed_by = user
        assessment.full_clean()
        assessment.save()
        saved.append(assessment)
    return saved


# ---------------------------------------------------------------------------------------------
# The shared judgement


@transaction.atomic
def shared_judgement_save(
    *,
    shared: SharedJudgement,
    user,
    version: int,
    grade: str = "",
    text: str = "",
    strengths=(),
    improvements=(),
) -> tuple[SharedJudgement, int]:
    """The overall lead's draft. Returns the judgement and how many agreements it cleared.

    Any change after agreement clears the agreements: the leads are told by email (after the
    transaction commits) and on the page.
    """
    graded = shared.area.version.graded
    grade = (grade or "").strip()
    text = (text or "").strip()
    strengths, improvements = _validate_judgement_content(
        graded=graded,
        grade=grade,
        strengths=strengths,
        improvements=improvements,
        summary=text,
        complete=False,
        summary_field="text",
    )
    if not text:
        raise ApplicationError(
            "Enter the shared judgement's text",
            fields={"text": ["Enter the shared judgement's text"]},
        )
    current = SharedJudgement.objects.select_for_update().get(pk=shared.pk)
    if current.version != version:
        raise StaleVersionError(
            "The shared judgement was changed by someone else after you started editing it.",
            current=current,
        )
    current.grade = grade
    current.text = text
    current.strengths = strengths
    current.improvements = improvements
    current.version = version + 1
    current.drafted_by = user
    current.updated_at = clock.now()
    current.full_clean(exclude=["inspection", "area"])
    current.save()
    cleared, _ = SharedJudgementAgreement.objects.filter(shared_judgement=current).delete()
    if cleared:
        from .tasks import notify_shared_judgement_changed

        notify_shared_judgement_changed.delay_on_commit(current.pk, current.version)
    return current, cleared


@transaction.atomic
def shared_judgement_agreement_record(
    *, shared: SharedJudgement, user, inspectorate, agrees: bool, version: int, comment: str = ""
) -> SharedJudgementAgreement:
    """A lead agrees (or disagrees, with a comment) with the version of the text they read."""
    comment = (comment or "").strip()
    if agrees is None:
        raise ApplicationError(
            "Select whether you agree", fields={"agrees": ["Select whether you agree"]}
        )
    if not agrees and not comment:
        raise ApplicationError(
            "Explain why you disagree",
            fields={"comment": ["Explain why you disagree, so the overall lead can respond"]},
        )
    if len(comment) > MAX_NOTE_LENGTH:
        raise ApplicationError(
            "The comment is too long",
            fields={"comment": [f"The comment must be {MAX_NOTE_LENGTH} characters or fewer"]},
        )
    current = SharedJudgement.objects.select_for_update().get(pk=shared.pk)
    if current.version == 0:
        raise ConflictError("The shared judgement has not been drafted yet.")
    if current.version != version:
        raise StaleVersionError(
            "The shared judgement changed after you read it: read the new version first.",
            current=current,
        )
    agreement, _ = SharedJudgementAgreement.objects.update_or_create(
        shared_judgement=current,
        inspectorate=inspectorate,
        defaults={
            "by": user,
            "agrees": bool(agrees),
            "comment": comment,
            "judgement_version": current.version,
            "at": clock.now(),
        },
    )
    return agreement


def agency_choices_for(inspection: Inspection):
    return PartnerAgency.objects.filter(inspections=inspection).select_related("agency_type")


def shared_judgement_is_agreed(shared: SharedJudgement) -> bool:
    """True when drafted and every participating inspectorate agrees with the current version.

    The rule lives in `selectors`; it is here too because moderation and the report ask it
    before they write.
    """
    from .selectors import shared_judgement_is_agreed as is_agreed

    return is_agreed(shared)
