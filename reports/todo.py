"""The home pages' to-do lists: the inspections' part (`inspections.todo`) with the report's:
factual-accuracy comments awaiting an answer, the report's own deadlines, and statements of
action overdue. A fixed number of queries for each role, whatever the number of inspections."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from inspections import todo
from inspections.models import Status, TeamMember

from .models import (
    ActionPlan,
    ActionPlanStatus,
    FactualAccuracyComment,
    FactualAccuracyRequest,
    Publication,
)
from .selectors import overdue_action_plans


def factual_accuracy_comments_awaiting(user) -> list[todo.Item]:
    """Comments from the area with no response yet, on the inspections the user leads."""
    led = TeamMember.objects.filter(user=user, is_active=True, role__in=todo.LEAD_ROLES)
    rows = (
        FactualAccuracyComment.objects.filter(
            response=FactualAccuracyComment.Response.PENDING,
            request__version__inspection__team__in=led,
            request__version__inspection__status=Status.FACTUAL_ACCURACY,
        )
        .values("request__version__inspection_id", "request__version__inspection__authority__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("request__version__inspection__authority__name")
    )
    return [
        todo.Item(
            f"{r['request__version__inspection__authority__name']}: {r['n']} comment"
            f"{'s' if r['n'] != 1 else ''} awaiting an answer",
            reverse("reports:inspection", args=[r["request__version__inspection_id"]]),
            count=r["n"],
        )
        for r in rows
    ]


def _report_deadlines(rows: list[todo.LeadRow], today: datetime.date) -> None:
    """Add the report's dates to each lead row: comments due back, the embargo's end."""
    ids = [r.inspection.pk for r in rows]
    due: dict[int, list[todo.Item]] = defaultdict(list)
    requests = FactualAccuracyRequest.objects.filter(
        version__inspection_id__in=ids, version__inspection__status=Status.FACTUAL_ACCURACY
    ).values_list("version__inspection_id", "comments_due")
    for pk, day in requests:
        href = reverse("reports:inspection", args=[pk])
        due[pk].append(todo.in_working_days("Factual-accuracy comments due", day, today, href))
    for publication in Publication.objects.filter(
        inspection_id__in=ids, publish_at__gt=timezone.now()
    ):
        day = timezone.localdate(publication.publish_at)
        href = reverse("reports:inspection", args=[publication.inspection_id])
        due[publication.inspection_id].append(
            todo.in_working_days("Published (embargo ends)", day, today, href)
        )
    # A statement of action the area has sent is no longer due: the inspectorates evaluate it.
    answered = {
        pk: (status, on)
        for pk, status, on in ActionPlan.objects.filter(
            publication__inspection_id__in=ids,
            status__in=[ActionPlanStatus.SUBMITTED, ActionPlanStatus.ACCEPTED],
        ).values_list("publication__inspection_id", "status", "submitted_on")
    }
    for row in rows:
        if row.inspection.pk in answered:
            status, on = answered[row.inspection.pk]
            row.deadlines = [d for d in row.deadlines if d.what != todo.ACTION_PLAN_DUE]
            href = reverse("reports:action-plan", args=[row.inspection.pk])
            sent = f" on {on.day} {on:%B %Y}" if on else ""
            row.task = todo.Item(
                f"Evaluate the written statement of action the area submitted{sent}"
                if status == ActionPlanStatus.SUBMITTED
                else "The written statement of action is accepted: an administrator closes "
                "the inspection",
                href,
            )
        row.deadlines.extend(due.get(row.inspection.pk, []))
        row.deadlines.sort(key=lambda item: item.count if item.count is not None else 0)


def home_todo(user, today: datetime.date) -> dict:
    """What the home page lists for `user`: sections by role, each a list of items."""
    if not user.is_authenticated or getattr(user, "is_area_contact", False):
        return {}
    if user.is_admin:
        needing_team, needing_team_count = todo.inspections_needing_a_team()
        return {
            "role": "admin",
            "needing_team": needing_team,
            "needing_team_count": needing_team_count,
            "notifications_due": todo.notifications_due(today),
            "overdue_plans": list(overdue_action_plans(user, today)),
            "finished_runs": todo.finished_runs(today),
        }
    context = {
        "role": "inspector",
        "returned": todo.returned_judgements(user),
        "not_started": todo.judgements_not_started(user),
        "disputes": todo.shared_judgement_disputes(user),
    }
    if user.is_lead or todo.is_lead_anywhere(user):
        rows = todo.lead_rows(user, today)
        _report_deadlines(rows, today)
        context.update(
            role="lead",
            lead_rows=rows,
            fa_comments=factual_accuracy_comments_awaiting(user),
            overdue_plans=list(overdue_action_plans(user, today)),
        )
    return context
