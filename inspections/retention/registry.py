"""The registry of the retention schedule's kinds, and of the dates inspections end.

`inspections` registers its own kinds (`schedule.py`); `reports` adds its kinds and the date
a report is published from its app's `ready()`, so this app never imports `reports`. The daily
task, the admin page and the privacy notice all read the kinds from here.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models


class Action(models.TextChoices):
    DELETE = "delete", "Deleted"
    REDUCE = "reduce", "Reduced to counts"
    KEEP = "keep", "Kept permanently"
    NOT_STORED = "not_stored", "Not stored"


# count(inspection_id) -> how many items of the kind the inspection holds.
Counter = Callable[[int], int]
# remove(inspection_id, limit) -> (items removed, counts kept in their place): at most `limit`
# items, inside the caller's transaction.
Remover = Callable[[int, int], tuple[int, dict[str, int]]]
# ended(inspection_ids) -> {inspection_id: the day it ended} for those the provider knows.
EndProvider = Callable[[list[int]], dict[int, datetime.date]]


@dataclass(frozen=True)
class Kind:
    """One kind of record in the schedule.

    `months` counts from the day the inspection ended (publication or cancellation); None for
    what is kept permanently or never stored. `held` says what the records are, `purpose` why
    they are held and `basis` where the period comes from: the privacy notice prints them.
    """

    code: str
    label: str
    held: str
    purpose: str
    basis: str
    action: Action
    months: int | None = None
    models: tuple[str, ...] = ()
    order: int = 100
    count: Counter | None = field(default=None, compare=False, repr=False)
    remove: Remover | None = field(default=None, compare=False, repr=False)

    @property
    def period(self) -> str:
        """The retention period in words, as the privacy notice and the admin page show it."""
        if self.action == Action.KEEP:
            return "Kept permanently"
        if self.action == Action.NOT_STORED:
            return "Not stored"
        unit = "month" if self.months == 1 else "months"
        return f"{self.months} {unit} after the report is published or the inspection cancelled"

    @property
    def is_applied(self) -> bool:
        """Whether the daily task removes this kind (it has a period and a way to remove it)."""
        return self.months is not None and self.remove is not None

    def due_on(self, ended: datetime.date | None) -> datetime.date | None:
        """The day this kind goes for an inspection that ended on `ended`."""
        if ended is None or self.months is None or self.action in (Action.KEEP, Action.NOT_STORED):
            return None
        return add_months(ended, self.months)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved on by whole months, on the last day of a shorter month (31 Jan + 1 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


_kinds: dict[str, Kind] = {}
_end_providers: list[EndProvider] = []


def register(kind: Kind) -> Kind:
    """Add a kind to the schedule (a kind registered again under its code replaces it)."""
    _kinds[kind.code] = kind
    return kind


def register_end_provider(provider: EndProvider) -> EndProvider:
    if provider not in _end_providers:
        _end_providers.append(provider)
    return provider


def kinds() -> list[Kind]:
    """Every kind in the schedule, in the order the pages list them."""
    return sorted(_kinds.values(), key=lambda k: (k.order, k.label))


def get(code: str) -> Kind:
    return _kinds[code]


def ended_on(inspection_ids: Iterable[int]) -> dict[int, datetime.date]:
    """The day each inspection ended; absent when no provider knows (it has not ended).

    When providers disagree the latest day wins: a report published under embargo ends the
    inspection on its public day, not on the day its status moved to published."""
    ids = list(inspection_ids)
    ended: dict[int, datetime.date] = {}
    for provider in _end_providers:
        for pk, day in provider(ids).items():
            if pk not in ended or day > ended[pk]:
                ended[pk] = day
    return ended
