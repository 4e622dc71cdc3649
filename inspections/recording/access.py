"""Access records for the recording's child-level reads: a case sample, and an evidence record
whose note names a case (by its reference)."""

from __future__ import annotations

from jtai.access import AccessKind, access_record, access_records_record

from .least_data import names_a_case


def case_read(request, case, inspection) -> None:
    access_record(
        request=request,
        kind=AccessKind.CASE_SAMPLE,
        object_id=case.pk,
        inspection_id=inspection.pk,
        inspection_label=inspection.reference,
    )


def evidence_read(request, record, inspection) -> None:
    """Only an evidence record whose note names a case is a child-level item."""
    if names_a_case(record.note):
        access_record(
            request=request,
            kind=AccessKind.EVIDENCE,
            object_id=record.pk,
            inspection_id=inspection.pk,
            inspection_label=inspection.reference,
        )


def cases_listed(request, cases, inspection) -> None:
    """A list of case samples shows each one: one record per case shown, in one query."""
    access_records_record(
        request=request,
        kind=AccessKind.CASE_SAMPLE,
        items=[(case.pk, inspection.pk, inspection.reference) for case in cases],
    )


def evidence_listed(request, records, inspection) -> None:
    """A list of evidence shows each note: one record per note that names a case."""
    access_records_record(
        request=request,
        kind=AccessKind.EVIDENCE,
        items=[
            (record.pk, inspection.pk, inspection.reference)
            for record in records
            if names_a_case(record.note)
        ],
    )
