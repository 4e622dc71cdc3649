"""What each person has to do, read from the data for the home pages: an inspector's returned
and unstarted judgements and the disputes on shared judgements; a lead's inspections with what
blocks each one's next step; an admin's inspections needing a team, notifications due this
week and finished scheduling runs. Each list is read in a fixed number of queries, whatever
the number of inspections (the report's part is added by `reports.todo`)."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.urls import reverse

from agencies.models import Inspectorate

from . import workdays
from .lifecycle import Blocker
from .models import (
    INACTIVE_STATUSES,
    Inspection,
    Judgement,
    JudgementStatus,
    SharedJudgementAgreement,
    Status,
    TeamMember,
    TeamRole,
)
from .next_steps import Step, main_step, next_steps_for, with_step_data
from .permissions import OVERALL_LEAD
from .planning.models import RunStatus, ScheduleRun
from .selectors import team_gaps_among

# Inspections someone still works on (not yet closed, cancelled or deferred).
OPEN_STATUSES = [s for s in Status if s not in (Status.CLOSED, *INACTIVE_STATUSES)]
LEAD_ROLES = (TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD)
RECENT_RUN_DAYS = 14
# Whom an inspection waits for when its next step is nobody's on the team.
WAITING_FOR = {
    Status.PLANNED: "an administrator to notify the area",
    Status.PUBLISHED: "an administrator to close the inspection",
    Status.ACTION_PLAN_DUE: "the area's written statement of action",
}


ACTION_PLAN_DUE = "Written statement of action due"


@dataclass
class Item:
    """One line of a to-do list: what, where to act, and optionally how many."""

    text: str
    href: str
    count: int | None = None
    note: str = ""
    what: str = ""  # a deadline's own name ("Written statement of action due"), to find it by


@dataclass
class LeadRow:
    inspection: Inspection
    role: str
    step: Step | None
    blockers: list[Blocker] = field(default_factory=list)
    deadlines: list[Item] = field(default_factory=list)
    # Work for the team that is no lifecycle step (a submitted statement of action to evaluate).
    task: Item | None = None

    @property
    def waiting_for(self) -> str:
        return WAITING_FOR.get(self.inspection.status, "an administrator")


def _mine(user):
    """Judgements on an open inspection whose agency the user is assigned, for their
    inspectorate: one active place of theirs on the team holds both. A semi-join (EXISTS), so a
    judgement comes once however the team is made up, with no DISTINCT to plan and sort."""
    assigned = TeamMember.agencies.through.objects.filter(
        teammember__user=user,
        teammember__is_active=True,
        teammember__inspection=OuterRef("inspection"),
        teammember__inspectorate=OuterRef("inspectorate"),
        partneragency=OuterRef("agency"),
    )
    return Judgement.objects.filter(Exists(assigned), inspection__status__in=OPEN_STATUSES)


def returned_judgements(user) -> list[Item]:
    rows = (
        _mine(user)
        .filter(status=JudgementStatus.RETURNED)
        .order_by("inspection__window_start", "agency__name", "area__order")
        .values(
            "pk",
            "inspection_id",
            "returned_comment",
            "inspection__authority__name",
            "agency__name",
            "area__title",
        )
    )
    return [
        Item(
            f"{j['inspection__authority__name']}: {j['agency__name']}, “{j['area__title']}”",
            reverse("inspections:recording:judgement", args=[j["inspection_id"], j["pk"]]),
            note=j["returned_comment"],
        )
        for j in rows
    ]


def judgements_not_started(user) -> list[Item]:
    """Counted per inspection in fieldwork, linked to the inspection's task list."""
    rows = (
        _mine(user)
        .filter(status=JudgementStatus.NOT_STARTED, inspection__status=Status.FIELDWORK)
        .values("inspection_id", "inspection__authority__name")
        .annotate(n=Count("pk"))
        .order_by("inspection__authority__name")
    )
    return [
        Item(
            f"{r['inspection__authority__name']}: {r['n']} judgement{'s' if r['n'] != 1 else ''} "
            "not started",
            reverse("inspections:recording:tasks", args=[r["inspection_id"]]),
            count=r["n"],
        )
        for r in rows
    ]


