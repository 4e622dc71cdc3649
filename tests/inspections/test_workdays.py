"""Working days in England and Wales, across Christmas, New Year and Easter, with real dates."""

import datetime

import pytest

from inspections.workdays import (
    add_working_days,
    bank_holiday_name,
    is_working_day,
    next_working_day,
    notification_date_for,
    overlaps_christmas,
    subtract_working_days,
    working_days_between,
)

D = datetime.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2017, 12, 4), True),  # Monday
        (D(2017, 12, 9), False),  # Saturday
        (D(2017, 12, 25), False),  # Christmas Day
        (D(2017, 12, 26), False),  # Boxing Day
        (D(2018, 1, 1), False),  # New Year's Day
        (D(2018, 3, 30), False),  # Good Friday 2018
        (D(2018, 4, 2), False),  # Easter Monday 2018
        (D(2018, 5, 7), False),  # Early May bank holiday
        (D(2020, 5, 8), False),  # VE day, moved early May bank holiday
        (D(2020, 5, 4), True),  # the usual early May Monday was a working day in 2020
        (D(2020, 12, 28), False),  # Boxing Day substitute (26th was a Saturday)
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(day) is expected


def test_haringey_notification_is_day_one_of_ten():
    # Notified Tuesday 21 November 2017 (day 1); inspectors on site Monday 4 December (day 10).
    assert notification_date_for(D(2017, 12, 4), 10) == D(2017, 11, 21)
    assert working_days_between(D(2017, 11, 21), D(2017, 12, 4)) == 9


def test_haringey_action_plan_due_seventy_working_days_after_publication():
    # Published 30 January 2018; written statement of action due 11 May 2018, across Easter.
    assert add_working_days(D(2018, 1, 30), 70) == D(2018, 5, 11)
    assert working_days_between(D(2018, 1, 30), D(2018, 5, 11)) == 70


def test_across_christmas_and_new_year():
    # Friday 22 Dec 2017: next working day is Wednesday 27th, then Tuesday 2 January.
    assert add_working_days(D(2017, 12, 22), 1) == D(2017, 12, 27)
    assert add_working_days(D(2017, 12, 22), 4) == D(2018, 1, 2)
    assert subtract_working_days(D(2018, 1, 2), 4) == D(2017, 12, 22)
    assert working_days_between(D(2017, 12, 22), D(2018, 1, 2)) == 4
    assert next_working_day(D(2017, 12, 25)) == D(2017, 12, 27)


def test_across_easter():
    # Thursday 29 March 2018 + 1 working day skips Good Friday and Easter Monday.
    assert add_working_days(D(2018, 3, 29), 1) == D(2018, 4, 3)
    assert subtract_working_days(D(2018, 4, 3), 1) == D(2018, 3, 29)
    assert working_days_between(D(2018, 4, 3), D(2018, 3, 29)) == -1
    assert bank_holiday_name(D(2018, 3, 30)) == "Good Friday"


def test_negative_counts_and_zero():
    assert add_working_days(D(2018, 4, 3), -1) == D(2018, 3, 29)
    assert subtract_working_days(D(2018, 3, 29), -1) == D(2018, 4, 3)
    assert add_working_days(D(2018, 4, 3), 0) == D(2018, 4, 3)
    assert working_days_between(D(2018, 4, 3), D(2018, 4, 3)) == 0


def test_round_trip_over_a_year():
    start = D(2023, 1, 3)  # a working day (2 January 2023 was a bank holiday)
    for n in range(0, 260, 7):
        end = add_working_days(start, n)
        assert is_working_day(end) or n == 0
        assert working_days_between(start, end) == n
        assert subtract_working_days(end, n) == start


def test_christmas_overlap():
    assert overlaps_christmas(D(2017, 12, 4), D(2017, 12, 29))
    assert overlaps_christmas(D(2017, 12, 30), D(2018, 1, 5))
    assert not overlaps_christmas(D(2017, 12, 4), D(2017, 12, 8))
    assert not overlaps_christmas(D(2018, 1, 2), D(2018, 1, 26))
