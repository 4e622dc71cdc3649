"""The inspection's lifecycle as one table: each verb, the states it may start from, the state
it leads to, and who may use it.

    planned -> notified -> fieldwork -> evidence closed -> moderation -> factual accuracy
      -> published -> (action plan due, where the framework asks for one) -> closed
    planned | notified -> cancelled | deferred (with a reason)

Other parts of the product add rules without touching this table:

    from inspections.lifecycle import guard, after

    @guard("publish")
    def needs_final_report(inspection, *, by, reason):
        if not ...:
            raise ApplicationError("Generate the final report before publishing")

    @after("start_fieldwork")
    def open_task_lists(inspection, *, by, transition):
        ...

Guards run inside the transition's transaction before the status changes, and refuse by
raising `ApplicationError` (or `ConflictError`); after-hooks run in the same transaction once
the status has changed. Each app imports its `lifecycle` module by name from its
`AppConfig.ready()` (`inspections.recording.lifecycle`, `reports.lifecycle`), so the rules are
registered before any request, and a missing module stops the start-up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .models import Status
from .permissions import ADMIN, OVERALL_LEAD, SYSTEM


@dataclass(frozen=True)
class TransitionRule:
    verb: str
    sources: tuple[str, ...]
    target: str
    allowed: frozenset[str]
    label: str  # the button
    done: str  # the message afterwards
    reason_required: bool = False
    reason_label: str = "Reason (optional)"
    # The button and the message for an unannounced inspection, where they differ.
    unannounced_label: str = ""
    unannounced_done: str = ""

    def allows(self, roles) -> bool:
        return bool(self.allowed & set(roles))

    def label_for(self, inspection) -> str:
        if self.unannounced_label and not inspection.framework_version.is_announced:
            return self.unannounced_label
        return self.label

    def done_for(self, inspection) -> str:
        if self.unannounced_done and not inspection.framework_version.is_announced:
            return self.unannounced_done
        return self.done


def _rule(verb, sources, target, allowed, label, done, **extra) -> TransitionRule:
    return TransitionRule(verb, tuple(sources), target, frozenset(allowed), label, done, **extra)


TRANSITIONS: dict[str, TransitionRule] = {
    rule.verb: rule
    for rule in [
        _rule(
            "notify",
            [Status.PLANNED],
            Status.NOTIFIED,
            [ADMIN],
            "Notify the area",
            "The area and the team have been notified",
            unannounced_label="Notify the team",
            unannounced_done=(
                "The team has been notified. The inspection is unannounced: the area is told "
                "on the morning inspectors arrive"
            ),
        ),
        _rule(
            "start_fieldwork",
            [Status.NOTIFIED],
            Status.FIELDWORK,
            [ADMIN, OVERALL_LEAD, SYSTEM],
            "Start fieldwork",
            "Fieldwork has started",
            reason_label="Reason, if fieldwork starts before the window (optional)",
        ),
        _rule(
            "close_evidence",
            [Status.FIELDWORK],
            Status.EVIDENCE_CLOSED,
            [ADMIN, OVERALL_LEAD],
            "Close evidence gathering",
            "Evidence gathering is closed",
        ),
        _rule(
            "start_moderation",
            [Status.EVIDENCE_CLOSED],
            Status.MODERATION,
            [ADMIN, OVERALL_LEAD],
            "Start moderation",
            "Moderation has started",
        ),
        _rule(
            "send_for_factual_accuracy",
            [Status.MODERATION],
            Status.FACTUAL_ACCURACY,
            [ADMIN, OVERALL_LEAD],
            "Send for factual accuracy",
            "The draft report is with the area for factual accuracy",
        ),
        _rule(
            "publish",
            [Status.FACTUAL_ACCURACY],
            Status.PUBLISHED,
            [ADMIN, OVERALL_LEAD],
            "Publish",
            "The inspection is published",
        ),
        _rule(
            "await_action_plan",
            [Status.PUBLISHED],
            Status.ACTION_PLAN_DUE,
            # The system asks once an embargoed report becomes public.
            [ADMIN, OVERALL_LEAD, SYSTEM],
            "Ask for the written statement of action",
            "The written statement of action is now due",
        ),
        _rule(
            "close",
            [Status.PUBLISHED, Status.ACTION_PLAN_DUE],
            Status.CLOSED,
            [ADMIN],
            "Close the inspection",
            "The inspection is closed",
        ),
        _rule(
            "cancel",
            [Status.PLANNED, Status.NOTIFIED],
            Status.CANCELLED,
            [ADMIN],
            "Cancel the inspection",
            "The inspection is cancelled",
            reason_required=True,
            reason_label="Why is the inspection cancelled?",
        ),
        _rule(
            "defer",
            [Status.PLANNED, Status.NOTIFIED],
            Status.DEFERRED,
            [ADMIN],
            "Defer the inspection",
            "The inspection is deferred",
            reason_required=True,
            reason_label="Why is the inspection deferred?",
        ),
    ]
}

# The order verbs are offered on the inspection page: the main next step first.
VERBS = list(TRANSITIONS)

Guard = Callable[..., None]
Hook = Callable[..., None]
_guards: dict[str, list[Guard]] = defaultdict(list)
_after: dict[str, list[Hook]] = defaultdict(list)


def _check_verb(verb: str) -> None:
    if verb not in TRANSITIONS:
        raise ValueError(f"Unknown lifecycle verb {verb!r}; known: {', '.join(TRANSITIONS)}")


def guard(verb: str):
    """Register `fn(inspection, *, by, reason)` to run before `verb`; it refuses by raising."""
    _check_verb(verb)

    def register(fn: Guard) -> Guard:
        if fn not in _guards[verb]:
            _guards[verb].append(fn)
        return fn

    return register


def after(verb: str):
    """Register `fn(inspection, *, by, transition)` to run once `verb` has changed the status."""
    _check_verb(verb)

    def register(fn: Hook) -> Hook:
        if fn not in _after[verb]:
            _after[verb].append(fn)
        return fn

    return register


@dataclass(frozen=True)
class Blocker:
    """What stops a verb now, said so a person can act on it, with where to act."""

    text: str
    href: str = ""


# `fn(inspections) -> {inspection id: [Blocker, ...]}`, over many inspections in a fixed
# number of queries: the same function refuses the verb (the transition service runs it as a
# guard) and lists, on pages and in the API, what stands in the way.
Blocks = Callable[[Sequence], dict[int, list[Blocker]]]
_blockers: dict[str, list[Blocks]] = defaultdict(list)


def blocker(verb: str):
    """Register `fn(inspections) -> {id: [Blocker]}`: a rule that stops `verb` while it finds
    something, shown as the step's blockers and enforced when the verb is used."""
    _check_verb(verb)

    def register(fn: Blocks) -> Blocks:
        if fn not in _blockers[verb]:
            _blockers[verb].append(fn)
        return fn

    return register


def blockers_for(verb: str) -> list[Blocks]:
    return list(_blockers[verb])


def guards_for(verb: str) -> list[Guard]:
    return list(_guards[verb])


def hooks_after(verb: str) -> list[Hook]:
    return list(_after[verb])


def next_steps(status: str, roles) -> list[TransitionRule]:
    """The transitions open from `status` to someone holding `roles`."""
    return [rule for rule in TRANSITIONS.values() if status in rule.sources and rule.allows(roles)]
