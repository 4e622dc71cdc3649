"""Schedule runs: queue one, solve it (the Celery task), store its draft schedule, and accept
it, creating the planned inspections and their teams in one transaction.

The solver, and OR-Tools with it, is imported inside `schedule_run_execute` only: pages and
the API queue runs and read them without loading it.
"""

from __future__ import annotations

import time
from collections import defaultdict

from django.db import OperationalError, transaction
from django.urls import reverse

from agencies.models import LocalAuthority, Role, User
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError
from jtai.notifications import notify
from jtai.queue import enqueue_on_commit

from ...models import INACTIVE_STATUSES, Inspection, Participation, TeamMember, TeamRole
from ...selectors import judging_inspectorate_ids, team_gaps
from ...services.scheduling import inspection_schedule
from ...services.teams import team_member_add
from .. import problem as scheduling
from ..models import (
    Programme,
    ProgrammeStatus,
    RunStatus,
    ScheduledSlot,
    ScheduleRun,
    SolverStatus,
)
from ..permissions import require_admin
from .programmes import lock_editable


@transaction.atomic
def schedule_run_request(*, programme: Programme, by=None, time_limit: int = 20) -> ScheduleRun:
    """Queue a run; the Celery task is sent once the transaction commits."""
    require_admin(by)
    programme = lock_editable(programme)
    if not programme.choices.filter(included=True).exists():
        raise ApplicationError("Propose and choose areas before scheduling")
    busy = programme.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).first()
    if busy is not None:
        return busy
    run = ScheduleRun.objects.create(
        programme=programme, requested_by=by, time_limit=max(1, min(time_limit, 120))
    )
    enqueue_on_commit("inspections.planning.tasks.schedule_run_execute", run.pk)
    return run


def problem_for(programme: Programme, *, time_limit: float = 20.0) -> scheduling.Problem:
    """The solver's input: chosen areas in priority order, each inspectorate's people."""
    version = programme.framework_version
    rules = list(version.inspectorate_rules.select_related("inspectorate"))
    capacities = {
        c.inspectorate.code: c
        for c in programme.capacities.select_related("inspectorate").prefetch_related(
            "inspectors", "leave"
        )
    }
    choices = list(
        programme.choices.filter(included=True).select_related("authority").order_by("rank")
    )
    ids = [c.authority_id for c in choices]
    custodial = set(
        LocalAuthority.objects.filter(pk__in=ids)
        .with_custodial_establishment()
        .values_list("pk", flat=True)
    )
    areas = []
    for n, choice in enumerate(choices, start=1):
        codes = []
        for rule in rules:
            code = rule.inspectorate.code
            if (
                rule.participation == Participation.REQUIRED
                or (
                    rule.participation == Participation.CONDITIONAL
                    and choice.authority_id in custodial
                )
                or (rule.participation == Participation.OPTIONAL and code in capacities)
            ):
                codes.append(code)
        areas.append(
            scheduling.Area(
                authority_id=choice.authority_id,
                name=choice.authority.name,
                rank=n,
                inspectorates=tuple(codes),
                region=choice.authority.region,
            )
        )
    # Existing bookings of named inspectors count as unavailable.
    named = [u.pk for c in capacities.values() for u in c.inspectors.all()]
    bookings: dict[int, list] = defaultdict(list)
    for member in TeamMember.objects.filter(
        user_id__in=named,
        window_end__gte=programme.period_start,
        window_start__lte=programme.period_end,
    ).exclude(inspection__status__in=INACTIVE_STATUSES):
        bookings[member.user_id].append((member.window_start, member.window_end))
    teams = {}
    for code, cap in capacities.items():
        leave = list(cap.leave.all())
        people = []
        named_people = sorted(cap.inspectors.all(), key=lambda u: (u.last_name, u.username))
        for u in named_people:
            away = [(lv.start, lv.end) for lv in leave if lv.user_id == u.pk]
            people.append(
                scheduling.Person(
                    key=f"user-{u.pk}",
                    name=u.display_name,
                    user_id=u.pk,
                    is_lead=u.role == Role.LEAD_INSPECTOR,
                    unavailable=tuple(away + bookings.get(u.pk, [])),
                )
            )
        # Planning places make up the head count; unnamed leave takes the first of them.
        places = max(0, cap.inspector_count - len(named_people))
        unnamed_away: dict[int, list] = defaultdict(list)
        for lv in leave:
            if lv.user_id is None:
                for k in range(min(lv.headcount, places)):
                    unnamed_away[k].append((lv.start, lv.end))
        for k in range(places):
            people.append(
                scheduling.Person(
                    key=f"{code}-{k + 1}",
                    name=f"{cap.inspectorate.short_name} inspector {len(named_people) + k + 1}",
                    unavailable=tuple(unnamed_away.get(k, [])),
                )
            )
        if not any(p.is_lead for p in people) or sum(p.is_lead for p in people) < min(
            cap.max_concurrent, len(areas)
        ):
            # Too few named leads to lead every inspection: anyone may lead.
            people = [
                scheduling.Person(p.key, p.name, p.user_id, False, p.unavailable, senior=p.is_lead)
                for p in people
            ]
        teams[code] = scheduling.TeamSpec(
            code=code,
            name=cap.inspectorate.short_name,
            team_size=cap.team_size,
            max_concurrent=cap.max_concurrent,
            people=tuple(people),
        )
    return scheduling.Problem(
        period_start=programme.period_start,
        period_end=programme.period_end,
        window_days=version.window_days,
        areas=areas,
        teams=teams,
        time_limit=time_limit,
        workers=2,
    )


