"""The next steps of inspections and what blocks each, for a person: one selector for the
inspection page, the home pages and the API.

A step is a verb of the lifecycle table open from the inspection's status to the person's
roles on it. Its blockers come from the same rules that refuse the verb: the team check the
transition service makes before notifying, and the `@blocker` rules other parts register
(moderation: judgements signed off, shared judgements not disputed; the report: versions,
sections, factual-accuracy answers, an embargo). Everything is read for many inspections in
a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse

from . import lifecycle
from .lifecycle import Blocker, TransitionRule
from .models import Inspection, Status, TeamMember
from .models.inspection import STATUS_PHRASES
from .permissions import ADMIN, actor_roles
from .selectors import team_gaps_among

STOP_VERBS = ("cancel", "defer")


def status_phrase(status: str) -> str:
    """How the status reads in a sentence ("The inspection is …")."""
    return STATUS_PHRASES.get(status, str(status).replace("_", " "))


@dataclass
class Step:
    rule: TransitionRule
    label: str
    blockers: list[Blocker] = field(default_factory=list)

    @property
    def verb(self) -> str:
        return self.rule.verb

    @property
    def is_blocked(self) -> bool:
        return bool(self.blockers)

    @property
    def is_stop(self) -> bool:
        return self.rule.verb in STOP_VERBS


def _builtin_blockers(inspection: Inspection, verb: str) -> list[Blocker]:
    """The transition service's own checks that a person can settle (see `_builtin_guard`)."""
    if verb == "notify":
        team_url = reverse("inspections:team", args=[inspection.pk])
        members = [m for m in inspection.team.all() if m.is_active]
        return [
            Blocker(gap, team_url)
            for gap in team_gaps_among(members, list(inspection.inspectorates.all()))
        ]
    if (
        verb == "close"
        and inspection.status == Status.PUBLISHED
        and inspection.framework_version.action_plan_working_days
    ):
        return [Blocker("Ask for the written statement of action before closing")]
    return []


def _applies(inspection: Inspection, rule: TransitionRule) -> bool:
    """A verb the framework has no use for is not a step (no statement of action asked)."""
    return rule.verb != "await_action_plan" or bool(
        inspection.framework_version.action_plan_working_days
    )


def with_step_data(queryset):
    """What `next_steps_for` reads from each inspection, loaded once for a list."""
    return queryset.select_related("framework_version", "authority").prefetch_related(
        Prefetch(
            "team",
            queryset=TeamMember.objects.select_related("inspectorate").prefetch_related("agencies"),
        ),
        "inspectorates",
    )


def next_steps_for(
    user, inspections: Sequence[Inspection], *, as_roles: frozenset[str] | None = None
) -> dict[int, list[Step]]:
    """Each inspection's steps open to `user`, the main one first, each with its blockers.

    Pass inspections loaded through `with_step_data` (or `selectors.inspection_detail`) so
    the team and inspectorates are read once for the list. `as_roles` shows the steps as
    someone holding those roles would see them (an inspectorate's lead reads what stands in
    the overall lead's way)."""
    steps: dict[int, list[Step]] = {}
    wanted: dict[str, list[Inspection]] = defaultdict(list)
    for inspection in inspections:
        member = next(
            (m for m in inspection.team.all() if m.user_id == user.pk and m.is_active), None
        )
        if as_roles is not None:
            roles = as_roles
        elif member is not None:
            roles = actor_roles(user, inspection, member=member)
        else:  # not on the team: an admin acts as one, anyone else has no step here
            roles = frozenset({ADMIN}) if user.is_admin else frozenset()
        own = [
            Step(rule, rule.label_for(inspection))
            for rule in lifecycle.next_steps(inspection.status, roles)
            if _applies(inspection, rule)
        ]
        steps[inspection.pk] = own
        for step in own:
            step.blockers.extend(_builtin_blockers(inspection, step.verb))
            wanted[step.verb].append(inspection)
    for verb, among in wanted.items():
        for blocks in lifecycle.blockers_for(verb):
            found = blocks(among)
            for inspection in among:
                for step in steps[inspection.pk]:
                    if step.verb == verb:
                        step.blockers.extend(found.get(inspection.pk, []))
    return steps


def main_step(steps: list[Step]) -> Step | None:
    """The step that moves the inspection on (not cancelling or deferring it)."""
    return next((s for s in steps if not s.is_stop), None)
