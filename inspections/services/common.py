"""Small pieces the inspection services share: dates in messages, refusals, validation."""

from __future__ import annotations

import datetime

from django.db import IntegrityError

from jtai.exceptions import ApplicationError, ConflictError
from jtai.exceptions import full_clean as full_clean  # the services here import it from here

from ..models import Inspection


def long_date(day: datetime.date) -> str:
    """A date as people write it in a message: 4 December 2017."""
    return f"{day.day} {day:%B %Y}"


def fail(message: str, field: str | None = None, *, conflict: bool = False):
    """Refuse with `message`, on `field` when given; `conflict=True` for a state conflict."""
    error = ConflictError if conflict else ApplicationError
    raise error(message, fields={field: [message]} if field else None)


def translate_integrity_error(exc: IntegrityError, message_for: dict[str, str]):
    """Re-raise a database constraint's refusal as the rule's message (or as it came)."""
    text = str(exc)
    for constraint, message in message_for.items():
        if constraint in text:
            raise ApplicationError(message, fields={"__all__": [message]}) from exc
    raise exc


def check_lock(inspection: Inspection, lock_version: int | None) -> None:
    """Refuse a change made from a stale copy of the inspection."""
    if lock_version is not None and int(lock_version) != inspection.lock_version:
        raise ConflictError(
            "Someone else changed this inspection while you were editing it; "
            "reload it to see their changes",
            fields={"lock_version": ["This inspection has changed since you loaded it"]},
        )
