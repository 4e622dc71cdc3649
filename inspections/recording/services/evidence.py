"""Writes of evidence records: what an inspector saw, about which agency, for which areas."""

from collections.abc import Iterable

from django.db import transaction

from inspections.models import EvidenceRecord, EvidenceSource, Inspection, JudgementArea
from jtai import clock
from jtai.exceptions import ApplicationError

from ...fieldwork.lines import line_of_enquiry_checked
from ..least_data import names_a_case, personal_details_errors
from .common import MAX_NOTE_LENGTH, locked_at_version, save_with_links


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
    elif names_a_case(note) and (details := personal_details_errors(note, what="the note")):
        errors["note"] = details
    area_ids = {getattr(a, "pk", a) for a in (areas or [])}
    valid_areas = list(
        JudgementArea.objects.filter(version=inspection.framework_version_id, pk__in=area_ids)
    )
    if len(valid_areas) != len(area_ids):
        errors["areas"] = ["Select judgement areas of this inspection's framework"]
    if errors:
        raise ApplicationError.from_fields(errors)
    return note, valid_areas


@transaction.atomic
def evidence_record_create(
    *,
    inspection: Inspection,
    user,
    agency,
    source: str,
    date,
    note: str,
    areas: Iterable = (),
    line_of_enquiry=None,
) -> EvidenceRecord:
    note, areas = _evidence_values(
        inspection=inspection, agency=agency, source=source, date=date, note=note, areas=areas
    )
    line_of_enquiry = line_of_enquiry_checked(
        inspection=inspection, line_of_enquiry=line_of_enquiry
    )
    record = EvidenceRecord(
        line_of_enquiry=line_of_enquiry,
        inspection=inspection,
        agency_id=getattr(agency, "pk", agency),
        source=source,
        date=date,
        note=note,
        recorded_by=user,
    )
    return save_with_links(record, areas=areas)


@transaction.atomic
def evidence_record_update(
    *,
    record: EvidenceRecord,
    version: int,
    agency,
    source: str,
    date,
    note: str,
    areas: Iterable = (),
    line_of_enquiry=None,
) -> EvidenceRecord:
    """Change an evidence record.

    `version` is the version the user started from; if someone has saved since, nothing is
    written and `StaleVersionError` (409) carries the record as it is now.
    """
    note, areas = _evidence_values(
        inspection=record.inspection,
        agency=agency,
        source=source,
        date=date,
        note=note,
        areas=areas,
    )
    line_of_enquiry = line_of_enquiry_checked(
        inspection=record.inspection, line_of_enquiry=line_of_enquiry
    )
    current = locked_at_version(
        record,
        version=version,
        stale_message=(
            "This evidence record was changed by someone else after you started editing it."
        ),
    )
    current.agency_id = getattr(agency, "pk", agency)
    current.source = source
    current.date = date
    current.note = note
    current.line_of_enquiry = line_of_enquiry
    current.version = version + 1
    return save_with_links(current, areas=areas)
