"""The programme calendar: every inspection of a twelve-month period as a bar across its weeks,
with the clashes (an inspector or an agency in two places at once) and the Christmas weeks."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from . import workdays
from .models import INACTIVE_STATUSES, Inspection, Status, TeamMember
from .permissions import visible_inspections


@dataclass
class CalendarRow:
    inspection: CalendarInspection
    start_col: int  # weeks before the bar
    span: int  # weeks the bar covers
    end_col: int  # weeks after the bar
    clashes: list[str] = field(default_factory=list)
    christmas: bool = False
    # Filled in for the rows on the page shown: the inspection's page and window in words.
    url: str = ""
    window: str = ""

    @property
    def label(self) -> str:
        if self.clashes:
            return "Clash"
        if self.christmas:
            return "Christmas"
        return self.inspection.get_status_display()

    @property
    def label_inside(self) -> bool:
        """Whether the bar is wide enough to hold its label; if not, it goes beside it."""
        return self.span >= 6 or not self.end_col

    @property
    def has_problem(self) -> bool:
        return bool(self.clashes) or self.christmas


@dataclass
class CalendarMonth:
    label: str  # "November 2026"
    weeks: int
    short: str = ""  # "Nov", with the year on the first column and in January


@dataclass
class Calendar:
    start: datetime.date  # a Monday
    end: datetime.date  # a Sunday
    weeks: list[datetime.date]
    months: list[CalendarMonth]
    rows: list[CalendarRow]

    @property
    def problem_count(self) -> int:
        return sum(1 for row in self.rows if row.has_problem)


@dataclass
class CalendarInspection:
    """An inspection as the calendar shows it (read as values, not as model objects)."""

    pk: int
    authority_id: int
    authority_name: str
    framework_name: str
    theme_name: str | None
    window_start: datetime.date
    window_end: datetime.date
    status: str
    reference: str
    framework_code: str

    def get_status_display(self) -> str:
        return Status(self.status).label


CALENDAR_FIELDS = (
    "pk",
    "authority_id",
    "authority__name",
    "framework_version__framework__name",
    "theme__name",
    "window_start",
    "window_end",
    "status",
    "reference",
    "framework_version__framework__code",
)


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def programme_calendar(user, *, first_month: datetime.date, months: int = 12) -> Calendar:
    """Inspections on a week-by-week timeline from `first_month`, with clashes found:
    one authority inspected twice at once, one inspector booked twice, one agency (a police
    force serving several areas) in two inspections at once, a window over Christmas.
    Two queries whatever the number of inspections (three on a database without PostgreSQL's
    exclusion constraints, where the bookings are read to find an inspector booked twice)."""
    period_start = _monday(first_month.replace(day=1))
    last_month = first_month.replace(day=1)
    for _ in range(months):
        last_month = (last_month + datetime.timedelta(days=32)).replace(day=1)
    period_end = _monday(last_month - datetime.timedelta(days=1)) + datetime.timedelta(days=6)
    weeks = []
    week = period_start
    while week <= period_end:
        weeks.append(week)
        week += datetime.timedelta(days=7)

    month_list: list[CalendarMonth] = []
    for week in weeks:
        # A week belongs to the month its Thursday falls in (as ISO weeks do).
        thursday = week + datetime.timedelta(days=3)
        label = f"{thursday:%B %Y}"
        if month_list and month_list[-1].label == label:
            month_list[-1].weeks += 1
        else:
            short = f"{thursday:%b}"
            if not month_list or thursday.month == 1:
                short += f" {thursday:%Y}"
            month_list.append(CalendarMonth(label, 1, short))

    # Only what the page and the clash checks read, as plain values: no model object for an
    # inspection, its authority or framework, nor for any team member or agency link.
    in_period = (
        visible_inspections(user)
        .filter(window_start__lte=period_end, window_end__gte=period_start)
        .exclude(status__in=INACTIVE_STATUSES)
    )
    inspections = [
        CalendarInspection(*values)
        for values in in_period.order_by("window_start", "authority__name", "pk").values_list(
            *CALENDAR_FIELDS
        )
    ]
    by_id = {i.pk: i for i in inspections}
    clashes: dict[int, list[str]] = defaultdict(list)
    by_authority: dict[int, list[CalendarInspection]] = defaultdict(list)
    for inspection in inspections:
        by_authority[inspection.authority_id].append(inspection)
    for group in by_authority.values():
        for a_index, a in enumerate(group):
            for b in group[a_index + 1 :]:
                if a.window_start <= b.window_end and b.window_start <= a.window_end:
                    clashes[a.pk].append(f"{a.authority_name} is inspected twice at once")
                    clashes[b.pk].append(f"{b.authority_name} is inspected twice at once")
    # One inspector booked on two inspections at once. On PostgreSQL the database refuses such
    # a booking outright (an exclusion constraint on the places holding a diary), so the
    # calendar does not read every booking in the period to look for one; other databases
    # (SQLite, for the demo) rely on the services and on this check.
    if connection.vendor != "postgresql":
        # No ordering: the team's own (by inspection, inspectorate, role and name) would join four
        # tables only to sort; each inspector's places are sorted by date below.
        members = (
            TeamMember.objects.filter(
                inspection_id__in=list(by_id), is_active=True, holds_booking=True
            )
            .order_by()
            .values_list(
                "user_id",
                "inspection_id",
                "window_start",
                "window_end",
                "user__first_name",
                "user__last_name",
                "user__username",
            )
        )

        by_user: dict[int, list[tuple]] = defaultdict(list)
        for member in members:
            by_user[member[0]].append(member)
        for group in by_user.values():
            group.sort(key=lambda m: m[2])
            for a_index, a in enumerate(group):
                for b in group[a_index + 1 :]:
                    if b[2] > a[3]:
                        break
                    if a[1] == b[1]:
                        continue
                    name = f"{a[4]} {a[5]}".strip() or a[6]
                    first, second = by_id[a[1]], by_id[b[1]]
                    clashes[first.pk].append(f"{name} is also inspecting {second.authority_name}")
                    clashes[second.pk].append(f"{name} is also inspecting {first.authority_name}")

    # One agency (a police force serving several areas) inspected twice at once.
    by_agency: dict[int, list[tuple[int, str]]] = defaultdict(list)
    # The period's inspections asked for again as a subquery, not as a list of their ids: the
    # query is the same size, and as quick to build, however many the period holds.
    for inspection_id, agency_id, agency_name in Inspection.agencies.through.objects.filter(
        inspection__in=in_period.values("pk")
    ).values_list("inspection_id", "partneragency_id", "partneragency__name"):
        by_agency[agency_id].append((inspection_id, agency_name))
    shared: dict[tuple[int, str], list[str]] = defaultdict(list)
    for links in by_agency.values():
        for a_index, (a, agency_name) in enumerate(links):
            for b, _ in links[a_index + 1 :]:
                first, second = by_id[a], by_id[b]
                if first.authority_id == second.authority_id:
                    continue
                if (
                    first.window_start <= second.window_end
                    and second.window_start <= first.window_end
                ):
                    shared[(first.pk, second.authority_name)].append(agency_name)
                    shared[(second.pk, first.authority_name)].append(agency_name)
    for (pk, other), names in shared.items():
        verb = "is" if len(names) == 1 else "are"
        clashes[pk].append(
            f"{', '.join(sorted(names))} {verb} also being inspected in {other} at the same time"
        )

    rows = []
    for inspection in inspections:
        first = max(_monday(inspection.window_start), period_start)
        last = min(_monday(inspection.window_end), weeks[-1])
        start_col = (first - period_start).days // 7
        span = (last - first).days // 7 + 1
        rows.append(
            CalendarRow(
                inspection=inspection,
                start_col=start_col,
                span=span,
                end_col=len(weeks) - start_col - span,
                clashes=sorted(set(clashes.get(inspection.pk, []))),
                christmas=workdays.overlaps_christmas(
                    inspection.window_start, inspection.window_end
                ),
            )
        )
    return Calendar(period_start, period_end, weeks, month_list, rows)
