"""The bounds every input is held to before it reaches a query or the database.

Dates outside the years an inspection can happen in overflow date arithmetic (a window that
ends after 9999-12-31, a calendar month before year 1) and are nonsense in any case; ids and
integers beyond the database's columns make it refuse the query. Each is checked here, once,
and the serializers, forms and views that read them use these checks.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)

# PostgreSQL's integer and bigint (every table's id is a bigint).
MAX_INT = 2**31 - 1
MAX_ID = 2**63 - 1

DATE_OUT_OF_RANGE = f"Enter a date between {EARLIEST_DATE:%-d %B %Y} and {LATEST_DATE:%-d %B %Y}"


def date_in_range(value: datetime.date) -> bool:
    return EARLIEST_DATE <= value <= LATEST_DATE


def validate_date_in_range(value: datetime.date | None) -> None:
    """A validator for forms, serializers and models: refuses a date outside the years the
    product deals with."""
    if value is not None and not date_in_range(value):
        raise ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range")


def parse_id(value: object) -> int | None:
    """An id read from a query parameter or a form, or None when it is not one.

    Only ASCII digits count (`str.isdigit()` also accepts "²" and other digits that `int()`
    refuses), and only values a database id can hold.
    """
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
