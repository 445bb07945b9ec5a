from datetime import time, timedelta

from lingong.attendance import schedule
from lingong.jobs.shifts import Shift
from lingong.testing.clock import days

from .helpers import local

DAY = days(8)


def test_hired_days_ahead_is_reminded_the_evening_before():
    remind, deadline = schedule.confirmation_schedule(start=local(DAY, 9), created=local(days(2), 10))
    assert (remind, deadline) == (local(days(7), 18), local(days(7), 21))


def test_hired_after_the_evening_reminder_is_reminded_two_hours_before():
    remind, deadline = schedule.confirmation_schedule(start=local(DAY, 14), created=local(DAY, 8))
    assert (remind, deadline) == (local(DAY, 12), local(DAY, 13))


def test_hired_at_the_last_minute_still_gets_half_an_hour():
    remind, deadline = schedule.confirmation_schedule(start=local(DAY, 9), created=local(DAY, 8, 40))
    assert (remind, deadline) == (local(DAY, 8, 40), local(DAY, 9, 10))


def test_a_night_shift_check_out_belongs_to_the_day_it_started():
    shift = Shift(DAY, DAY + timedelta(days=1), time(22), time(6))
    assert schedule.work_day_at(shift, local(DAY, 21)) == DAY
    assert schedule.work_day_at(shift, local(DAY + timedelta(days=1), 5)) == DAY
    assert schedule.work_day_at(shift, local(DAY + timedelta(days=1), 21)) == DAY + timedelta(days=1)
    assert schedule.work_day_at(shift, local(DAY, 12)) is None
    assert schedule.day_window(shift, DAY) == (local(DAY, 22), local(DAY + timedelta(days=1), 6))


def test_coming_early_earns_nothing_staying_late_counts():
    shift = Shift(DAY, DAY, time(9), time(17))
    assert schedule.minutes_worked(shift=shift, day=DAY, check_in=local(DAY, 8), check_out=local(DAY, 17, 30)) == 510
    assert schedule.minutes_worked(shift=shift, day=DAY, check_in=local(DAY, 9, 20), check_out=local(DAY, 12)) == 160
