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

from .helpers import live_code, local, make_placement, start_day

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
    record = attendance_scan(
        code=live_code(placement, local(day, 8, 55)),
        placement=placement,
        actor=user,
        channel="app",
        now=local(day, 8, 55),
    )
    assert (record.status, record.check_in_at) == ("checked_in", local(day, 8, 55))
    record = attendance_scan(
        code=live_code(placement, local(day, 17, 10)),
        placement=placement,
        actor=user,
        channel="app",
        now=local(day, 17, 10),
    )
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
        attendance_scan(
            code=live_code(placement, local(day, 6, 59)),
            placement=placement,
            actor=placement.worker.user,
            channel="app",
            now=local(day, 6, 59),
        )
    assert caught.value.code == "outside_shift"
    with pytest.raises(NotAllowed):
        attendance_scan(
            code=live_code(placement, local(day, 9)),
            placement=placement,
            actor=register_worker().user,
            channel="app",
            now=local(day, 9),
        )
    assert AttendanceRecord.objects.count() == 0


def test_the_employer_corrects_the_hours_within_the_silence(placement, staff):
    day, user = start_day(), placement.worker.user
    attendance_scan(
        code=live_code(placement, local(day, 9)), placement=placement, actor=user, channel="app", now=local(day, 9)
    )
    attendance_scan(
        code=live_code(placement, local(day, 17)), placement=placement, actor=user, channel="app", now=local(day, 17)
    )
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


# --- proof of presence: the code changes every minute ------------------------------------------------


def test_a_code_from_a_minute_ago_still_works_an_older_one_does_not(placement):
    from lingong.core.errors import InvalidInput

    day, user = start_day(), placement.worker.user
    shown = live_code(placement, local(day, 8, 55))
    record = attendance_scan(
        code=shown, placement=placement, actor=user, channel="app", now=local(day, 8, 56) + timedelta(seconds=30)
    )
    assert (record.status, record.check_in_proof) == ("checked_in", "live_code")
    # the photo sent home and used at the end of the day
    with pytest.raises(InvalidInput) as refused:
        attendance_scan(code=shown, placement=placement, actor=user, channel="app", now=local(day, 17, 5))
    assert refused.value.code == "checkin_code_stale"
    record.refresh_from_db()
    assert record.status == "checked_in"


def test_another_jobs_code_does_not_check_in(placement, employer, job_types, staff, register_worker):
    from lingong.core.errors import InvalidInput

    other = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())
    day = start_day()
    with pytest.raises(InvalidInput):
        attendance_scan(
            code=live_code(other, local(day, 9)),
            placement=placement,
            actor=placement.worker.user,
            channel="app",
            now=local(day, 9),
        )
    assert not AttendanceRecord.objects.exists()


def test_unproven_hours_never_stand_on_silence_staff_decide(placement):
    day, user = start_day(), placement.worker.user
    attendance_scan(
        code=live_code(placement, local(day, 9)), placement=placement, actor=user, channel="app", now=local(day, 9)
    )
    record = attendance_scan(
        code=live_code(placement, local(day, 17)), placement=placement, actor=user, channel="app", now=local(day, 17)
    )
    AttendanceRecord.objects.filter(pk=record.pk).update(check_in_proof="")  # a day from before live codes
    assert attendance_hours_settle(now=local(day + timedelta(days=2), 9)) == 0
    record.refresh_from_db()
    assert (record.status, record.disputed_by, record.minutes) == ("disputed", "system", 0)
    assert owed(placement) == 0


# --- the code's pages ---------------------------------------------------------------------------------


def test_only_the_jobs_employer_and_its_stations_staff_may_show_the_code(
    client, placement, make_user, stations, register_worker
):
    from lingong.employers.models import Employer

    job = placement.job
    boss = make_user("employer")
    Employer.objects.filter(pk=job.employer_id).update(user=boss)
    url = f"/attendance/jobs/{job.pk}/code/"
    allowed = [boss, make_user("station_staff", station=job.station), make_user("district_admin")]
    refused = [
        make_user("employer"),  # another employer
        placement.worker.user,  # the worker would check in from anywhere
        make_user("station_staff", station=next(s for s in stations.values() if s.pk != job.station_id)),
        make_user("auditor"),
        make_user("rights_officer"),
    ]
    for user in allowed:
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200 and "<svg" in page.content.decode(), user.role
    for user in refused:
        client.force_login(user)
        assert client.get(url).status_code == 403, user.role


def test_scanning_the_live_code_opens_a_button_and_an_old_one_says_so(client, placement):
    import time_machine

    day = start_day()
    client.force_login(placement.worker.user)
    url = f"/attendance/checkin/{live_code(placement, local(day, 8, 55))}/"
    with time_machine.travel(local(day, 8, 55), tick=False):
        assert client.get(url).status_code == 200
        assert not AttendanceRecord.objects.exists()  # scanning alone changes nothing
        assert client.post(url).status_code == 200
    assert AttendanceRecord.objects.get().check_in_proof == "live_code"
    with time_machine.travel(local(day, 9, 0), tick=False):
        page = client.get(url)
        assert page.status_code == 410
        assert client.post(url).status_code == 410
    assert AttendanceRecord.objects.get().status == "checked_in"
