"""Programme planning: selection on the real outcome data, and the CP-SAT scheduler.

Two cases: a 25-area programme over 19 months (the 2015 integrated inspection
programme, four-week windows), and a national one: all 153 authorities over 36 months with
300 inspectors across the five inspectorates, each inspector away four weeks a year. The
solver runs with 2 workers (this machine's cores) and a 30-second limit; its status is
reported as the solver proves it (an evenly spread schedule is feasible, with no gap claimed;
optimal only when proven for the objective). Baselines measured in the same process:
the selection step for 153 authorities, and a trivial CP-SAT model (the solver's own
start-up cost).
"""

from __future__ import annotations

import datetime
import statistics
import time

D = datetime.date


def _time(fn, repeat=3):
    samples = []
    result = None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples), result


def _trivial_cpsat():
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x = [model.NewBoolVar(f"x{i}") for i in range(10)]
    model.AddExactlyOne(x)
    model.Minimize(sum(i * v for i, v in enumerate(x)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    return solver.Solve(model)


def _leave(count: int, code: str, start: D, months: int) -> list:
    """Four weeks of leave a year per inspector, spread over the year (deterministic)."""
    out = []
    for k in range(count):
        for year in range(months // 12 + 1):
            first = start + datetime.timedelta(days=365 * year + (k * 37 + len(code) * 11) % 330)
            out.append((first, first + datetime.timedelta(days=27)))
    return out


def _teams(spec: dict, start: D, months: int):
    from inspections.planning.problem import Person, TeamSpec

    teams = {}
    for code, (name, count, size, concurrent) in spec.items():
        leave = _leave(count, code, start, months)
        people = tuple(
            Person(
                key=f"{code}-{k}",
                name=f"{name} inspector {k + 1}",
                unavailable=tuple(leave[k * (months // 12 + 1) : (k + 1) * (months // 12 + 1)]),
            )
            for k in range(count)
        )
        teams[code] = TeamSpec(code, name, size, concurrent, people)
    return teams


def run() -> dict:
    from agencies.models import LocalAuthority, User
    from inspections.models import Framework
    from inspections.planning import problem as scheduling
    from inspections.planning import selection, services
    from inspections.planning.solver import solve

    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"role": "admin"})
    integrated = Framework.objects.get(code="integrated-2015").versions.get(version=1)
    counts = {
        "ofsted": {"inspector_count": 12, "team_size": 3, "max_concurrent": 4},
        "cqc": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
        "hmicfrs": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
        "hmiprobation": {"inspector_count": 8, "team_size": 2, "max_concurrent": 4},
        "hmiprisons": {"inspector_count": 3, "team_size": 1, "max_concurrent": 2},
    }
    programme = services.programme_create(
        name="Integrated inspections 2015–16 (benchmark)",
        framework_version=integrated,
        period_start=D(2015, 4, 1),
        period_end=D(2016, 10, 31),
        target_areas=25,
        capacities=counts,
        by=admin,
    )
    # Baselines.
    candidates = services.candidates_for(programme)
    selection_s, _ = _time(
        lambda: selection.propose(
            candidates, target=25, well_performing_share=25, as_of=D(2015, 4, 1)
        )
    )
    trivial_s, _ = _time(_trivial_cpsat)

    rows = []

    # Case 1: 25 areas over 19 months, through the product's own pipeline.
    propose_s, _ = _time(
        lambda: services.programme_propose(programme=programme, by=admin), repeat=1
    )
    problem = services.problem_for(programme, time_limit=30)
    # Leave for the unnamed planning places: four weeks a year each.
    problem.teams = {
        code: scheduling.TeamSpec(
            t.code,
            t.name,
            t.team_size,
            t.max_concurrent,
            tuple(
                scheduling.Person(p.key, p.name, p.user_id, p.is_lead, (leave,))
                for p, leave in zip(
                    t.people, _leave(len(t.people), code, D(2015, 4, 1), 12), strict=False
                )
            ),
        )
        for code, t in problem.teams.items()
    }
    small_s, small = _time(lambda: solve(problem), repeat=3)
    rows.append(
        {
            "case": "25 areas, 19 months",
            "inspectors": sum(len(t.people) for t in problem.teams.values()),
            "seconds": round(small_s, 2),
            "x selection": round(small_s / selection_s, 1),
            "x trivial CP-SAT": round(small_s / trivial_s, 1),
            "status": small.status,
            "gap": small.gap,
            "max per month": small.stats.get("max_per_month"),
            "min per month": small.stats.get("min_per_month"),
        }
    )

    # Case 2: national, 153 authorities over 36 months, 300 inspectors.
    jtai = services.programme_create(
        name="National programme (benchmark)",
        framework_version=Framework.objects.get(code="jtai").versions.get(version=1),
        period_start=D(2027, 4, 1),
        period_end=D(2030, 3, 31),
        target_areas=153,
        capacities=counts,
        by=admin,
    )
    national_candidates = services.candidates_for(jtai)
    ids = {c.authority_id for c in national_candidates}
    authorities = list(LocalAuthority.objects.filter(pk__in=ids).order_by("gss_code"))
    assert len(authorities) == 153, len(authorities)
    decisions = selection.propose(
        national_candidates, target=153, well_performing_share=25, as_of=D(2027, 4, 1)
    )
    order = {d.authority_id: d.rank for d in decisions}
    core = ("ofsted", "cqc", "hmicfrs", "hmiprobation")
    areas = [
        scheduling.Area(
            a.pk,
            a.name,
            order[a.pk],
            core + (("hmiprisons",) if n % 4 == 0 else ()),  # a custodial establishment
            a.region,
        )
        for n, a in enumerate(sorted(authorities, key=lambda a: order[a.pk]))
    ]
    spec = {
        "ofsted": ("Ofsted", 100, 3, 10),
        "cqc": ("CQC", 60, 2, 10),
        "hmicfrs": ("HMICFRS", 60, 2, 10),
        "hmiprobation": ("HMI Probation", 50, 2, 10),
        "hmiprisons": ("HMI Prisons", 30, 1, 6),
    }
    teams = _teams(spec, D(2027, 4, 1), 36)
    national = scheduling.Problem(
        D(2027, 4, 1), D(2030, 3, 31), 26, areas, teams, time_limit=30, workers=2
    )
    national_s, big = _time(lambda: solve(national), repeat=1)
    rows.append(
        {
            "case": "153 areas, 36 months",
            "inspectors": sum(len(t.people) for t in teams.values()),
            "seconds": round(national_s, 2),
            "x selection": round(national_s / selection_s, 1),
            "x trivial CP-SAT": round(national_s / trivial_s, 1),
            "status": big.status,
            "gap": big.gap,
            "max per month": big.stats.get("max_per_month"),
            "min per month": big.stats.get("min_per_month"),
        }
    )
    return {
        "title": "Programme planning: selection and CP-SAT scheduling (2 workers)",
        "rows": rows,
        "baselines": {
            "selection_153_authorities_s": round(selection_s, 4),
            "trivial_cpsat_s": round(trivial_s, 4),
            "propose_with_database_s": round(propose_s, 3),
        },
        "notes": [
            f"baselines: selection of 25 from 153 authorities {selection_s * 1000:.1f} ms; "
            f"trivial CP-SAT model {trivial_s * 1000:.1f} ms; full proposal with the database "
            f"{propose_s * 1000:.0f} ms",
            "aims: 25 areas in a few seconds; national within 30 s",
            f"national phases (s): {big.stats.get('timings')}",
        ],
    }
