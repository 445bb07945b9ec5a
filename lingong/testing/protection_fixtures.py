"""Fixtures shared by the protection apps' tests (rights, follow-ups, credit)."""

from datetime import date, datetime, timedelta

import pytest

from lingong.attendance.services import attendance_record, placement_confirm
from lingong.attendance.tests.helpers import local
from lingong.employers.models import Employer
from lingong.rights.tests.factories import make_placement
from lingong.testing.clock import SHANGHAI, days
from lingong.wages.models import WagePayment
from lingong.wages.services import wage_mark_paid

TZ = SHANGHAI


@pytest.fixture
def at():
    """A local (Lhasa/Beijing time) moment: at(days(8), 10), at(some_date, 9, 30) or at(y, m, d, h)."""

    def make(first, *rest):
        if isinstance(first, date):
            return datetime.combine(first, datetime.min.time(), tzinfo=TZ).replace(
                **dict(zip(("hour", "minute", "second"), rest))
            )
        return datetime(first, *rest, tzinfo=TZ)

    return make


@pytest.fixture
def officer(make_user):
    return make_user("rights_officer", first_name="次仁")


@pytest.fixture
def employer_user(make_user, employer):

    user = make_user("employer")
    Employer.objects.filter(pk=employer.pk).update(user=user)
    employer.user = user
    return user


@pytest.fixture
def worker(register_worker):
    return register_worker()


@pytest.fixture
def placement(employer, job_types, staff, worker):
    return make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)


@pytest.fixture
def completed_placement(employer, job_types, staff, worker):
    return make_placement(
        employer=employer, job_type=job_types["mover"], staff=staff, worker=worker, completed=True, start=days(10)
    )


@pytest.fixture
def other_worker(register_worker):
    return register_worker()


def confirmed_the_evening_before(placement) -> None:
    day = placement.start_date
    placement_confirm(
        placement=placement, actor=placement.worker.user, channel="kiosk", now=local(day - timedelta(days=1), 19)
    )


def worked_and_paid(placement, staff) -> WagePayment:
    """The worker confirms the evening before, works 09:00-17:00 on the first day and is paid in cash at 17:00."""
    day = placement.start_date
    confirmed_the_evening_before(placement)
    attendance_record(
        placement=placement,
        day=day,
        check_in_at=local(day, 9),
        check_out_at=local(day, 17),
        actor=staff,
        channel="window",
        now=local(day, 18),
    )
    wage = WagePayment.objects.get(placement=placement)
    wage_mark_paid(
        wage=wage,
        amount_fen=wage.owed_fen,
        method="cash",
        paid_at=local(day, 17),
        actor=staff,
        channel="window",
        now=local(day, 18),
    )
    wage.refresh_from_db()
    return wage


@pytest.fixture
def paid_wage(placement, staff):
    return worked_and_paid(placement, staff)