def shared_judgement_disputes(user) -> list[Item]:
    """An inspectorate disagrees with the current text of a shared judgement on one of the
    user's open inspections."""
    on_team = TeamMember.objects.filter(user=user, is_active=True).values("inspection_id")
    rows = (
        SharedJudgementAgreement.objects.filter(
            agrees=False,
            judgement_version=F("shared_judgement__version"),
            shared_judgement__inspection__in=on_team,
            shared_judgement__inspection__status__in=OPEN_STATUSES,
        )
        .order_by("shared_judgement__inspection__window_start", "pk")
        .values(
            "comment",
            "shared_judgement_id",
            "shared_judgement__inspection_id",
            "shared_judgement__inspection__authority__name",
            "shared_judgement__area__title",
            "inspectorate__short_name",
        )
    )
    return [
        Item(
            f"{a['shared_judgement__inspection__authority__name']}: "
            f"{a['inspectorate__short_name']} disagrees with "
            f"“{a['shared_judgement__area__title']}”",
            reverse(
                "inspections:recording:shared",
                args=[a["shared_judgement__inspection_id"], a["shared_judgement_id"]],
            ),
            note=a["comment"],
        )
        for a in rows
    ]


def _deadlines(inspection: Inspection, today: datetime.date) -> list[Item]:
    """The inspection's own dates ahead, in working days from today."""
    detail = reverse("inspections:detail", args=[inspection.pk])
    dates = []
    if inspection.status == Status.PLANNED and inspection.notification_date:
        dates.append(("Notification", inspection.notification_date))
    if inspection.status in (Status.PLANNED, Status.NOTIFIED):
        dates.append(("Fieldwork starts", inspection.window_start))
    if inspection.status == Status.FIELDWORK:
        dates.append(("Fieldwork ends", inspection.window_end))
    if inspection.status == Status.ACTION_PLAN_DUE and inspection.action_plan_due_date:
        dates.append((ACTION_PLAN_DUE, inspection.action_plan_due_date))
    return [in_working_days(what, day, today, detail) for what, day in dates]


def in_working_days(what: str, day: datetime.date, today: datetime.date, href: str) -> Item:
    n = workdays.working_days_between(today, day)
    if n > 0:
        when = f"in {n} working day{'s' if n != 1 else ''}"
    elif n == 0:
        when = "today"
    else:
        when = f"{-n} working day{'s' if n != -1 else ''} ago"
    return Item(f"{what}: {day.day} {day:%B %Y} ({when})", href, count=n, what=what)


def lead_rows(user, today: datetime.date) -> list[LeadRow]:
    """The open inspections the user leads (overall or for their inspectorate), each with its
    next step as the overall lead sees it and what blocks it."""
    led = TeamMember.objects.filter(user=user, is_active=True, role__in=LEAD_ROLES)
    inspections = list(
        with_step_data(
            Inspection.objects.filter(status__in=OPEN_STATUSES, team__in=led).distinct()
        ).order_by("window_start", "pk")
    )
    steps = next_steps_for(user, inspections, as_roles=frozenset({OVERALL_LEAD}))
    rows = []
    for inspection in inspections:
        member = next(m for m in inspection.team.all() if m.user_id == user.pk and m.is_active)
        step = main_step(steps[inspection.pk])
        rows.append(
            LeadRow(
                inspection,
                member.get_role_display(),
                step,
                step.blockers if step else [],
                _deadlines(inspection, today),
            )
        )
    return rows


# The home page lists the soonest of these; the rest are a link away, a page at a time.
NEEDING_A_TEAM_SHOWN = 10


def needing_a_team() -> QuerySet[Inspection]:
    """Planned or notified inspections whose team is not complete, soonest first: the rule of
    `team_gaps` (an overall lead; for every participating inspectorate a lead and an
    inspector, someone in the inspector role or a lead given agencies) written as a query, so
    it is counted and paged in the database however many inspections are planned."""
    members = TeamMember.objects.filter(
        inspection=OuterRef("inspection_id"),
        inspectorate=OuterRef("inspectorate_id"),
        is_active=True,
    )
    lead = members.filter(role__in=[TeamRole.OVERALL_LEAD, TeamRole.INSPECTORATE_LEAD])
    inspector = members.filter(Q(role=TeamRole.INSPECTOR) | Q(agencies__isnull=False))
    short_of_people = Inspection.inspectorates.through.objects.filter(
        Q(~Exists(lead)) | Q(~Exists(inspector)), inspection=OuterRef("pk")
    )
    overall_lead = TeamMember.objects.filter(
        inspection=OuterRef("pk"), is_active=True, role=TeamRole.OVERALL_LEAD
    )
    return Inspection.objects.filter(
        Q(~Exists(overall_lead)) | Q(Exists(short_of_people)),
        status__in=[Status.PLANNED, Status.NOTIFIED],
    ).order_by("window_start", "pk")


