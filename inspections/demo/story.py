"""The story's days: when each step of a demo inspection happens, and taking a step then."""

from __future__ import annotations

import datetime

from django.utils import timezone

from jtai import clock

from .. import workdays
from ..models import Inspection
from ..services.transitions import inspection_transition
from .data import (
    HARINGEY,
    HYPOTHETICAL_REFERENCE,
    HYPOTHETICAL_REPORT_REFERENCE,
    PUBLISHED_REFERENCE,
)


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def milestones(inspection: Inspection) -> dict[str, datetime.datetime]:
    """When each step of the inspection's story happens.

    Haringey's are the real dates; the hypothetical integrated run is planned now; the others
    follow from the inspection's own window (never later than now), so a later run of the seed
    finds the same dates whatever day it is. The hypothetical run taken to its report is
    planned now and every later step keeps its own (future) day: it is never shown as history.
    """
    if inspection.reference == PUBLISHED_REFERENCE:
        return {step: _at(day, time) for step, (day, time) in HARINGEY.items()}
    if inspection.reference == HYPOTHETICAL_REFERENCE:
        now = clock.now()
        return {"schedule": now, "staff": now}
    start, end = inspection.window_start, inspection.window_end
    notice = inspection.notification_date or workdays.subtract_working_days(start, 10)

    def after_end(days: int, hour: int, minute: int = 0) -> datetime.datetime:
        return _at(workdays.add_working_days(end, days), datetime.time(hour, minute))

    steps = {
        "schedule": _at(workdays.subtract_working_days(notice, 20), datetime.time(10, 0)),
        "staff": _at(workdays.subtract_working_days(notice, 19), datetime.time(10, 0)),
        "notify": _at(notice, datetime.time(9, 30)),
        "start_fieldwork": _at(start, datetime.time(9, 0)),
        "drafts": _at(start + datetime.timedelta(days=2), datetime.time(16, 0)),
        "complete": _at(end, datetime.time(12, 0)),
        "close_evidence": _at(end, datetime.time(17, 0)),
        "start_moderation": after_end(2, 9, 30),
        "sign_off": after_end(5, 15),
        "return": after_end(5, 16),
        "draft_report": after_end(8, 11),
        "factual_accuracy_version": after_end(15, 9),
        "factual_accuracy": after_end(15, 10),
        "comments": after_end(24, 16),
        "respond": after_end(26, 11),
        "final_report": after_end(35, 14),
        "publish": after_end(40, 9, 30),
        "await_action_plan": after_end(40, 9, 35),
    }
    now = clock.now()
    if inspection.reference == HYPOTHETICAL_REPORT_REFERENCE:
        return {**steps, "schedule": now, "staff": now}
    return {step: min(moment, now) for step, moment in steps.items()}


def advance(inspection: Inspection, verb: str, *, by, at: datetime.datetime, reason: str = ""):
    """Take one step of the lifecycle through its service, at the story's time."""
    with clock.travel_to(at):
        inspection_transition(inspection=inspection, verb=verb, by=by, reason=reason)
    inspection.refresh_from_db()


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def working_monday(day: datetime.date) -> datetime.date:
    """`day` if it is a working Monday, else the next working Monday."""
    day = monday_of(day) if day.weekday() == 0 else monday_of(day) + datetime.timedelta(days=7)
    while not workdays.is_working_day(day):
        day += datetime.timedelta(days=7)
    return day


def working_monday_back(day: datetime.date) -> datetime.date:
    """The Monday of `day`'s week if it is a working day, else the working Monday before."""
    day = monday_of(day)
    while not workdays.is_working_day(day):
        day -= datetime.timedelta(days=7)
    return day