def _progress(run_id: int):
    last = [0.0]

    def report(percent: int, stage: str) -> None:
        now = time.monotonic()
        if now - last[0] < 0.5 and percent < 100:
            return
        last[0] = now
        ScheduleRun.objects.filter(pk=run_id).update(progress=min(percent, 99), stage=stage)

    return report


def schedule_run_execute(*, run_id: int) -> ScheduleRun | None:
    """Solve a queued run (the Celery task calls this). A finished run is left as it is."""
    claimed = ScheduleRun.objects.filter(
        pk=run_id, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
    ).update(status=RunStatus.RUNNING, started_at=clock.now(), stage="Preparing", progress=2)
    run = ScheduleRun.objects.select_related("programme").filter(pk=run_id).first()
    if run is None or not claimed:
        return run
    from ..solver import solve  # OR-Tools loads here, in the worker, never in a web process

    try:
        problem = problem_for(run.programme, time_limit=run.time_limit)
        result = solve(problem, progress=_progress(run.pk))
    except OperationalError:
        raise  # the task retries; the run stays claimable
    except Exception as exc:  # the run must never stay "running"
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            solver_status=SolverStatus.UNKNOWN,
            explanation=f"The scheduler stopped with an error: {exc}",
            finished_at=clock.now(),
            progress=100,
        )
        raise
    _store_result(run, result)
    run.refresh_from_db()
    return run


@transaction.atomic
def _store_result(run: ScheduleRun, result: scheduling.Result) -> None:
    run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
    run.slots.all().delete()
    ranks = {c.authority_id: c.rank for c in run.programme.choices.filter(included=True)}
    ScheduledSlot.objects.bulk_create(
        ScheduledSlot(
            run=run,
            authority_id=slot.authority_id,
            window_start=slot.start,
            window_end=slot.end,
            team=slot.team,
            priority_rank=ranks.get(slot.authority_id, 0),
        )
        for slot in result.slots
    )
    run.solver_status = result.status
    run.objective = result.objective
    run.gap = result.gap
    run.explanation = result.explanation
    run.seconds = round(result.seconds, 3)
    run.progress = 100
    run.stage = "Finished"
    run.finished_at = clock.now()
    run.status = RunStatus.DONE
    run.save()
    if result.status in (SolverStatus.OPTIMAL, SolverStatus.FEASIBLE):
        Programme.objects.filter(pk=run.programme_id, status=ProgrammeStatus.DRAFT).update(
            status=ProgrammeStatus.SCHEDULED
        )
    notify(
        users=[run.requested_by],
        kind="scheduling-finished",
        title=f"The scheduler finished “{run.programme}”: {run.get_solver_status_display()}",
        body=run.explanation[:500],
        url=reverse("inspections:planning:detail", args=[run.programme_id]),
    )