def team_gap_items(inspections) -> list[Item]:
    """One item per inspection of `inspections` (from `needing_a_team`, a page of it): what
    its team still needs, linked to the team page."""
    inspections = (
        inspections.select_related("authority")
        .only("window_start", "authority__name")
        .prefetch_related(
            Prefetch(
                "team",
                TeamMember.objects.filter(is_active=True)
                .only("inspection_id", "inspectorate_id", "role")
                .annotate(n_agencies=Count("agencies"))
                .order_by(),
            ),
            Prefetch("inspectorates", Inspectorate.objects.only("short_name", "order", "name")),
        )
    )
    items = []
    for inspection in inspections:
        gaps = team_gaps_among(list(inspection.team.all()), list(inspection.inspectorates.all()))
        items.append(
            Item(
                f"{inspection.authority.name}, from {inspection.window_start.day} "
                f"{inspection.window_start:%B %Y}",
                reverse("inspections:team", args=[inspection.pk]),
                count=len(gaps),
                note="; ".join(gaps),
            )
        )
    return items


@functools.cache
def _soonest_needing_a_team_sql() -> tuple[str, tuple]:
    """The statement for the soonest inspections needing a team, each row with the count of
    the whole list: composed once per process, as nothing in it changes from one request to
    the next (composing its subqueries cost more than running them)."""
    soonest = needing_a_team().annotate(in_all=Window(Count("pk"))).values_list("pk", "in_all")
    return soonest[:NEEDING_A_TEAM_SHOWN].query.sql_with_params()


def inspections_needing_a_team() -> tuple[list[Item], int]:
    """The soonest inspections whose team is not complete, and how many there are in all."""
    sql, params = _soonest_needing_a_team_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return [], 0
    shown = Inspection.objects.filter(pk__in=[pk for pk, _ in rows]).order_by("window_start", "pk")
    return team_gap_items(shown), rows[0][1]


def notifications_due(today: datetime.date) -> list[Item]:
    """Planned inspections whose notification day is this week (Monday to Sunday) or has
    passed without the area being notified."""
    week_end = today + datetime.timedelta(days=6 - today.weekday())
    rows = (
        Inspection.objects.filter(status=Status.PLANNED, notification_date__lte=week_end)
        .select_related("authority")
        .order_by("notification_date", "pk")
    )
    return [
        in_working_days(
            f"Notify {i.authority.name}",
            i.notification_date,
            today,
            reverse("inspections:detail", args=[i.pk]),
        )
        for i in rows
    ]


def finished_runs(today: datetime.date) -> list[Item]:
    """Scheduling runs finished in the last fortnight and not yet accepted."""
    since = today - datetime.timedelta(days=RECENT_RUN_DAYS)
    rows = (
        ScheduleRun.objects.filter(
            status__in=[RunStatus.DONE, RunStatus.FAILED],
            finished_at__date__gte=since,
            accepted_at__isnull=True,
        )
        .select_related("programme")
        .order_by("-finished_at", "-pk")
    )
    return [
        Item(
            f"{r.programme}: {r.get_status_display().lower()}"
            + (f", {r.get_solver_status_display().lower()}" if r.solver_status else ""),
            reverse("inspections:planning:detail", args=[r.programme_id]),
            note=f"Finished {r.finished_at:%-d %B %Y %H:%M}",
        )
        for r in rows
    ]


def judgement_counts_by_status(user) -> dict[str, int]:
    """The user's own judgements on open inspections, by status (for the summary line)."""
    rows = _mine(user).values("status").annotate(n=Count("pk"))
    counts = defaultdict(int, {r["status"]: r["n"] for r in rows})
    return dict(counts)


def is_lead_anywhere(user) -> bool:
    return TeamMember.objects.filter(
        Q(role__in=LEAD_ROLES), user=user, is_active=True, inspection__status__in=OPEN_STATUSES
    ).exists()
