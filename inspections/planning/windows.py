"""The window model (phase 1 of `solver`): how many areas start in each week, as a CP-SAT model.
Imported only by `solver`, so OR-Tools loads only where the scheduler runs."""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from .problem import Calendar, Problem, plural, weekly_available


class WindowModel:
    """Phase 1 of `solver`, whose docstring states the rules and the objective.

    The window model, on counts: areas with the same inspectorates are interchangeable for
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
        cal: Calendar,
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
            weekly = weekly_available(team, cal)
            leads = weekly_available(team, cal, leads_only=True)
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
                        f"{plural(team.max_concurrent, 'inspection')} at once",
                    )
                if has_leads and leads[w] < min(members, team.max_concurrent):
                    guard(
                        m.Add(active <= leads[w]),
                        f"{team.name} lead inspectors available to lead each inspection",
                    )
        if diagnose:
            return

        # 1. Spread: the fewest windows starting in the busiest month (never below the floor).
        # With `even`, rules the objective does not have: the busiest month is held at the
        # floor and the quietest open month at n // months, so the work runs through the
        # whole period instead of bunching at its start. They can cost priority, so an
        # optimum under them is not an optimum of the objective (see `solver`).
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
