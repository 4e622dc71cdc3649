"""Every write of programme planning: programmes, capacity, concerns, the proposal, schedule
runs and their acceptance. Keyword-only `<entity>_<verb>` functions; rules broken raise
`ApplicationError` with field errors."""

from __future__ import annotations

import datetime
import time
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction

from agencies.models import Inspectorate, LocalAuthority, Region, Role
from jtai import clock
from jtai.exceptions import ApplicationError, ConflictError

from ..models import (
    INACTIVE_STATUSES,
    FrameworkVersion,
    Inspection,
    Participation,
    TeamMember,
    TeamRole,
    Theme,
)
from . import selection, solver
from .models import (
    CapacityLeave,
    Concern,
    InspectorateCapacity,
    Programme,
    ProgrammeChoice,
    ProgrammeStatus,
    RunStatus,
    ScheduledSlot,
    ScheduleRun,
    SolverStatus,
)

# Default team sizes: Ofsted brings the overall lead and two inspectors.
DEFAULT_TEAM_SIZE = {"ofsted": 3, "cqc": 2, "hmicfrs": 2, "hmiprobation": 2, "hmiprisons": 1}


def _full_clean(instance, **kwargs) -> None:
    try:
        instance.full_clean(**kwargs)
    except ValidationError as exc:
        fields = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        first = next(iter(fields.values()))[0]
        raise ApplicationError(first, fields=fields) from exc


def _require_admin(user) -> None:
    if user is not None and not user.is_admin:
        raise ApplicationError("Only admins plan programmes")


def _editable(programme: Programme) -> Programme:
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if locked.status == ProgrammeStatus.ACCEPTED:
        raise ConflictError("The programme has been accepted; it can no longer change")
    return locked


# Programmes ---------------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    name: str,
    framework_version: FrameworkVersion,
    period_start: datetime.date,
    period_end: datetime.date,
    target_areas: int,
    well_performing_share: int = 25,
    theme: Theme | None = None,
    by=None,
    capacities: dict[str, dict] | None = None,
) -> Programme:
    """Create a programme with a capacity row for each inspectorate of its framework.

    `capacities` maps inspectorate code to {"inspector_count", "team_size", "max_concurrent",
    "inspectors" (users)}; without it, the inspectorate's inspectors in the product are named.
    """
    _require_admin(by)
    errors: dict[str, list[str]] = {}
    if period_start and period_end and period_end <= period_start:
        errors.setdefault("period_end", []).append("The end must be after the start")
    if theme is not None and theme.framework_id != framework_version.framework_id:
        errors.setdefault("theme", []).append(
            f"{theme.name} is not a theme of the {framework_version.framework.name}"
        )
    elif theme is not None and period_start and period_end:
        if theme.start_date > period_end or (theme.end_date and theme.end_date < period_start):
            until = theme.end_date.strftime("%-d %B %Y") if theme.end_date else "now"
            errors.setdefault("theme", []).append(
                f"The theme {theme.name} runs from {theme.start_date:%-d %B %Y} to {until}; "
                "choose a theme that runs during the programme"
            )
    if (
        period_start
        and period_end
        and not framework_version.is_active_between(period_start, period_end)
    ):
        until = (
            framework_version.active_to.strftime("%-d %B %Y")
            if framework_version.active_to
            else "now"
        )
        errors.setdefault("period_start", []).append(
            f"{framework_version.framework.name} runs from "
            f"{framework_version.active_from:%-d %B %Y} to {until}; the programme must fall "
            "in that period"
        )
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], fields=errors)
    programme = Programme(
        name=name,
        framework_version=framework_version,
        theme=theme,
        period_start=period_start,
        period_end=period_end,
        target_areas=target_areas,
        well_performing_share=well_performing_share,
        created_by=by,
    )
    _full_clean(programme, exclude=["created_by"])
    programme.save()
    capacities = capacities or {}
    for rule in framework_version.inspectorate_rules.select_related("inspectorate"):
        code = rule.inspectorate.code
        spec = capacities.get(code, {})
        people = spec.get("inspectors")
        if people is None and "inspector_count" not in spec:
            people = list(
                rule.inspectorate.people.filter(
                    is_active=True, role__in=[Role.INSPECTOR, Role.LEAD_INSPECTOR]
                )
            )
        capacity_set(
            programme=programme,
            inspectorate=rule.inspectorate,
            inspectors=people or [],
            inspector_count=spec.get("inspector_count", len(people or [])),
            team_size=spec.get("team_size", DEFAULT_TEAM_SIZE.get(code, 2)),
            max_concurrent=spec.get("max_concurrent", 2),
        )
    return programme