@transaction.atomic
def schedule_run_accept(*, run: ScheduleRun, by=None) -> list[Inspection]:
    """Create the planned inspections (and their teams) of a finished run, all or nothing.

    Each named inspector joins with the partner agencies their inspectorate judges in that
    area (the inspectors share them; a lead with no named inspector beside them inspects them
    too), so the same team shape makes the same team everywhere. A place the run left without
    a named inspector is not invented: each inspection returned carries `unstaffed`, the
    precise reasons its team is not complete yet (empty when it is)."""
    require_admin(by)
    programme = lock_editable(run.programme)
    run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
    if not run.has_schedule:
        raise ConflictError("Only a finished run with a schedule can be accepted")
    if run.accepted_at is not None:
        raise ConflictError("This schedule has already been accepted")
    included = set(programme.choices.filter(included=True).values_list("authority_id", flat=True))
    slots = list(run.slots.select_related("authority"))
    if {s.authority_id for s in slots} != included:
        raise ConflictError(
            "The proposal has changed since this run: run the scheduler again before accepting"
        )
    rules = {
        r.inspectorate.code: r
        for r in programme.framework_version.inspectorate_rules.select_related("inspectorate")
    }
    capacity_codes = set(programme.capacities.values_list("inspectorate__code", flat=True))
    optional = [
        r.inspectorate
        for code, r in rules.items()
        if r.participation == Participation.OPTIONAL and code in capacity_codes
    ]
    user_ids = {
        p["user"] for s in slots for people in s.team.values() for p in people if p.get("user")
    }
    users = User.objects.select_related("inspectorate").in_bulk(user_ids)
    judged_by = judging_inspectorate_ids(programme.framework_version)
    created = []
    for slot in slots:
        try:
            scheduled = inspection_schedule(
                authority=slot.authority,
                framework_version=programme.framework_version,
                window_start=slot.window_start,
                theme=programme.theme,
                optional_inspectorates=optional,
                by=by,
            )
            inspection = scheduled.inspection
            inspection.unstaffed = _staff(inspection, slot, users, judged_by, rules, by=by)
        except ApplicationError as exc:
            name = slot.authority.name
            raise ApplicationError(
                f"{name}: {exc.message}",
                fields={f: [f"{name}: {m}" for m in ms] for f, ms in exc.fields.items()},
            ) from exc
        slot.inspection = inspection
        slot.save(update_fields=["inspection"])
        created.append(inspection)
    run.accepted_at = clock.now()
    run.save(update_fields=["accepted_at"])
    programme.status = ProgrammeStatus.ACCEPTED
    programme.save(update_fields=["status", "updated_at"])
    return created


def _staff(inspection, slot, users, judged_by, rules, *, by) -> list[str]:
    """Put the slot's named inspectors on the inspection's team with their agencies; return
    why the team is not complete (a place without a named inspector, and the team's gaps)."""
    agencies = defaultdict(list)
    for agency in inspection.agencies.all():
        agencies[judged_by.get(agency.agency_type_id)].append(agency)
    unstaffed = []
    for code in sorted(slot.team, key=lambda c: (c != "ofsted", c)):
        places = slot.team[code]
        named = [(p, users[p["user"]]) for p in places if p.get("user") in users]
        rule = rules.get(code)
        name = rule.inspectorate.short_name if rule else code
        if len(named) < len(places):
            missing = len(places) - len(named)
            unstaffed.append(
                f"{name}: {missing} of {len(places)} place{'s' if len(places) != 1 else ''} "
                "in the run without a named inspector"
            )
        has_inspector = any(not p.get("lead") for p, _ in named)
        for person, user in named:
            lead = bool(person.get("lead"))
            if lead:
                role = TeamRole.OVERALL_LEAD if code == "ofsted" else TeamRole.INSPECTORATE_LEAD
            else:
                role = TeamRole.INSPECTOR
            # The inspectors inspect their inspectorate's agencies; a lead does when alone.
            own = agencies.get(user.inspectorate_id, []) if (not lead or not has_inspector) else []
            team_member_add(inspection=inspection, user=user, role=role, agencies=own, by=by)
    unstaffed.extend(gap for gap in team_gaps(inspection) if gap not in unstaffed)
    return unstaffed
