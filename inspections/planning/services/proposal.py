"""The proposal: which areas a programme inspects, recomputed from the outcomes and concerns
on record, with the admin's locked choices kept."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from agencies.models import IlacsOutcome, LocalAuthority, Region
from agencies.selectors import inspectorate_name_on
from jtai import clock
from jtai.exceptions import ApplicationError

from ...models import INACTIVE_STATUSES, Inspection
from .. import selection
from ..models import Concern, Programme, ProgrammeChoice, ProgrammeStatus, ScheduledSlot
from ..permissions import require_admin
from .programmes import lock_editable


def _region_names() -> dict[str, str]:
    return dict(Region.choices)


def candidates_for(programme: Programme) -> list[selection.Candidate]:
    """The facts selection needs, for every current authority with children's services.
    A fixed number of queries whatever the number of authorities."""
    authorities = list(
        LocalAuthority.objects.current(programme.period_start)
        .with_childrens_services()
        .order_by("gss_code")
    )
    if not authorities:  # a programme in the past: today's authorities
        authorities = list(
            LocalAuthority.objects.current().with_childrens_services().order_by("gss_code")
        )
    ids = [a.pk for a in authorities]
    # The latest ILACS outcome known when the programme starts (else the latest on record).
    outcomes: dict[int, IlacsOutcome] = {}
    for outcome in IlacsOutcome.objects.filter(authority_id__in=ids).order_by(
        "authority_id", "-start_date"
    ):
        best = outcomes.get(outcome.authority_id)
        before = outcome.start_date < programme.period_start
        if best is None or (before and best.start_date >= programme.period_start):
            outcomes[outcome.authority_id] = outcome
    concerns: dict[int, list] = defaultdict(list)
    for c in (
        Concern.objects.filter(
            authority_id__in=ids, date__lte=max(programme.period_start, clock.today())
        )
        .select_related("inspectorate")
        .prefetch_related("inspectorate__names")
    ):
        concerns[c.authority_id].append(
            selection.ConcernFact(
                inspectorate=inspectorate_name_on(c.inspectorate, c.date, short=True),
                date=c.date,
                severity=c.severity,
                summary=c.summary,
            )
        )
    recent: dict[int, str] = {}
    since = programme.period_start.replace(
        year=programme.period_start.year - programme.recent_years
    )
    for inspection in (
        Inspection.objects.filter(
            authority_id__in=ids,
            framework_version__framework_id=programme.framework_version.framework_id,
            window_end__gte=since,
            window_start__lte=programme.period_end,
        )
        .exclude(status__in=INACTIVE_STATUSES)
        .exclude(pk__in=_programme_inspection_ids(programme))
        .order_by("authority_id", "-window_start")
    ):
        recent.setdefault(
            inspection.authority_id,
            f"{programme.framework_version.framework.name}, {inspection.window_start:%B %Y}",
        )
    custodial = set(
        LocalAuthority.objects.filter(pk__in=ids)
        .with_custodial_establishment()
        .values_list("pk", flat=True)
    )
    regions = _region_names()
    out = []
    for a in authorities:
        o = outcomes.get(a.pk)
        out.append(
            selection.Candidate(
                authority_id=a.pk,
                name=a.name,
                gss_code=a.gss_code,
                region=a.region,
                region_name=regions.get(a.region, "an unknown region"),
                grade=(o.overall_effectiveness if o else "") or "",
                grade_date=o.start_date if o else None,
                concerns=tuple(concerns.get(a.pk, ())),
                recent_inspection=recent.get(a.pk, ""),
                has_custodial=a.pk in custodial,
            )
        )
    return out


def _programme_inspection_ids(programme: Programme) -> list[int]:
    return list(
        ScheduledSlot.objects.filter(
            run__programme=programme, inspection__isnull=False
        ).values_list("inspection_id", flat=True)
    )


@transaction.atomic
def programme_propose(*, programme: Programme, by=None) -> list[ProgrammeChoice]:
    """(Re)compute the proposal. Locked choices keep their place; everything else is redone."""
    require_admin(by)
    programme = lock_editable(programme)
    existing = {c.authority_id: c for c in programme.choices.all()}
    locks = {a: selection.Lock(included=c.included) for a, c in existing.items() if c.locked}
    as_of = programme.period_start
    decisions = selection.propose(
        candidates_for(programme),
        target=programme.target_areas,
        well_performing_share=programme.well_performing_share,
        as_of=as_of,
        locks=locks,
    )
    to_create, to_update = [], []
    for d in decisions:
        choice = existing.get(d.authority_id)
        if choice is None:
            choice = ProgrammeChoice(programme=programme, authority_id=d.authority_id)
            to_create.append(choice)
        else:
            to_update.append(choice)
        if not choice.locked:  # a locked choice keeps the admin's decision and its words
            choice.included = d.included
            choice.reason = d.reason
        choice.locked = d.locked
        choice.priority = d.priority
        choice.rank = d.rank
        choice.grade = d.grade
    ProgrammeChoice.objects.bulk_create(to_create)
    ProgrammeChoice.objects.bulk_update(
        to_update, ["included", "locked", "reason", "priority", "rank", "grade"]
    )
    if programme.status == ProgrammeStatus.SCHEDULED:
        programme.status = ProgrammeStatus.DRAFT
        programme.save(update_fields=["status", "updated_at"])
    return list(programme.choices.order_by("rank"))


CHOICE_ACTIONS = ("add", "remove", "lock", "unlock")


@transaction.atomic
def choice_change(*, choice: ProgrammeChoice, action: str, by=None) -> ProgrammeChoice:
    """Add, remove (both lock the choice, so a re-proposal keeps it), lock or unlock."""
    require_admin(by)
    lock_editable(choice.programme)
    if action not in CHOICE_ACTIONS:
        raise ApplicationError(
            "Choose add, remove, lock or unlock", fields={"action": ["Choose an action"]}
        )
    choice = ProgrammeChoice.objects.select_for_update().get(pk=choice.pk)
    who = by.display_name if by is not None else "an admin"
    if action == "add":
        choice.included, choice.locked = True, True
        choice.reason = f"In: added and locked by {who}; " + _strip(choice.reason)
    elif action == "remove":
        choice.included, choice.locked = False, True
        choice.reason = f"Out: removed and locked by {who}; " + _strip(choice.reason)
    elif action == "lock":
        choice.locked = True
    else:
        choice.locked = False
    choice.save()
    return choice


@transaction.atomic
def choices_change(
    *, programme: Programme, choices: list[ProgrammeChoice], action: str, by=None
) -> list[ProgrammeChoice]:
    """The same change to several areas of one proposal, all or none."""
    if not choices:
        raise ApplicationError("Select at least one area", fields={"choices": ["Select an area"]})
    if any(choice.programme_id != programme.pk for choice in choices):
        raise ApplicationError(
            "Select areas from this proposal",
            fields={"choices": ["Select areas from this proposal"]},
        )
    return [choice_change(choice=choice, action=action, by=by) for choice in choices]


def _strip(reason: str) -> str:
    for prefix in ("In: ", "Out: "):
        if reason.startswith(prefix):
            reason = reason[len(prefix) :]
    for marker in ("added and locked by ", "removed and locked by "):
        if reason.startswith(marker) and "; " in reason:
            reason = reason.split("; ", 1)[1]
    return reason
