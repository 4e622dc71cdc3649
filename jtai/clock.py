"""The one clock of the product: services read the time through `clock.now()` and
`clock.today()`, never `timezone.now()` or `date.today()` directly.

It tells the real time unless it is set with `travel_to`, which the demo seeding and the
tests use to let the services stamp a story's dates (a transition on the day an area was
notified, a report published on the day it was). Production code never sets it.

    from jtai import clock

    with clock.travel_to(datetime.date(2018, 1, 30)):
        inspection_transition(inspection=inspection, verb="publish", by=lead)

The setting lives in a `ContextVar`, so it belongs to the thread (or task) that set it and
is undone when the `with` block ends, even on an exception.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

# Set only by `travel_to` (demo seeding and tests).
_frozen: ContextVar[datetime.datetime | None] = ContextVar("jtai_clock_frozen", default=None)

# A date given to `travel_to` means this time of day, local time.
DEFAULT_TIME = datetime.time(9, 0)


def now() -> datetime.datetime:
    """The current time, timezone-aware (the time travelled to, if the clock is set)."""
    frozen = _frozen.get()
    return frozen if frozen is not None else timezone.now()


def today() -> datetime.date:
    """Today's date in the project's local time zone."""
    return timezone.localdate(now())


def is_set() -> bool:
    return _frozen.get() is not None


def _as_aware(moment: datetime.datetime | datetime.date) -> datetime.datetime:
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, DEFAULT_TIME)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@contextmanager
def travel_to(moment: datetime.datetime | datetime.date) -> Iterator[datetime.datetime]:
    """Stop the clock at `moment` (a date means 09:00 local time) for the `with` block.

    Naive datetimes are read as local time. Nested blocks restore the outer setting.
    """
    aware = _as_aware(moment)
    token = _frozen.set(aware)
    try:
        yield aware
    finally:
        _frozen.reset(token)