@transaction.atomic
def capacity_set(
    *,
    programme: Programme,
    inspectorate: Inspectorate,
    inspector_count: int,
    team_size: int,
    max_concurrent: int,
    inspectors=(),
    by=None,
) -> InspectorateCapacity:
    _require_admin(by)
    programme = _editable(programme)
    people = list(inspectors)
    wrong = [u.display_name for u in people if u.inspectorate_id != inspectorate.pk]
    if wrong:
        raise ApplicationError(
            f"{', '.join(wrong)} not in {inspectorate.short_name}",
            fields={"inspectors": [f"{', '.join(wrong)} not in {inspectorate.short_name}"]},
        )
    capacity, _ = InspectorateCapacity.objects.get_or_create(
        programme=programme,
        inspectorate=inspectorate,
        defaults={"team_size": team_size, "max_concurrent": max_concurrent},
    )
    capacity.inspector_count = max(len(people), inspector_count)
    capacity.team_size = team_size
    capacity.max_concurrent = max_concurrent
    _full_clean(capacity)
    capacity.save()
    capacity.inspectors.set(people)
    return capacity


@transaction.atomic
def leave_record(
    *,
    capacity: InspectorateCapacity,
    start: datetime.date,
    end: datetime.date,
    user=None,
    headcount: int = 1,
    by=None,
) -> CapacityLeave:
    _require_admin(by)
    _editable(capacity.programme)
    leave = CapacityLeave(capacity=capacity, user=user, start=start, end=end, headcount=headcount)
    _full_clean(leave)
    leave.save()
    return leave


# Concerns -----------------------------------------------------------------------------------


@transaction.atomic
def concern_record(
    *,
    inspectorate: Inspectorate,
    authority: LocalAuthority,
    date: datetime.date,
    summary: str,
    severity: str,
    by,
) -> Concern:
    """Admins and leads record concerns; a lead only for their own inspectorate."""
    if by is None or not (by.is_admin or by.is_lead):
        raise ApplicationError("Only admins and lead inspectors record concerns")
    if not by.is_admin and by.inspectorate_id != inspectorate.pk:
        raise ApplicationError(
            f"You can record concerns for {by.inspectorate.short_name} only",
            fields={"inspectorate": [f"Choose {by.inspectorate.short_name}"]},
        )
    if date and date > clock.today():
        raise ApplicationError(
            "The date of the concern must be today or in the past",
            fields={"date": ["The date of the concern must be today or in the past"]},
        )
    concern = Concern(
        inspectorate=inspectorate,
        authority=authority,
        date=date,
        summary=(summary or "").strip(),
        severity=severity,
        recorded_by=by,
    )
    _full_clean(concern, exclude=["recorded_by"])
    concern.save()
    return concern


