"""Lay a programme's chosen areas on windows and teams with OR-Tools CP-SAT.

Time is modelled in weeks (a window starts on a working Monday), which keeps the model small.
Two phases:

1. *Windows* (`windows.WindowModel`): each area gets exactly one start week. Per inspectorate
   and week, the inspectors its teams need never exceed the inspectors available that week
   (an inspector counts only when free from Monday to Sunday, net of leave and existing
   bookings), nor its limit of inspections at once, nor (where it names leads) its leads
   free that week. No window touches 20 December–3 January; none starts on a bank holiday.

   **The objective**, which "optimal" refers to, is minimised over those start weeks::

       W × (starts in the busiest month − ⌈n / open months⌉)
         + Σ over areas (n − rank + 1) × start week
         + Σ over areas 2 × bank holidays inside its window

   with n areas, rank 1 the highest priority, open months those with a possible start, and W
   larger than the last two terms can ever be: spreading the work comes first, then priority
   and bank holidays are traded at these weights.

   The solver first adds rules of its own: every open month gets ⌊n / open months⌋ or
   ⌈n / open months⌉ starts (an *even spread*, so the work runs through the whole period), and
   optimises within them. Those rules may cost priority, so that schedule is reported
   **feasible**, never optimal, even when CP-SAT proves it the best evenly spread one; no
   bound is claimed for it. Only when no even spread is found within half the time limit is
   the objective solved on its own; its schedule is **optimal** when CP-SAT proves it, else
   feasible with the gap to CP-SAT's proven bound.
2. *Teams*: with the windows fixed, each inspectorate's people are assigned (a lead and
   inspectors per inspection, nobody on two overlapping inspections or on leave), balancing
   the load. Should leave fragment availability so that phase 2 fails, phase 1 is re-run with
   that inspectorate's capacity lowered in its leave weeks: a stricter model that proves
   nothing about the original, so its schedule is reported feasible too.

Before solving, a capacity pre-check per inspectorate explains the obvious impossibilities;
when the solver proves the model infeasible, a diagnostic model with one assumption literal
per constraint group names the groups that cannot all hold.

This module (with `windows`) is the only one that imports OR-Tools; it is imported where a
schedule is solved (the run service, called by the Celery task), never by a web process.
"""

from __future__ import annotations

import concurrent.futures
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from .problem import (
    Calendar,
    Problem,
    Result,
    Slot,
    TeamSpec,
    calendar_for,
    is_free,
    precheck,
    weekly_available,
)
from .windows import WindowModel


def _team_entry(team: TeamSpec, people: list[int]) -> list[dict]:
    people = sorted(
        people, key=lambda k: (not team.people[k].is_lead, not team.people[k].senior, k)
    )
    return [
        {"user": team.people[k].user_id, "name": team.people[k].name, "lead": n == 0}
        for n, k in enumerate(people)
    ]


def _assign_greedy(problem: Problem, cal: Calendar, chosen: dict[int, int], code: str):
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
        free = [
            k for k, p in enumerate(team.people) if busy_until[k] < s and is_free(p, start, end)
        ]
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


def _assign(problem: Problem, cal: Calendar, chosen: dict[int, int], code: str, time_limit: float):
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
        free = [k for k, p in enumerate(team.people) if is_free(p, start, end)]
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
    cal = calendar_for(problem)
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
            phase1 = WindowModel(problem, cal, reduced, diagnose=False, even=even)
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
        # Rules the objective does not have (the even spread, capacity cut for leave) make
        # CP-SAT's bound a bound of another problem: then nothing is claimed beyond feasible.
        restricted = even or bool(reduced)
        bound = None if restricted else solver.BestObjectiveBound() + phase1.offset
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
            weekly = weekly_available(team, cal)
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
    proven = status == cp_model.OPTIMAL and not restricted
    if bound is None:
        gap = None
    else:
        gap = round(abs(objective - bound) / max(1, abs(objective)) if objective else 0.0, 6)
    return Result(
        status="optimal" if proven else "feasible",
        slots=slots,
        objective=objective,
        bound=bound,
        gap=0.0 if proven else gap,
        seconds=time.perf_counter() - began,
        stats={
            "areas": len(problem.areas),
            "candidate_weeks": len(cal.allowed),
            "variables": len(phase1.n),
            "model": "even spread" if even else "objective",
            "capacity_cut_for_leave": bool(reduced),
            "max_per_month": int(solver.Value(phase1.max_load)),
            "min_per_month": int(solver.Value(phase1.min_load))
            if timings.get("even_spread")
            else None,
            "conflicts": solver.NumConflicts(),
            "timings": {**timings, "total": round(time.perf_counter() - began, 2)},
        },
    )


def diagnose(problem: Problem, cal: Calendar, reduced: dict[str, set[int]] | None = None) -> str:
    """Name the constraint groups that cannot all be met (an infeasible core over assumptions)."""
    phase1 = WindowModel(problem, cal, reduced or {}, diagnose=True)
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
