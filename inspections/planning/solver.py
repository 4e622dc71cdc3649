"""Lay a programme's chosen areas on windows and teams with OR-Tools CP-SAT.

Time is modelled in weeks (a window starts on a working Monday), which keeps the model small:
one boolean per (area, candidate Monday). Two phases:

1. *Windows*: each area gets exactly one start week. Per inspectorate and week, the inspectors
   its teams need never exceed the inspectors available that week (net of leave and existing
   bookings), nor its limit of inspections at once. No window touches 20 December–3 January,
   none starts on a bank holiday. Objective, lexicographic by weights: the fewest windows
   starting in the busiest month (work spread evenly), then the highest-priority areas earliest,
   then the fewest bank holidays inside windows.
2. *Teams*: with the windows fixed, each inspectorate's people are assigned (a lead and
   inspectors per inspection, nobody on two overlapping inspections or on leave), balancing
   the load. Should leave fragment availability so that phase 2 fails, phase 1 is re-run with
   that inspectorate's capacity lowered in its leave weeks.

Before solving, a capacity pre-check per inspectorate explains the obvious impossibilities;
when the solver still proves the model infeasible, a diagnostic model with one assumption
literal per constraint group names the groups that cannot all hold.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

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
    status: str  # optimal / feasible / infeasible / unknown
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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _overlaps(a0, a1, b0, b1) -> bool:
    return a0 <= b1 and b0 <= a1


@dataclass
class _Calendar:
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


def _calendar(problem: Problem) -> _Calendar:
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
    return _Calendar(
        mondays=mondays,
        starts=starts,
        christmas=christmas,
        bank_holiday_monday=bhm,
        holidays_inside=inside,
        weeks=math.ceil(problem.window_days / 7),
        months=months,
    )


def _free(person: Person, start: datetime.date, end: datetime.date) -> bool:
    return not any(_overlaps(start, end, a, b) for a, b in person.unavailable)


def _weekly_available(team: TeamSpec, cal: _Calendar, leads_only: bool = False) -> list[int]:
    out = []
    for monday in cal.mondays:
        sunday = monday + datetime.timedelta(days=6)
        out.append(
            sum(
                1 for p in team.people if (p.is_lead or not leads_only) and _free(p, monday, sunday)
            )
        )
    return out


def _months_between(a: datetime.date, b: datetime.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month + (1 if b.day >= a.day else 0)


def precheck(problem: Problem, cal: _Calendar | None = None) -> str:
    """The obvious impossibilities, explained in numbers; "" when none is found."""
    cal = cal or _calendar(problem)
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
    months = _months_between(problem.period_start, problem.period_end)
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
        weekly = _weekly_available(team, cal)
        capacity = sum(
            min(weekly[w] // team.team_size, team.max_concurrent) for w in sorted(usable)
        )
        need = count * cal.weeks
        if need > capacity:
            at_once = min(len(team.people) // team.team_size, team.max_concurrent)
            problems.append(
                f"Not enough {team.name} inspectors: {count} inspections need "
                f"{team.team_size} {team.name} inspectors each for {cal.weeks} weeks, but "
                f"{team.name} can run at most {_plural(at_once, 'inspection')} at once "
                f"({len(team.people)} inspectors, {team.team_size} per team, a limit of "
                f"{team.max_concurrent} at once, less leave) over {months} months "
                f"→ capacity {capacity} inspection-weeks, need {need}."
            )
    return " ".join(problems)


class _Phase1:
    """The window model, on counts: areas with the same inspectorates are interchangeable for
    capacity, so the model decides how many areas of each such group start in each week
    (`n[group, week]`), never which area. Given the starts, giving the earliest to the
    highest-priority area is optimal (an exchange argument), so the priority term is written
    exactly over cumulative counts with a convex piecewise-linear epigraph, whose LP
    relaxation is tight. The model stays a few thousand variables even for 153 areas.

    With `diagnose`, each constraint group hangs on an assumption literal instead.
    """

    def __init__(
        self,
        problem: Problem,
        cal: _Calendar,
        reduced: dict[str, set[int]],
        diagnose: bool,
        even: bool = False,
    ):
        self.problem, self.cal = problem, cal
        m = self.model = cp_model.CpModel()
        self.groups: dict[int, str] = {}
        self._lits: dict[str, cp_model.IntVar] = {}
        starts = cal.starts if diagnose else cal.allowed
        self.week_starts = starts
        by_signature: dict[tuple[str, ...], list[int]] = {}
        for i, area in enumerate(problem.areas):
            by_signature.setdefault(tuple(sorted(area.inspectorates)), []).append(i)
        # Within a group, areas in priority order (rank 1 first).
        self.signatures = {
            sig: sorted(members, key=lambda i: (problem.areas[i].rank, i))
            for sig, members in sorted(by_signature.items())
        }
        self.n = {}
        for g, (sig, members) in enumerate(self.signatures.items()):
            for s in starts:
                self.n[sig, s] = m.NewIntVar(0, len(members), f"n_{g}_{s}")
            m.Add(sum(self.n[sig, s] for s in starts) == len(members))

        def guard(ct, label):
            if diagnose:
                ct.OnlyEnforceIf(self._lit(label))

        if diagnose:
            blocked = [self.n[sig, s] for sig in self.signatures for s in cal.christmas]
            if blocked:
                guard(m.Add(sum(blocked) == 0), "no window may touch 20 December to 3 January")
            blocked = [
                self.n[sig, s]
                for sig in self.signatures
                for s in cal.bank_holiday_monday
                if s not in cal.christmas
            ]
            if blocked:
                guard(m.Add(sum(blocked) == 0), "no window may start on a bank holiday Monday")

        covering: dict[int, list[int]] = {}  # week -> starts whose window covers it
        for s in starts:
            for w in range(s, s + cal.weeks):
                covering.setdefault(w, []).append(s)
        for code, team in sorted(problem.teams.items()):
            sigs = [sig for sig in self.signatures if code in sig]
            members = sum(len(self.signatures[sig]) for sig in sigs)
            if not members:
                continue
            weekly = _weekly_available(team, cal)
            leads = _weekly_available(team, cal, leads_only=True)
            has_leads = any(p.is_lead for p in team.people)
            cut = reduced.get(code, set())
            for w, ss in sorted(covering.items()):
                active = sum(self.n[sig, s] for sig in sigs for s in ss)
                cap = weekly[w] - (1 if w in cut else 0)
                if cap < team.team_size * min(members, team.max_concurrent):
                    guard(
                        m.Add(team.team_size * active <= max(cap, 0)),
                        f"{team.name} inspectors available each week (net of leave and bookings)",
                    )
                if team.max_concurrent < members:
                    guard(
                        m.Add(active <= team.max_concurrent),
                        f"{team.name}'s limit of "
                        f"{_plural(team.max_concurrent, 'inspection')} at once",
                    )
                if has_leads and leads[w] < min(members, team.max_concurrent):
                    guard(
                        m.Add(active <= leads[w]),
                        f"{team.name} lead inspectors available to lead each inspection",
                    )
        if diagnose:
            return

        # 1. Spread: the fewest windows starting in the busiest month (never below the floor).
        # With `even`, the busiest month is held at the floor and the quietest month open to
        # starts at n // months, so the work runs through the whole period instead of
        # bunching at its start: spread is then optimal by construction.
        n_areas = len(problem.areas)
        months_open = sum(1 for ss in cal.months.values() if set(ss) & set(starts))
        self.floor = math.ceil(n_areas / max(1, months_open))
        self.ceiling = n_areas // max(1, months_open)
        self.max_load = m.NewIntVar(self.floor, n_areas, "max_load")
        self.min_load = m.NewIntVar(0, self.ceiling, "min_load")
        for ss in cal.months.values():
            open_ = [s for s in ss if s in set(starts)]
            if open_:
                load = sum(self.n[sig, s] for sig in self.signatures for s in open_)
                m.Add(load <= self.max_load)
                if even:
                    m.Add(load >= self.min_load)
        if even:
            m.Add(self.max_load == self.floor)
            m.Add(self.min_load == self.ceiling)
        # 2. Priority: sum over areas of weight x start week, weight n - rank + 1. With the
        # areas of a group sorted by weight, that equals the sum over weeks of the weight of
        # the group's areas not yet started, W(started so far): convex in the count.
        terms, secondary_max = [], 0
        for g, (sig, members) in enumerate(self.signatures.items()):
            weights = [n_areas - min(problem.areas[i].rank, n_areas) + 1 for i in members]
            remaining = [sum(weights[c:]) for c in range(len(weights) + 1)]  # W(c)
            secondary_max += remaining[0] * starts[-1]
            started = None
            for k, s in enumerate(starts[:-1]):
                cumulative = m.NewIntVar(0, len(members), f"c_{g}_{k}")
                m.Add(cumulative == (started if started is not None else 0) + self.n[sig, s])
                started = cumulative
                t = m.NewIntVar(0, remaining[0], f"t_{g}_{k}")
                for c0 in range(len(weights)):
                    # the segment from c0 to c0 + 1 has slope -weights[c0]
                    m.Add(t >= remaining[c0] - weights[c0] * (started - c0))
                terms.append((starts[k + 1] - s, t))
        constant = sum(
            starts[0] * sum(n_areas - min(problem.areas[i].rank, n_areas) + 1 for i in members)
            for members in self.signatures.values()
        )
        # 3. Fewer bank holidays inside windows.
        holiday_terms = [
            (2 * cal.holidays_inside[s], self.n[sig, s])
            for sig in self.signatures
            for s in starts
            if cal.holidays_inside[s]
        ]
        secondary_max += 2 * n_areas * max(cal.holidays_inside.values() or [0]) + constant
        self.offset = constant
        m.Minimize(
            (secondary_max + 1) * (self.max_load - self.floor)
            + sum(c * t for c, t in terms)
            + sum(c * v for c, v in holiday_terms)
        )

    def _lit(self, label: str):
        if label not in self._lits:
            lit = self.model.NewBoolVar(label)
            self._lits[label] = lit
            self.groups[lit.Index()] = label
            self.model.AddAssumption(lit)
        return self._lits[label]

    def starts(self, solver) -> dict[int, int]:
        """Area index -> start week: within a group, the earliest starts to the highest priority."""
        out = {}
        for sig, members in self.signatures.items():
            weeks = [s for s in self.week_starts for _ in range(solver.Value(self.n[sig, s]))]
            for i, s in zip(members, weeks, strict=True):
                out[i] = s
        return out


def _team_entry(team: TeamSpec, people: list[int]) -> list[dict]:
    people = sorted(
        people, key=lambda k: (not team.people[k].is_lead, not team.people[k].senior, k)
    )
    return [
        {"user": team.people[k].user_id, "name": team.people[k].name, "lead": n == 0}
        for n, k in enumerate(people)
    ]


def _assign_greedy(problem: Problem, cal: _Calendar, chosen: dict[int, int], code: str):
    """Inspections in start order; each takes the free people with the least work so far.
    Optimal for intervals without leave; with leave it can fail, then the exact model runs."""
    team = problem.teams[code]
    members = sorted(
        (i for i, a in enumerate(problem.areas) if code in a.inspectorates),
        key=lambda i: (chosen[i], problem.areas[i].rank),
    )
    busy_until = [-1] * len(team.people)
    load = [0] * len(team.people)
    needs_lead = any(p.is_lead for p in team.people)
    out = {}
    for i in members:
        s = chosen[i]
        start, end = cal.mondays[s], cal.end(s, problem.window_days)
        free = [k for k, p in enumerate(team.people) if busy_until[k] < s and _free(p, start, end)]
        free.sort(key=lambda k: (load[k], k))
        picked = []
        if needs_lead:
            leads = [k for k in free if team.people[k].is_lead]
            if not leads:
                return None
            picked.append(leads[0])
        else:
            seniors = [k for k in free if team.people[k].senior]
            if seniors:
                picked.append(seniors[0])
        picked += [k for k in free if k not in picked][: team.team_size - len(picked)]
        if len(picked) < team.team_size:
            return None
        for k in picked:
            busy_until[k] = s + cal.weeks - 1
            load[k] += 1
        out[i] = _team_entry(team, picked)
    return out


def _assign(problem: Problem, cal: _Calendar, chosen: dict[int, int], code: str, time_limit: float):
    """Phase 2 for one inspectorate: named people on fixed windows. None when impossible."""
    team = problem.teams[code]
    members = [i for i, a in enumerate(problem.areas) if code in a.inspectorates]
    if not members:
        return {}
    quick = _assign_greedy(problem, cal, chosen, code)
    if quick is not None:
        return quick
    m = cp_model.CpModel()
    x = {}
    for i in members:
        start = cal.mondays[chosen[i]]
        end = cal.end(chosen[i], problem.window_days)
        free = [k for k, p in enumerate(team.people) if _free(p, start, end)]
        for k in free:
            x[i, k] = m.NewBoolVar(f"x_{i}_{k}")
        m.Add(sum(x[i, k] for k in free) == team.team_size)
        leads = [k for k in free if team.people[k].is_lead]
        if any(p.is_lead for p in team.people):
            if not leads:
                return None
            m.Add(sum(x[i, k] for k in leads) >= 1)
    for k in range(len(team.people)):
        for w in range(len(cal.mondays)):
            active = [i for i in members if chosen[i] <= w < chosen[i] + cal.weeks and (i, k) in x]
            if len(active) > 1:
                m.AddAtMostOne(x[i, k] for i in active)
    load = m.NewIntVar(0, len(members), "load")
    for k in range(len(team.people)):
        mine = [x[i, k] for i in members if (i, k) in x]
        if mine:
            m.Add(sum(mine) <= load)
    m.Minimize(load)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(1.0, time_limit)
    solver.parameters.num_workers = problem.workers
    solver.parameters.random_seed = problem.seed
    status = solver.Solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {
        i: _team_entry(
            team, [k for k in range(len(team.people)) if (i, k) in x and solver.Value(x[i, k])]
        )
        for i in members
    }


ProgressFn = Callable[[int, str], None]


def _solve_polling(solver, model, progress: ProgressFn | None, base: int, span: int, limit: float):
    """Run the solver in a thread so the caller's thread can report progress (and use the DB)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(solver.Solve, model)
        began = time.perf_counter()
        while True:
            try:
                return future.result(timeout=1.0)
            except concurrent.futures.TimeoutError:
                if progress:
                    share = min(1.0, (time.perf_counter() - began) / max(limit, 0.1))
                    progress(base + int(span * share), "Choosing windows")


