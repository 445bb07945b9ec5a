from datetime import date, time

import pytest

from lingong.jobs.shifts import Shift, shifts_overlap
from lingong.testing.clock import days

D = days(8)


def shift(start_day=0, end_day=0, start=(9, 0), end=(17, 0)):
    return Shift(
        date.fromordinal(D.toordinal() + start_day), date.fromordinal(D.toordinal() + end_day), time(*start), time(*end)
    )


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (shift(), shift(), True),
        (shift(start=(8, 0), end=(12, 0)), shift(start=(12, 0), end=(18, 0)), False),  # back to back
        (shift(start=(8, 0), end=(12, 1)), shift(start=(12, 0), end=(18, 0)), True),
        (shift(0, 0), shift(1, 1), False),  # next day
        (shift(0, 10), shift(5, 5), True),  # long job holds day 5
        (shift(start=(20, 0), end=(8, 0)), shift(1, 1, (7, 0), (9, 0)), True),  # night shift into next morning
        (shift(start=(20, 0), end=(8, 0)), shift(1, 1, (8, 0), (12, 0)), False),
        (shift(start=(20, 0), end=(8, 0)), shift(-1, -1, (20, 0), (23, 0)), False),
        (shift(1, 1, (7, 0), (9, 0)), shift(start=(20, 0), end=(8, 0)), True),  # symmetric
    ],
)
def test_shifts_overlap(a, b, expected):
    assert shifts_overlap(a, b) is expected
    assert shifts_overlap(b, a) is expected


def test_slots_of_day_and_night_shifts():
    assert shift(start=(8, 0), end=(12, 0)).slots() == (0,)
    assert shift(start=(9, 0), end=(17, 0)).slots() == (0, 1)
    assert shift(start=(20, 0), end=(8, 0)).slots() == (0, 2)
