"""What the schedule holds and removes for one inspection (the admin page's reads)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..models.inspection import Inspection
from . import registry
from .models import LegalHold, RetentionRemoval
from .schedule import ENDED_STATUSES


@dataclass(frozen=True)
class KindRow:
    kind: registry.Kind
    held: int | None
    goes_on: datetime.date | None
    removed: RetentionRemoval | None


def inspection_ended_on(inspection: Inspection) -> datetime.date | None:
    if inspection.status not in ENDED_STATUSES:
        return None
    return registry.ended_on([inspection.pk]).get(inspection.pk)


def legal_hold_in_place(inspection: Inspection) -> LegalHold | None:
    return (
        LegalHold.objects.filter(inspection=inspection, lifted_at__isnull=True)
        .select_related("by")
        .first()
    )


def legal_holds_lifted(inspection: Inspection) -> list[LegalHold]:
    return list(
        LegalHold.objects.filter(inspection=inspection, lifted_at__isnull=False).select_related(
            "by", "lifted_by"
        )
    )


def retention_rows(inspection: Inspection, ended: datetime.date | None) -> list[KindRow]:
    """Per kind: how many items the inspection holds, when they go, and what already went.
    One count query per kind that counts (a fixed number, whatever the data)."""
    removals = {r.kind: r for r in RetentionRemoval.objects.filter(inspection=inspection)}
    return [
        KindRow(
            kind=kind,
            held=kind.count(inspection.pk) if kind.count else None,
            goes_on=kind.due_on(ended),
            removed=removals.get(kind.code),
        )
        for kind in registry.kinds()
    ]
