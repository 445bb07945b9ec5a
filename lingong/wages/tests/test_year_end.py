"""Wage due dates and the overdue sweep across 31 December, 1 January and 29 February.

These tests stand at fixed instants on purpose (time_machine.travel): the rules
must hold on the days the calendar turns over, whatever day the suite runs on.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from lingong.attendance.services import attendance_record, placement_confirm
from lingong.attendance.tests.helpers import local, make_placement
from lingong.testing.clock import SHANGHAI
from lingong.wages.models import WagePayment
from lingong.wages.services import wage_overdue_sweep

pytestmark = pytest.mark.django_db


def _hire(employer, job_types, staff, worker, *, posted_on: date, start: date, end: date, kind: str = "day_gig"):
    with time_machine.travel(datetime(posted_on.year, posted_on.month, posted_on.day, 10, tzinfo=SHANGHAI)):
        placement = make_placement(
            employer=employer, job_type=job_types["mover"], staff=staff, worker=worker, start=start, end=end, kind=kind
        )
    return WagePayment.objects.get(placement=placement)


def test_a_gig_on_new_years_eve_is_overdue_from_new_years_day_in_china(employer, job_types, staff, register_worker):
    eve = date(2027, 12, 31)
    wage = _hire(employer, job_types, staff, register_worker(), posted_on=date(2027, 12, 20), start=eve, end=eve)
    assert wage.due_date == eve  # a day gig is paid on the day
    placement_confirm(
        placement=wage.placement,
        actor=wage.placement.worker.user,
        channel="kiosk",
        now=local(eve - timedelta(days=1), 19),
    )
    attendance_record(
        placement=wage.placement,
        day=eve,
        check_in_at=local(eve, 9),
        check_out_at=local(eve, 17),
        actor=staff,
        channel="window",
        now=local(eve, 18),
    )

    assert wage_overdue_sweep(now=local(eve, 23, 59))["overdue"] == 0
    # 00:01 on 1 January in Lhasa is still 31 December in UTC: China's date decides.
    new_year_utc = datetime(2027, 12, 31, 16, 1, tzinfo=UTC)
    assert wage_overdue_sweep(now=new_year_utc) == {"overdue": 1, "reminded": 1, "escalated": 0}
    wage.refresh_from_db()
    assert (wage.status, wage.overdue_since, wage.last_reminded_on) == ("overdue", date(2028, 1, 1), date(2028, 1, 1))
    assert wage_overdue_sweep(now=local(date(2028, 1, 1), 9)) == {"overdue": 0, "reminded": 0, "escalated": 0}
    for day in (date(2028, 1, 2), date(2028, 1, 3)):
        assert wage_overdue_sweep(now=local(day, 9)) == {"overdue": 0, "reminded": 1, "escalated": 0}
    assert wage_overdue_sweep(now=local(date(2028, 1, 4), 9)) == {"overdue": 0, "reminded": 0, "escalated": 1}


def test_pay_dates_run_over_the_year_end_and_29_february(employer, job_types, staff, register_worker):
    short = _hire(
        employer,
        job_types,
        staff,
        register_worker(),
        posted_on=date(2027, 12, 20),
        start=date(2027, 12, 22),
        end=date(2027, 12, 28),
        kind="short_term",
    )
    assert short.due_date == date(2028, 1, 4)  # a week after the end
    long = _hire(
        employer,
        job_types,
        staff,
        register_worker(),
        posted_on=date(2028, 1, 10),
        start=date(2028, 1, 15),
        end=date(2028, 2, 1),
        kind="long_term",
    )
    assert long.due_date == date(2028, 3, 2)  # 30 days after 1 February in a leap year
    leap = _hire(
        employer,
        job_types,
        staff,
        register_worker(),
        posted_on=date(2028, 2, 20),
        start=date(2028, 2, 29),
        end=date(2028, 2, 29),
    )
    assert leap.due_date == date(2028, 2, 29)
