"""What the scheduler is given and gives back, and the calendar it works on: plain data and
arithmetic, no solver. Building a `Problem` (from a programme, in a benchmark, in a test) and
reading a `Result` therefore never loads OR-Tools; only `solver.solve` does.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from ..workdays import is_working_day

WEEK = datetime.timedelta(days=7)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    user_id: int | None = None
    is_lead: bool = False
    unavailable: tuple[tuple[datetime.date, datetime.date], ...] = ()
    senior: bool = False  # preferred as the team's lead where free, not required


@dataclass(frozen=True)
class TeamSpec:
    code: str  # inspectorate code
    name: str  # short name for explanations
    team_size: int
    max_concurrent: int
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Area:
    authority_id: int
    name: str
    rank: int  # 1 = highest priority
    inspectorates: tuple[str, ...]
    region: str = ""


@dataclass
class Problem:
    period_start: datetime.date
    period_end: datetime.date
    window_days: int
    areas: list[Area]
    teams: dict[str, TeamSpec]
    time_limit: float = 20.0
    workers: int = 2
    seed: int = 1


@dataclass
class Slot:
    authority_id: int
    start: datetime.date
    end: datetime.date
    team: dict[str, list[dict]]


@dataclass
class Result:
    """The scheduler's answer. `status`: "optimal" only when CP-SAT proved no schedule scores
    better on the objective (see `solver`); "feasible" for a schedule meeting every rule
    without that proof (`gap` and `bound` are then None when no valid bound is known);
    "infeasible" with the reason in `explanation`; "unknown" when time ran out first."""

    status: str
    slots: list[Slot] = field(default_factory=list)
    explanation: str = ""
    objective: int | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    stats: dict = field(default_factory=dict)


def touches_christmas(start: datetime.date, end: datetime.date) -> bool:
    """Whether [start, end] touches any day from 20 December to 3 January."""
    for year in range(start.year - 1, end.year + 1):
        if start <= datetime.date(year + 1, 1, 3) and end >= datetime.date(year, 12, 20):
            return True
    return False


def bank_holidays_in(start: datetime.date, end: datetime.date) -> int:
    count, day = 0, start
    while day <= end:
        if day.weekday() < 5 and not is_working_day(day):
            count += 1
        day += DAY
    return count


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def overlaps(a0, a1, b0, b1) -> bool:
    return a0 <= b1 and b0 <= a1


@dataclass
class Calendar:
    mondays: list[datetime.date]
    starts: list[int]  # candidate week indexes where a window fits in the period
    christmas: set[int]
    bank_holiday_monday: set[int]
    holidays_inside: dict[int, int]
    weeks: int  # window length in weeks
    months: dict[tuple[int, int], list[int]]

    def end(self, s: int, window_days: int) -> datetime.date:
        return self.mondays[s] + datetime.timedelta(days=window_days - 1)

    @property
    def allowed(self) -> list[int]:
        return [
            s for s in self.starts if s not in self.christmas and s not in self.bank_holiday_monday
        ]


def calendar_for(problem: Problem) -> Calendar:
    first = problem.period_start + datetime.timedelta(days=(7 - problem.period_start.weekday()) % 7)
    mondays, starts, christmas, bhm, inside = [], [], set(), set(), {}
    day, index = first, 0
    length = datetime.timedelta(days=problem.window_days - 1)
    while day <= problem.period_end:
        mondays.append(day)
        end = day + length
        if end <= problem.period_end:
            starts.append(index)
            if touches_christmas(day, end):
                christmas.add(index)
            if not is_working_day(day):
                bhm.add(index)
            inside[index] = bank_holidays_in(day, end)
        day += WEEK
        index += 1
    months: dict[tuple[int, int], list[int]] = {}
    for s in starts:
        months.setdefault((mondays[s].year, mondays[s].month), []).append(s)
    return Calendar(
        mondays=mondays,
        starts=starts,
        christmas=christmas,
        bank_holiday_monday=bhm,
        holidays_inside=inside,
        weeks=math.ceil(problem.window_days / 7),
        months=months,
    )


def is_free(person: Person, start: datetime.date, end: datetime.date) -> bool:
    return not any(overlaps(start, end, a, b) for a, b in person.unavailable)


def weekly_available(team: TeamSpec, cal: Calendar, leads_only: bool = False) -> list[int]:
    out = []
    for monday in cal.mondays:
        sunday = monday + datetime.timedelta(days=6)
        out.append(
            sum(
                1
                for p in team.people
                if (p.is_lead or not leads_only) and is_free(p, monday, sunday)
            )
        )
    return out


def months_between(a: datetime.date, b: datetime.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month + (1 if b.day >= a.day else 0)


def precheck(problem: Problem, cal: Calendar | None = None) -> str:
    """The obvious impossibilities, explained in numbers; "" when none is found."""
    cal = cal or calendar_for(problem)
    n = len(problem.areas)
    if n == 0:
        return "No areas are chosen: add areas to the proposal before scheduling."
    if not cal.allowed:
        return (
            f"No window fits: the period {problem.period_start:%-d %B %Y} to "
            f"{problem.period_end:%-d %B %Y} has no working Monday from which a "
            f"{problem.window_days}-day window ends in the period without touching "
            "20 December to 3 January."
        )
    usable = set()
    for s in cal.allowed:
        usable.update(range(s, s + cal.weeks))
    months = months_between(problem.period_start, problem.period_end)
    problems = []
    for code in sorted({c for a in problem.areas for c in a.inspectorates}):
        count = sum(1 for a in problem.areas if code in a.inspectorates)
        team = problem.teams.get(code)
        if team is None:
            problems.append(
                f"No capacity is recorded for {code}, which takes part in {count} inspections."
            )
            continue
        if len(team.people) < team.team_size:
            problems.append(
                f"Not enough {team.name} inspectors: each inspection needs {team.team_size} "
                f"{team.name} inspectors but only {len(team.people)} are available."
            )
            continue
        if team.max_concurrent < 1:
            problems.append(f"{team.name} can run no inspections at once (its limit is 0).")
            continue
        weekly = weekly_available(team, cal)
        capacity = sum(
            min(weekly[w] // team.team_size, team.max_concurrent) for w in sorted(usable)
        )
        need = count * cal.weeks
        if need > capacity:
            at_once = min(len(team.people) // team.team_size, team.max_concurrent)
            problems.append(
                f"Not enough {team.name} inspectors: {count} inspections need "
                f"{team.team_size} {team.name} inspectors each for {cal.weeks} weeks, but "
                f"{team.name} can run at most {plural(at_once, 'inspection')} at once "
                f"({len(team.people)} inspectors, {team.team_size} per team, a limit of "
                f"{team.max_concurrent} at once, less leave) over {months} months "
                f"→ capacity {capacity} inspection-weeks, need {need}."
            )
    return " ".join(problems)
