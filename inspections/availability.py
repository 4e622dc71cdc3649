"""Who is free when: each inspector's bookings (a place on an inspection team holds their
diary for its window) and their leave (recorded on a programme's capacity), for the team
builder, which shows who is free before anyone is added, and for the calendar.

Two queries whatever the number of inspectors: one for the bookings, one for the leave (and
one for the inspectors themselves on the calendar), each read as plain values.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from agencies.models import Role, User

from .models import TeamMember
from .planning.models import CapacityLeave
from .services.common import long_date


@dataclass
class Busy:
    start: datetime.date
    end: datetime.date
    kind: str  # "booked" or "leave"
    label: str  # "Leeds" or "Leave"

    @property
    def words(self) -> str:
        when = f"{long_date(self.start)} to {long_date(self.end)}"
        if self.kind == "leave":
            return f"on leave from {when}"
        return f"inspecting {self.label} from {when}"


@dataclass
class Availability:
    user: User
    busy: list[Busy] = field(default_factory=list)

    @property
    def free(self) -> bool:
        return not self.busy

    @property
    def summary(self) -> str:
        """ "Free", or what takes them away: "inspecting Leeds from 30 November 2026 to ..."."""
        if self.free:
            return "Free"
        return "Not free: " + "; ".join(b.words for b in self.busy)


def busy_between(
    users: Iterable[User],
    start: datetime.date,
    end: datetime.date,
    *,
    exclude_inspection_pk: int | None = None,
) -> dict[int, Availability]:
    """user id -> their bookings and leave overlapping `start`..`end` (inclusive)."""
    people = {user.pk: Availability(user) for user in users}
    bookings = TeamMember.objects.filter(
        user_id__in=people,
        is_active=True,
        holds_booking=True,
        window_start__lte=end,
        window_end__gte=start,
    ).order_by("window_start")
    if exclude_inspection_pk is not None:
        bookings = bookings.exclude(inspection_id=exclude_inspection_pk)
    for user_id, booking_start, booking_end, area in bookings.values_list(
        "user_id", "window_start", "window_end", "inspection__authority__name"
    ):
        people[user_id].busy.append(Busy(booking_start, booking_end, "booked", area))
    leave = (
        CapacityLeave.objects.filter(user_id__in=people, start__lte=end, end__gte=start)
        .order_by("start")
        .values_list("user_id", "start", "end")
    )
    seen: set[tuple] = set()
    for key in leave:
        # The same leave may be recorded on more than one programme: show it once.
        if key not in seen:
            seen.add(key)
            user_id, leave_start, leave_end = key
            people[user_id].busy.append(Busy(leave_start, leave_end, "leave", "Leave"))
    for availability in people.values():
        availability.busy.sort(key=lambda b: b.start)
    return people


@dataclass
class Inspector:
    """An inspector as the calendar shows them (read as values, not as a model object)."""

    pk: int
    display_name: str
    inspectorate_name: str  # the inspectorate's short name, "" if they have none


@dataclass
class AvailabilityRow:
    """One inspector across the calendar's weeks: runs of weeks free, booked or on leave."""

    user: Inspector
    cells: list[dict]  # {"kind": "free"|"booked"|"leave", "span": weeks, "words": str}

    @property
    def free_weeks(self) -> int:
        return sum(c["span"] for c in self.cells if c["kind"] == "free")


INSPECTOR_ROLES = (Role.INSPECTOR, Role.LEAD_INSPECTOR)