# The proposal -------------------------------------------------------------------------------


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
    from agencies.models import IlacsOutcome

    outcomes: dict[int, IlacsOutcome] = {}
    for outcome in IlacsOutcome.objects.filter(authority_id__in=ids).order_by(
        "authority_id", "-start_date"
    ):
        best = outcomes.get(outcome.authority_id)
        before = outcome.start_date < programme.period_start
        if best is None or (before and best.start_date >= programme.period_start):
            outcomes[outcome.authority_id] = outcome
    concerns: dict[int, list] = defaultdict(list)
    for c in Concern.objects.filter(
        authority_id__in=ids, date__lte=max(programme.period_start, clock.today())
    ).select_related("inspectorate"):
        concerns[c.authority_id].append(
            selection.ConcernFact(
                inspectorate=c.inspectorate.short_name_on(c.date),
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
        LocalAuthority.objects.filter(
            pk__in=ids,
            partner_agencies__is_active=True,
            partner_agencies__agency_type__is_custodial=True,
        ).values_list("pk", flat=True)
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
    _require_admin(by)
    programme = _editable(programme)
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
    _require_admin(by)
    _editable(choice.programme)
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


def _strip(reason: str) -> str:
    for prefix in ("In: ", "Out: "):
        if reason.startswith(prefix):
            reason = reason[len(prefix) :]
    for marker in ("added and locked by ", "removed and locked by "):
        if reason.startswith(marker) and "; " in reason:
            reason = reason.split("; ", 1)[1]
    return reason


# Schedule runs ------------------------------------------------------------------------------


@transaction.atomic
def schedule_run_request(*, programme: Programme, by=None, time_limit: int = 20) -> ScheduleRun:
    """Queue a run; the Celery task is sent once the transaction commits."""
    _require_admin(by)
    programme = _editable(programme)
    if not programme.choices.filter(included=True).exists():
        raise ApplicationError("Propose and choose areas before scheduling")
    busy = programme.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).first()
    if busy is not None:
        return busy
    run = ScheduleRun.objects.create(
        programme=programme, requested_by=by, time_limit=max(1, min(time_limit, 120))
    )
    from .tasks import schedule_run_execute as task

    transaction.on_commit(lambda: task.delay(run.pk))
    return run


def problem_for(programme: Programme, *, time_limit: float = 20.0) -> solver.Problem:
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
        LocalAuthority.objects.filter(
            pk__in=ids,
            partner_agencies__is_active=True,
            partner_agencies__agency_type__is_custodial=True,
        ).values_list("pk", flat=True)
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
            solver.Area(
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
                solver.Person(
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
                solver.Person(
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
                solver.Person(p.key, p.name, p.user_id, False, p.unavailable, senior=p.is_lead)
                for p in people
            ]
        teams[code] = solver.TeamSpec(
            code=code,
            name=cap.inspectorate.short_name,
            team_size=cap.team_size,
            max_concurrent=cap.max_concurrent,
            people=tuple(people),
        )
    return solver.Problem(
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
    try:
        problem = problem_for(run.programme, time_limit=run.time_limit)
        result = solver.solve(problem, progress=_progress(run.pk))
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
def _store_result(run: ScheduleRun, result: solver.Result) -> None:
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


@transaction.atomic
def schedule_run_accept(*, run: ScheduleRun, by=None) -> list[Inspection]:
    """Create the planned inspections (and their teams) of a finished run, all or nothing."""
    from agencies.models import User

    from .. import services as inspection_services

    _require_admin(by)
    programme = _editable(run.programme)
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
    created = []
    for slot in slots:
        try:
            scheduled = inspection_services.inspection_schedule(
                authority=slot.authority,
                framework_version=programme.framework_version,
                window_start=slot.window_start,
                theme=programme.theme,
                optional_inspectorates=optional,
                by=by,
            )
            inspection = scheduled.inspection
            for code in sorted(slot.team, key=lambda c: (c != "ofsted", c)):
                for person in slot.team[code]:
                    user = users.get(person.get("user"))
                    if user is None:
                        continue  # a planning place, not yet a named inspector
                    if person.get("lead"):
                        role = (
                            TeamRole.OVERALL_LEAD
                            if code == "ofsted"
                            else TeamRole.INSPECTORATE_LEAD
                        )
                    else:
                        role = TeamRole.INSPECTOR
                    inspection_services.team_member_add(
                        inspection=inspection, user=user, role=role, by=by
                    )
        except ApplicationError as exc:
            raise ApplicationError(
                f"{slot.authority.name}: {exc.message}", fields=exc.fields
            ) from exc
        slot.inspection = inspection
        slot.save(update_fields=["inspection"])
        created.append(inspection)
    run.accepted_at = clock.now()
    run.save(update_fields=["accepted_at"])
    programme.status = ProgrammeStatus.ACCEPTED
    programme.save(update_fields=["status", "updated_at"])
    return created


__all__ = [
    "CHOICE_ACTIONS",
    "candidates_for",
    "capacity_set",
    "choice_change",
    "concern_record",
    "leave_record",
    "problem_for",
    "programme_create",
    "programme_propose",
    "schedule_run_accept",
    "schedule_run_execute",
    "schedule_run_request",
]