def solve(problem: Problem, progress: ProgressFn | None = None) -> Result:
    began = time.perf_counter()
    cal = _calendar(problem)
    if progress:
        progress(5, "Checking capacity")
    reason = precheck(problem, cal)
    if reason:
        return Result(status="infeasible", explanation=reason, seconds=time.perf_counter() - began)

    reduced: dict[str, set[int]] = {}
    timings: dict[str, float] = {}
    for attempt in range(4):
        # First an evenly spread schedule (busiest and quietest months fixed at their
        # bounds); if none exists within half the time, the least-busiest-month one.
        status = None
        for even, base in ((True, 10), (False, 45)):
            phase1 = _Phase1(problem, cal, reduced, diagnose=False, even=even)
            solver = cp_model.CpSolver()
            spent = time.perf_counter() - began
            limit = problem.time_limit / 2 if even else max(1.0, problem.time_limit - spent)
            solver.parameters.max_time_in_seconds = limit
            solver.parameters.num_workers = problem.workers
            solver.parameters.random_seed = problem.seed
            status = _solve_polling(solver, phase1.model, progress, base, 35, limit)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                timings["even_spread"] = even
                break
        if status == cp_model.INFEASIBLE:
            return Result(
                status="infeasible",
                explanation=diagnose(problem, cal, reduced),
                seconds=time.perf_counter() - began,
            )
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Result(
                status="unknown",
                explanation=(
                    f"No schedule was found within the time limit of {problem.time_limit:g} "
                    "seconds. Try a longer time limit, a longer period or fewer areas."
                ),
                seconds=time.perf_counter() - began,
            )
        chosen = phase1.starts(solver)
        timings["windows"] = round(time.perf_counter() - began, 2)
        objective = int(solver.ObjectiveValue()) + phase1.offset
        bound = solver.BestObjectiveBound() + phase1.offset
        if progress:
            progress(85, "Assigning teams")
        teams: dict[str, dict] = {}
        failed = []
        for code in sorted(problem.teams):
            assigned = _assign(problem, cal, chosen, code, max(1.0, problem.time_limit / 4))
            if assigned is None:
                failed.append(code)
            else:
                teams[code] = assigned
        timings["teams"] = round(time.perf_counter() - began, 2)
        if not failed:
            break
        for code in failed:
            team = problem.teams[code]
            weekly = _weekly_available(team, cal)
            full = len(team.people)
            reduced.setdefault(code, set()).update(w for w, n in enumerate(weekly) if n < full)
            if attempt:  # widen the cut: every week of the programme
                reduced[code].update(range(len(cal.mondays)))
    else:
        names = ", ".join(problem.teams[c].name for c in failed)
        return Result(
            status="infeasible",
            explanation=(
                f"Windows were found, but {names} inspectors could not be named for every "
                "inspection around their leave and existing bookings: record fewer leave "
                "periods, more inspectors, or a longer period."
            ),
            seconds=time.perf_counter() - began,
        )

    slots = []
    for i, area in enumerate(problem.areas):
        s = chosen[i]
        slots.append(
            Slot(
                authority_id=area.authority_id,
                start=cal.mondays[s],
                end=cal.end(s, problem.window_days),
                team={code: teams[code][i] for code in sorted(teams) if i in teams[code]},
            )
        )
    slots.sort(key=lambda sl: (sl.start, sl.authority_id))
    gap = abs(objective - bound) / max(1, abs(objective)) if objective else 0.0
    return Result(
        status="optimal" if status == cp_model.OPTIMAL else "feasible",
        slots=slots,
        objective=objective,
        bound=bound,
        gap=round(gap, 6),
        seconds=time.perf_counter() - began,
        stats={
            "areas": len(problem.areas),
            "candidate_weeks": len(cal.allowed),
            "variables": len(phase1.n),
            "max_per_month": int(solver.Value(phase1.max_load)),
            "min_per_month": int(solver.Value(phase1.min_load))
            if timings.get("even_spread")
            else None,
            "conflicts": solver.NumConflicts(),
            "timings": {**timings, "total": round(time.perf_counter() - began, 2)},
        },
    )


def diagnose(problem: Problem, cal: _Calendar, reduced: dict[str, set[int]] | None = None) -> str:
    """Name the constraint groups that cannot all be met (an infeasible core over assumptions)."""
    phase1 = _Phase1(problem, cal, reduced or {}, diagnose=True)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(5.0, problem.time_limit / 2)
    solver.parameters.num_workers = 1  # the core is only returned by a single worker
    status = solver.Solve(phase1.model)
    n = len(problem.areas)
    if status == cp_model.INFEASIBLE:
        core = [phase1.groups[i] for i in solver.SufficientAssumptionsForInfeasibility()]
        if core:
            named = "; ".join(sorted(set(core)))
            return (
                f"The {n} inspections cannot all be scheduled between "
                f"{problem.period_start:%-d %B %Y} and {problem.period_end:%-d %B %Y} in "
                f"{cal.weeks}-week windows. These constraints cannot all be met together: "
                f"{named}. Relax one of them: more inspectors or a higher limit, a longer "
                "period, or fewer areas."
            )
    return (
        f"The {n} inspections cannot all be fitted into {len(cal.allowed)} possible start weeks "
        f"of {cal.weeks}-week windows with the capacity recorded: the period is too short for "
        "the programme."
    )