def availability_rows(weeks: list[datetime.date]) -> list[AvailabilityRow]:
    """Every active inspector and lead inspector over `weeks` (consecutive Mondays).

    Three queries of plain values (the inspectors, their bookings, their leave) and work in
    proportion to what each inspector has booked, not to weeks times bookings: a week booked
    on a team shows the first booking in it, a week with only leave the leave."""
    if not weeks:
        return []
    first, count = weeks[0], len(weeks)
    start, end = first, weeks[-1] + datetime.timedelta(days=6)
    inspectors = [
        Inspector(pk, f"{first_name} {last_name}".strip() or username, short_name or "")
        for pk, first_name, last_name, username, short_name in User.objects.filter(
            is_active=True, role__in=INSPECTOR_ROLES
        )
        .order_by("inspectorate__order", "last_name", "first_name")
        .values_list("pk", "first_name", "last_name", "username", "inspectorate__short_name")
    ]
    words_for: dict[datetime.date, str] = {}

    def when(day: datetime.date) -> str:
        text = words_for.get(day)
        if text is None:
            text = words_for[day] = long_date(day)
        return text

    def weeks_of(busy_start: datetime.date, busy_end: datetime.date) -> range:
        return range(
            max((busy_start - first).days // 7, 0), min((busy_end - first).days // 7, count - 1) + 1
        )

    # week index -> (kind, words), per inspector: leave first, the latest leave in a week
    # winning; then bookings over it, the earliest booking in a week winning. Everyone's leave
    # and bookings in the period are read, the inspectors' picked out here: joining the users
    # in the database to pick them out cost more than the few rows of anyone else.
    painted: dict[int, dict[int, tuple[str, str]]] = {}
    seen: set[tuple] = set()
    for user_id, leave_start, leave_end in (
        CapacityLeave.objects.filter(start__lte=end, end__gte=start)
        .order_by("start")
        .values_list("user_id", "start", "end")
    ):
        # The same leave may be recorded on more than one programme: show it once.
        key = (user_id, leave_start, leave_end)
        if key in seen:
            continue
        seen.add(key)
        state = ("leave", f"on leave from {when(leave_start)} to {when(leave_end)}")
        weeks_painted = painted.setdefault(user_id, {})
        for index in weeks_of(leave_start, leave_end):
            weeks_painted[index] = state
    bookings = list(
        TeamMember.objects.filter(
            is_active=True, holds_booking=True, window_start__lte=end, window_end__gte=start
        )
        .order_by("window_start")
        .values_list("user_id", "window_start", "window_end", "inspection__authority__name")
    )
    for user_id, booking_start, booking_end, area in reversed(bookings):
        state = ("booked", f"inspecting {area} from {when(booking_start)} to {when(booking_end)}")
        weeks_painted = painted.setdefault(user_id, {})
        for index in weeks_of(booking_start, booking_end):
            weeks_painted[index] = state

    rows = []
    for inspector in inspectors:
        weeks_painted = painted.get(inspector.pk)
        if not weeks_painted:
            rows.append(AvailabilityRow(inspector, [{"kind": "free", "span": count, "words": ""}]))
            continue
        cells: list[dict] = []
        at = 0  # the first week not yet in a cell
        for index in sorted(weeks_painted):
            if index > at:
                cells.append({"kind": "free", "span": index - at, "words": ""})
            kind, words = weeks_painted[index]
            last = cells[-1] if cells else None
            if last and index == at and last["kind"] == kind and last["words"] == words:
                last["span"] += 1
            else:
                cells.append({"kind": kind, "span": 1, "words": words})
            at = index + 1
        if at < count:
            cells.append({"kind": "free", "span": count - at, "words": ""})
        rows.append(AvailabilityRow(inspector, cells))
    return rows


def free_per_week(rows: list[AvailabilityRow]) -> list[int]:
    """How many of the inspectors are free each week: the capacity left to plan with."""
    if not rows:
        return []
    weeks = sum(cell["span"] for cell in rows[0].cells)
    # How many inspectors stop being free at the start of each week, and start again after.
    change = [0] * (weeks + 1)
    for row in rows:
        at = 0
        for cell in row.cells:
            if cell["kind"] != "free":
                change[at] -= 1
                change[at + cell["span"]] += 1
            at += cell["span"]
    counts, free = [], len(rows)
    for week in range(weeks):
        free += change[week]
        counts.append(free)
    return counts
