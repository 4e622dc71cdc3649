"""Every write of what inspectors record: judgements, evidence, case samples, the shared judgement.

Callers (pages and API) decide *who* may act with `permissions.py`; these functions enforce the
rules of the data itself: valid values, completeness, and no lost updates (each save names the
version it started from and a stale one is refused with `StaleVersionError`).

One module per concern; this package re-exports them so `recording.services.<name>` keeps
working for every caller.
"""

from .cases import (
    CASE_REFERENCE,
    CASE_REFERENCE_HINT,
    case_assessments_record,
    case_reference_errors,
    case_sample_create,
    case_sample_update,
)
from .common import (
    MAX_ITEM_LENGTH,
    MAX_ITEMS,
    MAX_NOTE_LENGTH,
    MAX_SUMMARY_LENGTH,
    StaleVersionError,
    clean_items,
    validate_judgement_content,
)
from .evidence import evidence_record_create, evidence_record_update
from .judgements import judgement_save, judgements_ensure
from .shared import (
    shared_judgement_agreement_record,
    shared_judgement_is_agreed,
    shared_judgement_save,
)

__all__ = [
    "CASE_REFERENCE",
    "CASE_REFERENCE_HINT",
    "MAX_ITEMS",
    "MAX_ITEM_LENGTH",
    "MAX_NOTE_LENGTH",
    "MAX_SUMMARY_LENGTH",
    "StaleVersionError",
    "case_assessments_record",
    "case_reference_errors",
    "case_sample_create",
    "case_sample_update",
    "clean_items",
    "evidence_record_create",
    "evidence_record_update",
    "judgement_save",
    "judgements_ensure",
    "shared_judgement_agreement_record",
    "shared_judgement_is_agreed",
    "shared_judgement_save",
    "validate_judgement_content",
]
