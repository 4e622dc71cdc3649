"""Working days in England and Wales: weekdays that are not bank holidays.

Inspection deadlines are counted in working days (notice, the written statement of action).
Bank holidays come from the `holidays` library (England's calendar, which Wales shares),
so a new year's dates need a library upgrade, never a hand-edited list.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

_ONE_DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def bank_holiday_name(day: datetime.date) -> str | None:
    """The bank holiday's name on `day` (England and Wales), or None."""
    return holidays.country_holidays("GB", subdiv="ENG", years=day.year).get(day)


def is_working_day(day: datetime.date) -> bool:
    """A weekday that is not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += _ONE_DAY
    return day


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The date `n` working days after `start` (`start` itself is not counted).

    `add_working_days(Tue 30 Jan 2018, 70)` is Fri 11 May 2018. Negative `n` counts back.
    """
    if n < 0:
        return subtract_working_days(start, -n)
    day = start
    remaining = n
    while remaining:
        day += _ONE_DAY
        if is_working_day(day):
            remaining -= 1
    return day


def subtract_working_days(start: datetime.date, n: int) -> datetime.date:
    """The date `n` working days before `start` (`start` itself is not counted)."""
    if n < 0:
        return add_working_days(start, -n)
    day = start
    remaining = n
    while remaining:
        day -= _ONE_DAY
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: datetime.date, b: datetime.date) -> int:
    """Working days after `a` up to and including `b` (negative when `b` is before `a`).

    So `add_working_days(a, working_days_between(a, b)) == b` whenever `b` is a working day.
    """
    if b < a:
        return -working_days_between(b, a)
    count = 0
    day = a
    while day < b:
        day += _ONE_DAY
        if is_working_day(day):
            count += 1
    return count


def notification_date_for(window_start: datetime.date, notice_working_days: int) -> datetime.date:
    """The day notice is given so that the window starts on working day `notice` of the notice.

    The notification day counts as day 1 (Haringey 2017: notified Tuesday 21 November, on
    site Monday 4 December, day 10 of 10 working days' notice).
    """
    if notice_working_days <= 0:
        return window_start
    return subtract_working_days(window_start, notice_working_days - 1)


def overlaps_christmas(start: datetime.date, end: datetime.date) -> bool:
    """Whether the period includes any day from 24 December to 1 January."""
    for year in range(start.year, end.year + 1):
        christmas_start = datetime.date(year, 12, 24)
        christmas_end = datetime.date(year + 1, 1, 1)
        if start <= christmas_end and end >= christmas_start:
            return True
    return start <= datetime.date(start.year, 1, 1) <= end
