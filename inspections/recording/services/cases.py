"""Writes of the case sample: cases by reference (never a child's name) and their assessment
against the framework's case criteria."""

import re

from django.db import transaction

from inspections.models import (
    AssessmentOutcome,
    CaseAssessment,
    CaseCriterion,
    CaseKind,
    CaseSample,
    Inspection,
)
from jtai.exceptions import ApplicationError

from ..least_data import CASE_REFERENCE, CASE_REFERENCE_HINT, personal_details_errors
from .common import MAX_NOTE_LENGTH, locked_at_version, save_with_links


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
    elif details := personal_details_errors(summary, what="the summary"):
        errors["summary"] = details
    if errors:
        raise ApplicationError.from_fields(errors)
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
    return save_with_links(case, agencies=agencies)


@transaction.atomic
def case_sample_update(
    *, case: CaseSample, version: int, reference: str, kind: str, agencies, summary: str = ""
) -> CaseSample:
    """Change a case's details.

    `version` is the version the user started from; if someone has saved since, nothing is
    written and `StaleVersionError` (409) carries the case as it is now.
    """
    reference, agencies, summary = _case_values(
        inspection=case.inspection,
        reference=reference,
        kind=kind,
        agencies=agencies,
        summary=summary,
        exclude_pk=case.pk,
    )
    current = locked_at_version(
        case,
        version=version,
        stale_message="This case was changed by someone else after you started editing it.",
    )
    current.reference = reference
    current.kind = kind
    current.summary = summary
    current.version = version + 1
    return save_with_links(current, agencies=agencies)


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
        elif details := personal_details_errors((values or {}).get("note"), what="the note"):
            errors[code] = details
    if errors:
        raise ApplicationError.from_fields(errors)
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
