from datetime import time, timedelta

import pytest

from lingong.attendance.models import AttendanceRecord
from lingong.attendance.services import (
    attendance_dispute,
    attendance_dispute_decide,
    attendance_hours_settle,
    attendance_no_show_sweep,
    attendance_record,
    attendance_scan,
    placement_confirm,
)
from lingong.core.errors import Conflict, NotAllowed
from lingong.wages.models import WagePayment
from lingong.wages.services import wage_ledger_check

from .helpers import local, make_placement, start_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(employer, job_types, staff, register_worker):
    placement = make_placement(
        employer=employer,
        job_type=job_types["mover"],
        staff=staff,
        worker=register_worker(),
        pay_unit="hour",
        pay_fen=2500,
    )
    placement_confirm(
        placement=placement,
        actor=placement.worker.user,
        channel="kiosk",
        now=local(start_day() - timedelta(days=1), 19),
    )
    return placement


def owed(placement):
    return WagePayment.objects.get(placement=placement).owed_fen


def test_scan_in_and_out_and_the_workers_hours_stand_after_24_hours(placement):
    day, user = start_day(), placement.worker.user
    record = attendance_scan(placement=placement, actor=user, channel="app", now=local(day, 8, 55))
    assert (record.status, record.check_in_at) == ("checked_in", local(day, 8, 55))
    record = attendance_scan(placement=placement, actor=user, channel="app", now=local(day, 17, 10))
    assert (record.status, record.worker_minutes, record.hours_stand_at) == (
        "checked_out",
        490,
        local(day + timedelta(days=1), 17, 10),
    )
    assert owed(placement) == 0
    assert attendance_hours_settle(now=local(day + timedelta(days=1), 17, 9)) == 0
    assert attendance_hours_settle(now=local(day + timedelta(days=1), 17, 10)) == 1
    record.refresh_from_db()
    assert (record.status, record.minutes) == ("confirmed", 490)
    assert owed(placement) == 20417  # 25 yuan/hour × 490 min, rounded half up
    assert wage_ledger_check(wage=WagePayment.objects.get()).ok


def test_scanning_outside_the_shift_or_by_someone_else_is_refused(placement, register_worker):
    day = start_day()
    with pytest.raises(Conflict) as caught:
        attendance_scan(placement=placement, actor=placement.worker.user, channel="app", now=local(day, 6, 59))
    assert caught.value.code == "outside_shift"
    with pytest.raises(NotAllowed):
        attendance_scan(placement=placement, actor=register_worker().user, channel="app", now=local(day, 9))
    assert AttendanceRecord.objects.count() == 0


def test_the_employer_corrects_the_hours_within_the_silence(placement, staff):
    day, user = start_day(), placement.worker.user
    attendance_scan(placement=placement, actor=user, channel="app", now=local(day, 9))
    attendance_scan(placement=placement, actor=user, channel="app", now=local(day, 17))
    record = attendance_record(
        placement=placement,
        day=day,
        check_in_at=local(day, 9),
        check_out_at=local(day, 16),
        actor=staff,
        channel="window",
        now=local(day, 18),
    )
    assert (record.status, record.minutes, record.worker_minutes, record.source) == ("confirmed", 420, 480, "staff")
    assert owed(placement) == 17500
    assert attendance_hours_settle(now=local(day + timedelta(days=2), 0)) == 0
    with pytest.raises(Conflict):
        attendance_record(
            placement=placement,
            day=day,
            check_in_at=local(day, 9),
            check_out_at=local(day, 17),
            actor=staff,
            channel="window",
            now=local(day, 19),
        )
    assert owed(placement) == 17500


def test_no_show_after_the_grace_then_disputed_and_decided(placement, staff):
    day = start_day()
    assert attendance_no_show_sweep(now=local(day, 9, 59)) == 0
    assert attendance_no_show_sweep(now=local(day, 10)) == 1
    assert attendance_no_show_sweep(now=local(day, 10, 30)) == 0
    record = AttendanceRecord.objects.get()
    assert (record.status, record.day, record.dispute_until) == ("no_show", day, local(day + timedelta(days=3), 17))
    record = attendance_dispute(
        record=record,
        side="worker",
        actor=placement.worker.user,
        channel="kiosk",
        reason="我到了，雇主没记",
        now=local(day, 18),
    )
    assert (record.status, record.disputed_by) == ("disputed", "worker")
    record = attendance_dispute_decide(
        record=record,
        actor=staff,
        worked=True,
        minutes=480,
        note="雇主电话确认",
        now=local(day + timedelta(days=1), 10),
    )
    assert (record.status, record.minutes) == ("confirmed", 480)
    assert owed(placement) == 20000


def test_a_dispute_after_the_deadline_is_refused(placement):
    day = start_day()
    attendance_no_show_sweep(now=local(day, 10))
    record = AttendanceRecord.objects.get()
    with pytest.raises(Conflict) as caught:
        attendance_dispute(
            record=record,
            side="worker",
            actor=placement.worker.user,
            channel="kiosk",
            reason="晚了",
            now=local(day + timedelta(days=3), 17, 1),
        )
    assert caught.value.code == "dispute_too_late"
    assert AttendanceRecord.objects.get().status == "no_show"


def test_unconfirmed_placements_get_no_no_show(employer, job_types, staff, register_worker):
    make_placement(
        employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker(), hours=(time(9), time(17))
    )
    assert attendance_no_show_sweep(now=local(start_day(), 12)) == 0
