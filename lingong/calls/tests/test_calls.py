from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from lingong.calls.models import CallRecord
from lingong.calls.selectors import call_list_for_day
from lingong.calls.services import call_record
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Event
from lingong.jobs.models import Application
from lingong.jobs.services import application_create, application_interview_set
from lingong.jobs.tests.factories import post_job
from lingong.testing.clock import TEST_NOW

NOW = TEST_NOW  # 10:00 on the test day


@pytest.fixture
def proposal(register_worker, employer, job_types, staff):
    worker = register_worker()
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    application = application_create(
        job=job, worker=worker, origin="staff", channel="window", actor=staff, station=staff.station
    )
    return worker, job, application


def test_interview_arranged_is_recorded_and_set_on_the_application(proposal, staff, stations):
    worker, job, application = proposal
    at = NOW + timedelta(days=1)
    record = call_record(
        worker=worker,
        application=application,
        outcome="interview",
        actor=staff,
        note=" 同意 ",
        interview_at=at,
        interview_place="功德林驿站",
        token="t1",
        now=NOW,
    )
    assert (record.worker, record.application, record.job, record.outcome, record.note) == (
        worker,
        application,
        job,
        "interview",
        "同意",
    )
    assert (record.staff, record.station, record.interview_at, record.interview_place) == (
        staff,
        stations["gongdelin"],
        at,
        "功德林驿站",
    )
    application.refresh_from_db()
    assert (application.interview_at, application.interview_place, application.status) == (at, "功德林驿站", "proposed")
    assert list(
        Event.objects.filter(verb__in=["call_record", "application_interview_set"])
        .order_by("id")
        .values_list("verb", flat=True)
    ) == ["call_record", "application_interview_set"]


def test_declined_on_the_phone_declines_the_application(proposal, staff):
    worker, job, application = proposal
    call_record(worker=worker, application=application, outcome="declined", actor=staff, now=NOW)
    application.refresh_from_db()
    assert application.status == "declined"


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"outcome": ""}, "outcome_required"),
        ({"outcome": "maybe"}, "outcome_required"),
        ({"outcome": "interview"}, "interview_time_required"),
        (
            {"outcome": "interview", "interview_at": NOW - timedelta(hours=1), "interview_place": "x"},
            "interview_in_past",
        ),
        ({"outcome": "interview", "interview_at": NOW + timedelta(hours=1)}, "interview_place_required"),
        ({"outcome": "no_answer", "call_back_at": NOW - timedelta(minutes=1)}, "call_back_in_past"),
        ({"outcome": "reached", "note": "x" * 301}, "note_too_long"),
    ],
)
def test_bad_input_changes_nothing(proposal, staff, kwargs, code):
    worker, job, application = proposal
    with pytest.raises(InvalidInput) as error:
        call_record(worker=worker, application=application, actor=staff, now=NOW, **kwargs)
    assert error.value.code == code
    assert CallRecord.objects.count() == 0
    application.refresh_from_db()
    assert (application.interview_at, application.interview_place, application.status) == (None, "", "proposed")


def test_interview_needs_an_application(register_worker, staff):
    worker = register_worker()
    with pytest.raises(InvalidInput) as error:
        call_record(
            worker=worker,
            outcome="interview",
            actor=staff,
            interview_at=NOW + timedelta(days=1),
            interview_place="x",
            now=NOW,
        )
    assert error.value.code == "interview_needs_application"
    assert CallRecord.objects.count() == 0


def test_application_of_another_worker_is_refused(proposal, register_worker, staff):
    _worker, _job, application = proposal
    other = register_worker()
    with pytest.raises(InvalidInput) as error:
        call_record(worker=other, application=application, outcome="reached", actor=staff, now=NOW)
    assert error.value.code == "application_mismatch"
    assert CallRecord.objects.count() == 0


def test_a_double_submit_is_recorded_once(proposal, staff):
    worker, _job, application = proposal
    call_record(worker=worker, application=application, outcome="reached", actor=staff, token="abc", now=NOW)
    with pytest.raises(Conflict) as error:
        call_record(worker=worker, application=application, outcome="reached", actor=staff, token="abc", now=NOW)
    assert error.value.code == "already_recorded"
    assert CallRecord.objects.count() == 1


def test_closed_application_gets_no_interview_and_no_call(proposal, staff):
    worker, _job, application = proposal
    Application.objects.filter(pk=application.pk).update(status="withdrawn")
    with pytest.raises(Conflict):
        call_record(
            worker=worker,
            application=application,
            outcome="interview",
            actor=staff,
            interview_at=NOW + timedelta(days=1),
            interview_place="x",
            now=NOW,
        )
    assert CallRecord.objects.count() == 0


def test_other_station_and_auditor_cannot_record(proposal, other_staff, auditor):
    worker, _job, application = proposal
    for actor in (other_staff, auditor):
        with pytest.raises(NotAllowed):
            call_record(worker=worker, application=application, outcome="reached", actor=actor, now=NOW)
        with pytest.raises(NotAllowed):
            call_record(worker=worker, outcome="reached", actor=actor, now=NOW)
    assert CallRecord.objects.count() == 0


def test_interview_set_refuses_other_station_and_past(proposal, staff, other_staff):
    _worker, _job, application = proposal
    with pytest.raises(NotAllowed):
        application_interview_set(
            application=application,
            interview_at=NOW + timedelta(days=1),
            interview_place="x",
            actor=other_staff,
            channel="window",
            now=NOW,
        )
    with pytest.raises(InvalidInput):
        application_interview_set(
            application=application,
            interview_at=NOW - timedelta(days=1),
            interview_place="x",
            actor=staff,
            channel="window",
            now=NOW,
        )
    application.refresh_from_db()
    assert application.interview_at is None


def test_day_list(proposal, staff, other_staff, admin_user, stations, register_worker):
    worker, job, application = proposal
    later = timezone.now() + timedelta(minutes=1)
    today = timezone.localdate(later)
    calls = call_list_for_day(user=staff, day=today)
    assert ([a.pk for a in calls.to_call], list(calls.due_back), list(calls.made)) == ([application.pk], [], [])
    # other station staff see their own station, whatever they ask for
    assert call_list_for_day(user=other_staff, day=today, station=stations["gongdelin"]).to_call.count() == 0

    first = call_record(worker=worker, application=application, outcome="no_answer", actor=staff, call_back_at=later)
    calls = call_list_for_day(user=staff, day=today)
    assert (list(calls.to_call), [c.pk for c in calls.due_back], [c.pk for c in calls.made]) == (
        [],
        [first.pk],
        [first.pk],
    )
    # a district admin sees the picked station, or all
    assert [c.pk for c in call_list_for_day(user=admin_user, day=today, station=stations["gongdelin"]).due_back] == [
        first.pk
    ]
    assert call_list_for_day(user=admin_user, day=today, station=stations["jinzhu-xilu"]).due_back.count() == 0
    assert [c.pk for c in call_list_for_day(user=admin_user, day=today).due_back] == [first.pk]

    second = call_record(worker=worker, application=application, outcome="reached", actor=staff)
    calls = call_list_for_day(user=staff, day=today)
    assert (list(calls.to_call), list(calls.due_back), [c.pk for c in calls.made]) == ([], [], [second.pk, first.pk])


def test_day_list_needs_a_back_office_role(make_user):
    worker_user = make_user("worker")
    with pytest.raises(NotAllowed):
        call_list_for_day(user=worker_user, day=timezone.localdate())
