"""Reads for planning pages and the API, scoped to the user: programmes are for admins;
concerns for admins and lead inspectors. Everyone else sees nothing (404)."""

from __future__ import annotations

import datetime
from collections import OrderedDict

from django.db.models import Count, Q, QuerySet

from agencies.models import Inspectorate, Region

from .models import Concern, Programme, ProgrammeChoice, ScheduledSlot, ScheduleRun
from .permissions import can_plan, can_record_concerns


def visible_programmes(user) -> QuerySet[Programme]:
    if not can_plan(user):
        return Programme.objects.none()
    return Programme.objects.select_related("framework_version__framework", "theme").annotate(
        chosen=Count("choices", filter=Q(choices__included=True))
    )


def visible_runs(user) -> QuerySet[ScheduleRun]:
    if not can_plan(user):
        return ScheduleRun.objects.none()
    return ScheduleRun.objects.select_related("programme__framework_version__framework")


def visible_concerns(user) -> QuerySet[Concern]:
    if not can_record_concerns(user):
        return Concern.objects.none()
    return Concern.objects.select_related("inspectorate", "authority", "recorded_by")


# Why an authority is in or out, as the proposal's reasons word it (selection.py writes them).
REASON_FILTERS = {
    "inadequate": ("Graded inadequate", "graded inadequate"),
    "concern": ("A concern from an inspectorate", " concern ("),
    "recent": ("Inspected recently", "inspected recently"),
    "first-in-region": ("The first area chosen in its region", "the first area chosen in"),
    "quota": ("Well-performing quota already met", "quota of well-performing"),
    "priority": ("Below the last area chosen", "below the last area chosen"),
    "admin": ("Added or removed by an admin", "locked by"),
}


def proposal(
    programme: Programme,
    *,
    q: str = "",
    included: str = "",
    region: str = "",
    grade: str = "",
    reason: str = "",
) -> QuerySet:
    """The programme's areas in rank order, searched by name and filtered (one query)."""
    choices = ProgrammeChoice.objects.filter(programme=programme).select_related("authority")
    if q:
        choices = choices.filter(authority__name__icontains=q)
    if included == "in":
        choices = choices.filter(included=True)
    elif included == "out":
        choices = choices.filter(included=False)
    if region:
        choices = choices.filter(authority__region=region)
    if grade == "none":
        choices = choices.filter(grade="")
    elif grade:
        choices = choices.filter(grade=grade)
    if reason in REASON_FILTERS:
        choices = choices.filter(reason__icontains=REASON_FILTERS[reason][1])
    return choices.order_by("rank", "pk")


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def calendar(run: ScheduleRun, *, by: str = "region") -> dict:
    """The run's windows on a month timeline, grouped by region or by inspectorate."""
    slots = list(
        ScheduledSlot.objects.filter(run=run)
        .select_related("authority")
        .order_by("window_start", "authority__name")
    )
    programme = run.programme
    months = months_between(programme.period_start, programme.period_end)
    regions = dict(Region.choices)
    groups: OrderedDict[str, list] = OrderedDict()

    names = dict(Inspectorate.objects.values_list("code", "short_name"))
    order = list(Inspectorate.objects.order_by("order").values_list("code", flat=True))
    for slot in slots:
        slot.team_display = [
            (names.get(code, code), slot.team[code])
            for code in sorted(slot.team, key=lambda c: order.index(c) if c in order else 99)
        ]

    def row(slot):
        cells, first = [], True
        for month in months:
            next_month = (month + datetime.timedelta(days=32)).replace(day=1)
            on = slot.window_start < next_month and slot.window_end >= month
            cells.append({"on": on, "first": on and first})
            first = first and not on
        return {"slot": slot, "cells": cells}

    if by == "inspectorate":
        codes = sorted(
            {code for s in slots for code in s.team},
            key=lambda c: order.index(c) if c in order else 99,
        )
        for code in codes:
            groups[names.get(code, code)] = [row(s) for s in slots if code in s.team]
    else:
        for s in sorted(slots, key=lambda s: (regions.get(s.authority.region, ""), s.window_start)):
            groups.setdefault(regions.get(s.authority.region, "Unknown region"), []).append(row(s))
    per_month = [
        sum(1 for s in slots if s.window_start.year == m.year and s.window_start.month == m.month)
        for m in months
    ]
    return {"months": months, "groups": groups, "per_month": per_month, "slots": slots}
