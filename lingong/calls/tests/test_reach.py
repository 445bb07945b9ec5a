"""Staff reach: the duty follows the task, not the place of registration.

Staff of a station may see the phone of, and log a call to, every person on their
station's call and follow-up lists, wherever that person registered; each reveal
is logged with its reason. Anyone else is refused, and nothing changes.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from lingong.calls.models import CallRecord
from lingong.calls.selectors import worker_reach_allowed
from lingong.calls.services import call_record, worker_phone_reveal
from lingong.core.errors import NotAllowed
from lingong.core.models import AccessLog, Event
from lingong.employers.services import employer_register
from lingong.followups.models import FollowUp
from lingong.jobs.services import application_create, application_decline
from lingong.jobs.tests.factories import post_job
from lingong.rights.tests.factories import make_placement


@pytest.fixture
def start():
    return timezone.localdate() + timedelta(days=7)


@pytest.fixture
def jinzhu_job(db, stations, other_staff, job_types, start):
    """A job of 金珠西路 (other_staff's station); the workers below registered at 功德林."""
    employer = employer_register(
        kind="enterprise",
        name="金珠西路饭店",
        uscc="91540100MA6T11125C",
        contact_name="次仁",
        contact_phone="13800138111",
        address="金珠西路",
        channel="window",
        actor=other_staff,
        station=stations["jinzhu-xilu"],
        lat="29.65",
        lon="91.09",
    )
    return post_job(
        employer=employer, job_type=job_types["mover"], actor=other_staff, start=start, today=timezone.localdate()
    )


@pytest.fixture
def worker(register_worker):
    return register_worker()


def _snapshot(worker):
    worker.refresh_from_db()
    return (worker.phone_sealed, worker.phone_masked, worker.updated_at, worker.registered_station_id)


def test_staff_reveal_and_call_a_worker_on_their_call_list_who_registered_elsewhere(
    worker, jinzhu_job, other_staff, stations
):
    assert worker.registered_station == stations["gongdelin"]
    assert not worker_reach_allowed(user=other_staff, worker=worker, action="worker.reveal")
    application = application_create(
        job=jinzhu_job,
        worker=worker,
        origin="staff",
        channel="window",
        actor=other_staff,
        station=stations["jinzhu-xilu"],
    )
    before = _snapshot(worker)

    assert worker_reach_allowed(user=other_staff, worker=worker, action="worker.reveal")
    assert worker_phone_reveal(worker=worker, actor=other_staff, reason="通知面试") == "13900000001"
    log = AccessLog.objects.get()
    assert (log.actor, log.subject_id, log.field, log.reason, log.station) == (
        other_staff,
        str(worker.pk),
        "phone",
        "通知面试",
        stations["jinzhu-xilu"],
    )
    assert _snapshot(worker) == before

    record = call_record(worker=worker, application=application, outcome="reached", actor=other_staff, note="同意")
    assert (record.staff, record.station, record.job) == (other_staff, stations["jinzhu-xilu"], jinzhu_job)
    # A call about no particular job is allowed too: the worker is on this station's list.
    call_record(worker=worker, outcome="no_answer", actor=other_staff)
    assert CallRecord.objects.count() == 2


def test_a_station_whose_lists_do_not_hold_the_worker_is_refused(worker, jinzhu_job, make_user, stations, other_staff):
    application_create(
        job=jinzhu_job,
        worker=worker,
        origin="staff",
        channel="window",
        actor=other_staff,
        station=stations["jinzhu-xilu"],
    )
    third = make_user("station_staff", station=stations["gama-gongsang"])
    before = _snapshot(worker)
    with pytest.raises(NotAllowed) as refused:
        worker_phone_reveal(worker=worker, actor=third, reason="想看看")
    assert refused.value.code == "not_your_station"
    with pytest.raises(NotAllowed):
        call_record(worker=worker, outcome="reached", actor=third)
    assert (AccessLog.objects.count(), CallRecord.objects.count()) == (0, 0)
    assert not Event.objects.filter(verb="call_record").exists()
    assert _snapshot(worker) == before


def test_the_reach_ends_with_the_task(worker, jinzhu_job, other_staff, stations):
    application = application_create(
        job=jinzhu_job,
        worker=worker,
        origin="staff",
        channel="window",
        actor=other_staff,
        station=stations["jinzhu-xilu"],
    )
    application_decline(application=application, side="worker", actor=worker.user, channel="kiosk")
    assert not worker_reach_allowed(user=other_staff, worker=worker, action="worker.reveal")
    with pytest.raises(NotAllowed):
        worker_phone_reveal(worker=worker, actor=other_staff, reason="通知面试")
    assert AccessLog.objects.count() == 0


def test_a_follow_up_assigned_to_the_station_gives_reach(
    worker, employer, job_types, staff, other_staff, stations, start
):
    placement = make_placement(
        employer=employer,
        job_type=job_types["mover"],
        staff=staff,
        worker=worker,
        start=start,
        today=timezone.localdate(),
    )
    assert not worker_reach_allowed(user=other_staff, worker=worker, action="worker.reveal")
    FollowUp.objects.filter(placement=placement).update(station=stations["jinzhu-xilu"])  # the district reassigned it
    assert FollowUp.objects.filter(placement=placement, station=stations["jinzhu-xilu"]).count() == 2
    assert worker_reach_allowed(user=other_staff, worker=worker, action="worker.reveal")
    assert worker_phone_reveal(worker=worker, actor=other_staff, reason="回访工钱") == "13900000001"
    assert AccessLog.objects.get().reason == "回访工钱"


def test_staff_of_the_job_station_reach_the_placed_worker(worker, jinzhu_job, other_staff, stations):
    application = application_create(
        job=jinzhu_job,
        worker=worker,
        origin="staff",
        channel="window",
        actor=other_staff,
        station=stations["jinzhu-xilu"],
    )
    from lingong.jobs.services import application_accept

    application_accept(application=application, side="worker", actor=worker.user, channel="kiosk")
    application_accept(application=application, side="employer", actor=other_staff, channel="window")
    application.refresh_from_db()
    assert application.status == "placed"
    assert worker_reach_allowed(user=other_staff, worker=worker, action="worker.change")


def test_a_call_about_another_stations_job_is_refused_in_words(worker, jinzhu_job, staff, other_staff, stations):
    """功德林 staff (the worker's own station) may call the worker, but not log a call about 金珠西路's job."""
    application = application_create(
        job=jinzhu_job,
        worker=worker,
        origin="staff",
        channel="window",
        actor=other_staff,
        station=stations["jinzhu-xilu"],
    )
    with pytest.raises(NotAllowed) as refused:
        call_record(worker=worker, application=application, outcome="reached", actor=staff, note="问问")
    assert (refused.value.code, refused.value.field) == ("job_of_another_station", "application")
    with translation.override("zh-hans"):
        assert str(refused.value.message) == (
            "这个活是别的驿站的，只有那个驿站的工作人员能记录这个活的电话。请选您驿站的活，或者选“不针对具体岗位”。"
        )
    assert CallRecord.objects.count() == 0
    assert worker_reach_allowed(user=staff, worker=worker, action="worker.change")


def test_auditors_and_rights_officers(worker, auditor, make_user):
    officer = make_user("rights_officer")
    assert not worker_reach_allowed(user=auditor, worker=worker, action="worker.reveal")
    with pytest.raises(NotAllowed) as refused:
        worker_phone_reveal(worker=worker, actor=auditor, reason="检查记录")
    assert refused.value.code == "forbidden"
    assert worker_phone_reveal(worker=worker, actor=officer, reason="欠薪案件") == "13900000001"
    assert list(AccessLog.objects.values_list("actor", "reason")) == [(officer.pk, "欠薪案件")]
