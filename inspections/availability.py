"""Who is free when: each inspector's bookings (a place on an inspection team holds their
diary for its window) and their leave (recorded on a programme's capacity), for the team
builder, which shows who is free before anyone is added, and for the calendar.

Two queries whatever the number of inspectors: one for the bookings, one for the leave.
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
    bookings = (
        TeamMember.objects.filter(
            user_id__in=people,
            is_active=True,
            holds_booking=True,
            window_start__lte=end,
            window_end__gte=start,
        )
        .select_related("inspection__authority")
        .order_by("window_start")
    )
    if exclude_inspection_pk is not None:
        bookings = bookings.exclude(inspection_id=exclude_inspection_pk)
    for member in bookings:
        people[member.user_id].busy.append(
            Busy(
                member.window_start,
                member.window_end,
                "booked",
                member.inspection.authority.name,
            )
        )
    leave = CapacityLeave.objects.filter(
        user_id__in=people, start__lte=end, end__gte=start
    ).order_by("start")
    seen: set[tuple] = set()
    for item in leave:
        # The same leave may be recorded on more than one programme: show it once.
        key = (item.user_id, item.start, item.end)
        if key not in seen:
            seen.add(key)
            people[item.user_id].busy.append(Busy(item.start, item.end, "leave", "Leave"))
    for availability in people.values():
        availability.busy.sort(key=lambda b: b.start)
    return people


@dataclass
class AvailabilityRow:
    """One inspector across the calendar's weeks: runs of weeks free, booked or on leave."""

    user: User
    cells: list[dict]  # {"kind": "free"|"booked"|"leave", "span": weeks, "label": str}

    @property
    def free_weeks(self) -> int:
        return sum(c["span"] for c in self.cells if c["kind"] == "free")


def availability_rows(weeks: list[datetime.date]) -> list[AvailabilityRow]:
    """Every active inspector and lead inspector, week by week over `weeks` (Mondays)."""
    if not weeks:
        return []
    inspectors = list(
        User.objects.filter(is_active=True, role__in=[Role.INSPECTOR, Role.LEAD_INSPECTOR])
        .select_related("inspectorate")
        .order_by("inspectorate__order", "last_name", "first_name")
    )
    start, end = weeks[0], weeks[-1] + datetime.timedelta(days=6)
    found = busy_between(inspectors, start, end)
    rows = []
    for user in inspectors:
        states = []
        for week in weeks:
            week_end = week + datetime.timedelta(days=6)
            state = ("free", "")
            for busy in found[user.pk].busy:
                if busy.start <= week_end and busy.end >= week:
                    state = (busy.kind, busy.words)
                    if busy.kind == "booked":
                        break  # a booking says more than leave in the same week
            states.append(state)
        cells: list[dict] = []
        for kind, words in states:
            if cells and cells[-1]["kind"] == kind and cells[-1]["words"] == words:
                cells[-1]["span"] += 1
            else:
                cells.append({"kind": kind, "span": 1, "words": words})
        rows.append(AvailabilityRow(user, cells))
    return rows


def free_per_week(rows: list[AvailabilityRow]) -> list[int]:
    """How many of the inspectors are free each week: the capacity left to plan with."""
    if not rows:
        return []
    counts: list[int] = []
    for row in rows:
        weeks = [cell["kind"] == "free" for cell in row.cells for _ in range(cell["span"])]
        counts = [a + b for a, b in zip(counts, weeks, strict=True)] if counts else weeks
    return [int(n) for n in counts]
