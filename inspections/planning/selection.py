"""Which authorities a programme should inspect, and why: pure, deterministic, explainable.

No database here: `services.programme_propose` gathers the facts into `Candidate`s and saves
the `Decision`s. The same candidates and settings always give the same proposal.

The rule, after the 2014 consultation: mainly areas where Ofsted returns after an
"inadequate" grade or where an inspectorate has concerns, with about a quarter of
well-performing (good or outstanding) areas so that good practice is shared, spread across
Ofsted's regions, and never an area inspected recently under the same framework.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

GRADE_SCORE = {
    "inadequate": 1000,
    "requires_improvement": 400,
    "": 250,
    "good": 60,
    "outstanding": 40,
}
GRADE_LABEL = {
    "inadequate": "inadequate",
    "requires_improvement": "requires improvement",
    "good": "good",
    "outstanding": "outstanding",
}
SEVERITY_SCORE = {"high": 300, "medium": 150, "low": 50}
WELL_PERFORMING = ("good", "outstanding")
# A region that already has an area chosen counts against the next one from it.
REGION_PENALTY = 120


@dataclass(frozen=True)
class ConcernFact:
    inspectorate: str  # short name, e.g. "CQC"
    date: datetime.date
    severity: str  # low / medium / high
    summary: str = ""


@dataclass(frozen=True)
class Candidate:
    authority_id: int
    name: str
    gss_code: str
    region: str  # Ofsted region code
    region_name: str
    grade: str = ""  # latest ILACS overall effectiveness ("" when none)
    grade_date: datetime.date | None = None
    concerns: tuple[ConcernFact, ...] = ()
    recent_inspection: str = ""  # e.g. "Integrated inspection, May 2024"; "" when none
    has_custodial: bool = False


@dataclass(frozen=True)
class Lock:
    included: bool


@dataclass
class Decision:
    authority_id: int
    included: bool
    priority: int
    reason: str
    rank: int = 0
    locked: bool = False
    grade: str = ""
    kind: str = ""  # "priority", "well-performing", "locked", "excluded"
    parts: list[str] = field(default_factory=list)


def _month(day: datetime.date | None) -> str:
    return day.strftime("%B %Y") if day else "date unknown"


def concern_score(concern: ConcernFact, as_of: datetime.date) -> int:
    """Severity, weighted by recency: full for a year, half for two, a quarter after."""
    age = abs((as_of - concern.date).days)
    divisor = 1 if age <= 365 else 2 if age <= 730 else 4
    return SEVERITY_SCORE.get(concern.severity, 0) // divisor


def priority_score(candidate: Candidate, as_of: datetime.date) -> int:
    score = GRADE_SCORE.get(candidate.grade, 0)
    score += sum(concern_score(c, as_of) for c in candidate.concerns)
    if candidate.grade == "inadequate" and candidate.grade_date:
        # The longer since Ofsted found it inadequate, the more a return visit is due.
        score += min(60, max(0, (as_of - candidate.grade_date).days // 30))
    return score


def _grade_text(candidate: Candidate) -> str:
    if not candidate.grade:
        return "no Ofsted (ILACS) grade on record"
    return f"graded {GRADE_LABEL[candidate.grade]} (ILACS, {_month(candidate.grade_date)})"


def _concerns_text(candidate: Candidate) -> list[str]:
    ordered = sorted(
        candidate.concerns,
        key=lambda c: (-SEVERITY_SCORE.get(c.severity, 0), -c.date.toordinal(), c.inspectorate),
    )
    return [f"{c.inspectorate} concern ({c.severity}, {_month(c.date)})" for c in ordered]


def _is_priority(candidate: Candidate) -> bool:
    return candidate.grade not in WELL_PERFORMING or bool(candidate.concerns)


def propose(
    candidates: list[Candidate],
    *,
    target: int,
    well_performing_share: int,
    as_of: datetime.date,
    locks: dict[int, Lock] | None = None,
) -> list[Decision]:
    """Every candidate gets a decision, in or out, with its reason; the result is ranked."""
    locks = locks or {}
    ordered = sorted(candidates, key=lambda c: c.gss_code)
    scores = {c.authority_id: priority_score(c, as_of) for c in ordered}
    decisions: dict[int, Decision] = {}
    region_count: dict[str, int] = {}
    chosen_order: list[int] = []

    def decide(c: Candidate, *, included: bool, kind: str, parts: list[str]) -> None:
        decisions[c.authority_id] = Decision(
            authority_id=c.authority_id,
            included=included,
            priority=scores[c.authority_id],
            reason="",
            grade=c.grade,
            kind=kind,
            parts=parts,
        )

    def choose(c: Candidate, kind: str, parts: list[str]) -> None:
        decide(c, included=True, kind=kind, parts=parts)
        region_count[c.region] = region_count.get(c.region, 0) + 1
        chosen_order.append(c.authority_id)

    def leave_out(c: Candidate, kind: str, parts: list[str]) -> None:
        decide(c, included=False, kind=kind, parts=parts)

    # 1. The admin's locks stand, whatever the rules would say.
    for c in ordered:
        lock = locks.get(c.authority_id)
        if lock is None:
            continue
        if lock.included:
            choose(c, "locked", [f"locked in by an admin; {_grade_text(c)}", *_concerns_text(c)])
        else:
            leave_out(c, "locked", [f"removed and locked by an admin; {_grade_text(c)}"])

    # 2. Recently inspected under the same framework: out.
    for c in ordered:
        if c.authority_id not in decisions and c.recent_inspection:
            leave_out(
                c,
                "excluded",
                [f"inspected recently under the same framework ({c.recent_inspection})"],
            )

    wp_target = math.ceil(target * well_performing_share / 100) if target else 0
    locked_in = [decisions[a] for a in chosen_order]
    wp_have = sum(1 for d in locked_in if d.grade in WELL_PERFORMING)
    priority_slots = max(0, target - wp_target - (len(locked_in) - wp_have))
    wp_slots = max(0, wp_target - wp_have)

    open_ = [c for c in ordered if c.authority_id not in decisions]
    priority_pool = [c for c in open_ if _is_priority(c)]
    wp_pool = [c for c in open_ if not _is_priority(c)]

    def pick_priority(pool: list[Candidate], slots: int) -> None:
        remaining = list(pool)
        while slots > 0 and remaining:
            best = max(
                remaining,
                key=lambda c: (
                    scores[c.authority_id] - REGION_PENALTY * region_count.get(c.region, 0),
                    scores[c.authority_id],
                    # earlier ILACS visit first, then the code: a stable, total order
                    -(c.grade_date.toordinal() if c.grade_date else 0),
                    c.gss_code,
                ),
            )
            remaining.remove(best)
            parts = [_grade_text(best), *_concerns_text(best)]
            if region_count.get(best.region, 0) == 0:
                parts.append(f"the first area chosen in {best.region_name}")
            choose(best, "priority", parts)
            slots -= 1

    def pick_well_performing(pool: list[Candidate], slots: int) -> None:
        remaining = list(pool)
        taken = 0
        while slots > 0 and remaining:
            best = max(
                remaining,
                key=lambda c: (
                    -region_count.get(c.region, 0),
                    c.grade == "outstanding",
                    c.grade_date.toordinal() if c.grade_date else 0,
                    c.gss_code,
                ),
            )
            remaining.remove(best)
            taken += 1
            parts = [
                _grade_text(best),
                "a well-performing area, to share good practice "
                f"({wp_have + taken} of {wp_target})",
            ]
            if region_count.get(best.region, 0) == 0:
                parts.append(f"the first area chosen in {best.region_name}")
            choose(best, "well-performing", parts)
            slots -= 1

    pick_priority(priority_pool, priority_slots)
    pick_well_performing(wp_pool, wp_slots)
    # Not enough of one kind: fill from the other so the programme reaches its target.
    short = target - len(chosen_order)
    if short > 0:
        pick_priority([c for c in priority_pool if c.authority_id not in decisions], short)
    short = target - len(chosen_order)
    if short > 0:
        pick_well_performing([c for c in wp_pool if c.authority_id not in decisions], short)

    # Explain every authority left out.
    chosen_priority = [decisions[a] for a in chosen_order if decisions[a].kind == "priority"]
    names = {c.authority_id: c.name for c in ordered}
    codes = {c.authority_id: c.gss_code for c in ordered}
    wp_names = [names[a] for a in chosen_order if decisions[a].grade in WELL_PERFORMING]

    lowest = min(chosen_priority, key=lambda d: d.priority, default=None)
    for c in ordered:
        if c.authority_id in decisions:
            continue
        parts = [_grade_text(c), *_concerns_text(c)]
        if len(chosen_order) >= target:
            if _is_priority(c):
                if lowest is not None:
                    mine, last = scores[c.authority_id], lowest.priority
                    last_name = names[lowest.authority_id]
                    parts.append(
                        f"priority {mine}, below the last area chosen ({last_name}, {last})"
                        if mine < last
                        else f"priority {mine}, level with the last area chosen ({last_name}); "
                        "places went to regions with fewer areas chosen"
                    )
                else:
                    parts.append("the programme's places are taken")
            else:
                listed = ", ".join(wp_names[:4]) + (" and others" if len(wp_names) > 4 else "")
                parts.append(
                    f"quota of well-performing areas already met by {listed}"
                    if wp_names
                    else "the programme's places are taken"
                )
        leave_out(c, "out", parts)

    # Rank: the chosen first, by priority (the scheduler puts the highest first; an area the
    # admin added keeps its own priority), then the rest by priority.
    rank = 0
    position = {a: n for n, a in enumerate(chosen_order)}
    for authority_id in sorted(chosen_order, key=lambda a: (-decisions[a].priority, position[a])):
        rank += 1
        decisions[authority_id].rank = rank
    rest = sorted(
        (d for d in decisions.values() if not d.included),
        key=lambda d: (-d.priority, codes[d.authority_id]),
    )
    for d in rest:
        rank += 1
        d.rank = rank
    for c in ordered:
        d = decisions[c.authority_id]
        d.locked = c.authority_id in locks
        text = "; ".join(p for p in d.parts if p)
        d.reason = f"{'In' if d.included else 'Out'}: {text}."
    return sorted(decisions.values(), key=lambda d: d.rank)
