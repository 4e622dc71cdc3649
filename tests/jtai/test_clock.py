"""The project clock: real time by default, a story's time inside `travel_to`."""

import datetime
import threading

import pytest
from django.utils import timezone

from jtai import clock


def test_real_time_when_not_set():
    before = timezone.now()
    now = clock.now()
    assert before <= now <= timezone.now()
    assert timezone.is_aware(now)
    assert clock.today() == timezone.localdate()
    assert not clock.is_set()


def test_travel_to_a_date_means_nine_in_the_morning_local_time():
    with clock.travel_to(datetime.date(2018, 1, 30)) as moment:
        assert clock.now() == moment
        assert timezone.localtime(clock.now()).time() == datetime.time(9, 0)
        assert clock.today() == datetime.date(2018, 1, 30)
        assert clock.is_set()
    assert not clock.is_set()
    assert clock.today() == timezone.localdate()


def test_naive_datetimes_are_local_and_aware_ones_kept():
    with clock.travel_to(datetime.datetime(2017, 12, 4, 23, 30)):
        assert timezone.is_aware(clock.now())
        assert clock.today() == datetime.date(2017, 12, 4)
    utc = datetime.datetime(2018, 6, 1, 23, 30, tzinfo=datetime.UTC)
    with clock.travel_to(utc):
        assert clock.now() == utc
        # London is on summer time: half past midnight the next day.
        assert clock.today() == datetime.date(2018, 6, 2)


def test_nested_travel_restores_the_outer_time_even_after_an_error():
    with clock.travel_to(datetime.date(2017, 11, 21)):
        with pytest.raises(RuntimeError):
            with clock.travel_to(datetime.date(2018, 1, 30)):
                assert clock.today() == datetime.date(2018, 1, 30)
                raise RuntimeError
        assert clock.today() == datetime.date(2017, 11, 21)
    assert not clock.is_set()


def test_another_thread_keeps_the_real_time():
    seen = []
    with clock.travel_to(datetime.date(2017, 12, 4)):
        thread = threading.Thread(target=lambda: seen.append(clock.today()))
        thread.start()
        thread.join()
    assert seen == [timezone.localdate()]
