"""Access records for case tracking: reading a tracked case's answers is a child-level read."""

from __future__ import annotations

from jtai.access import AccessKind, access_record


def tracked_case_read(request, case, inspection) -> None:
    access_record(
        request=request,
        kind=AccessKind.CASE_TRACKING,
        object_id=case.pk,
        inspection_id=inspection.pk,
        inspection_label=inspection.reference,
    )
