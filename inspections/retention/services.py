"""Applying the retention schedule, and placing and lifting legal holds."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from jtai import clock
from jtai.exceptions import ConflictError, full_clean

from ..models.inspection import Inspection
from ..permissions import require_can_manage_programme
from . import registry
from .models import LegalHold, RetentionRemoval
from .schedule import ended_inspection_ids

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


@dataclass(frozen=True)
class Removed:
    inspection_id: int
    reference: str
    kind: str
    removed: int


def _lock(inspection: Inspection) -> None:
    list(Inspection.objects.select_for_update().filter(pk=inspection.pk).values_list("pk"))


def inspections_held() -> set[int]:
    return set(
        LegalHold.objects.filter(lifted_at__isnull=True).values_list("inspection_id", flat=True)
    )


def _record(*, inspection_id: int, kind: str, removed: int, counts: dict, now) -> None:
    record, created = RetentionRemoval.objects.select_for_update().get_or_create(
        inspection_id=inspection_id,
        kind=kind,
        defaults={"removed": 0, "first_removed_at": now, "last_removed_at": now},
    )
    merged = dict(record.counts)
    for key, n in counts.items():
        merged[key] = merged.get(key, 0) + n
    RetentionRemoval.objects.filter(pk=record.pk).update(
        removed=F("removed") + removed, counts=merged, last_removed_at=now
    )


def _remove_kind(kind: registry.Kind, inspection: Inspection, batch_size: int) -> int:
    """Every due item of one kind from one inspection, a batch per transaction, re-checking the
    legal hold in each (a hold placed mid-run stops the next batch)."""
    total = 0
    while True:
        with transaction.atomic():
            # The inspection's row lock orders this batch with `legal_hold_place`, which takes
            # it too: a hold committed before the batch is seen, one placed after waits.
            _lock(inspection)
            if LegalHold.objects.filter(inspection=inspection, lifted_at__isnull=True).exists():
                return total
            removed, counts = kind.remove(inspection.pk, batch_size)
            if removed:
                _record(
                    inspection_id=inspection.pk,
                    kind=kind.code,
                    removed=removed,
                    counts=counts,
                    now=clock.now(),
                )
        total += removed
        if removed < batch_size:
            return total


def retention_apply(
    *, today: datetime.date | None = None, batch_size: int = BATCH_SIZE
) -> list[Removed]:
    """Remove what the schedule says is due on `today` from every ended inspection without a
    legal hold. Idempotent: a second run finds nothing due left. Logs counts, never content."""
    today = today or clock.today()
    held = inspections_held()
    ids = [pk for pk in ended_inspection_ids() if pk not in held]
    ended = registry.ended_on(ids)
    due_kinds = [k for k in registry.kinds() if k.is_applied]
    done: list[Removed] = []
    inspections = Inspection.objects.filter(pk__in=list(ended)).only("pk", "reference")
    for inspection in inspections.order_by("pk"):
        for kind in due_kinds:
            due = kind.due_on(ended[inspection.pk])
            if due is None or due > today:
                continue
            removed = _remove_kind(kind, inspection, batch_size)
            if removed:
                logger.info(
                    "retention: removed %d %s from inspection %s",
                    removed,
                    kind.code,
                    inspection.reference,
                )
                done.append(Removed(inspection.pk, inspection.reference, kind.code, removed))
    return done


@transaction.atomic
def legal_hold_place(*, inspection: Inspection, reason: str, by) -> LegalHold:
    """Suspend the schedule for the inspection until the hold is lifted."""
    require_can_manage_programme(by)
    _lock(inspection)
    if LegalHold.objects.filter(inspection=inspection, lifted_at__isnull=True).exists():
        raise ConflictError("A legal hold is already in place on this inspection")
    hold = LegalHold(inspection=inspection, reason=reason.strip(), by=by, at=clock.now())
    full_clean(hold)
    hold.save()
    logger.info("retention: legal hold placed on inspection %s", inspection.reference)
    return hold


@transaction.atomic
def legal_hold_lift(*, inspection: Inspection, by) -> LegalHold:
    """Lift the hold in place: the schedule applies again from its next run."""
    require_can_manage_programme(by)
    hold = (
        LegalHold.objects.select_for_update()
        .filter(inspection=inspection, lifted_at__isnull=True)
        .first()
    )
    if hold is None:
        raise ConflictError("There is no legal hold in place on this inspection")
    hold.lifted_at = clock.now()
    hold.lifted_by = by
    hold.save(update_fields=["lifted_at", "lifted_by"])
    logger.info("retention: legal hold lifted from inspection %s", inspection.reference)
    return hold
