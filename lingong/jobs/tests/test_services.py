from datetime import time, timedelta

import pytest

from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Event
from lingong.jobs.models import Application, ApplicationStatus, Job, JobStatus, Placement
from lingong.jobs.services import (
    application_accept,
    application_create,
    application_decline,
    application_withdraw,
    job_cancel,
    job_expire_overdue,
    job_reject,
    placement_cancel,
)
from lingong.testing.clock import days

from .factories import post_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(employer, job_types, staff):
    return post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=2)


def test_job_create_publishes_and_records_the_timeline(job):
    assert job.status == JobStatus.OPEN
    assert list(
        Event.objects.filter(subject_id=str(job.pk), verb__startswith="job")
        .values_list("verb", "to_state")
        .order_by("id")
    ) == [("job_create", "draft"), ("job_publish", "open")]


@pytest.mark.parametrize(
    "override, code",
    [
        ({"headcount": 0}, "invalid_headcount"),
        ({"headcount": 501}, "invalid_headcount"),
        ({"pay_fen": 0}, "invalid_pay"),
        ({"pay_unit": "week"}, "invalid_pay_unit"),
        ({"start": days(-22)}, "start_in_past"),
        ({"end": days(7)}, "end_before_start"),
        ({"hours": (time(9), time(9))}, "empty_shift"),
        ({"lat": "31.2", "lon": "121.4"}, "point_out_of_area"),
        ({"lat": "north"}, "invalid_point"),
        ({"description": "限男性，身体好"}, "asks_gender"),
        ({"description": "需交押金100元"}, "charges_fee"),
        ({"title": "只要汉族"}, "asks_ethnicity"),
    ],
)
def test_job_create_refuses_bad_input_and_changes_nothing(employer, job_types, staff, override, code):
    before = (Job.objects.count(), Event.objects.count())
    with pytest.raises(InvalidInput) as caught:
        post_job(employer=employer, job_type=job_types["mover"], actor=staff, **override)
    assert caught.value.code == code
    assert str(caught.value.message)
    assert (Job.objects.count(), Event.objects.count()) == before


def test_only_the_employer_or_staff_of_its_station_may_post(employer, job_types, other_staff, auditor):
    for actor in (other_staff, auditor, None):
        with pytest.raises(NotAllowed):
            post_job(employer=employer, job_type=job_types["mover"], actor=actor)
    assert Job.objects.count() == 0


def test_worker_applies_employer_accepts_and_a_placement_is_made(job, register_worker, staff):
    worker = register_worker()
    application = application_create(job=job, worker=worker, origin="worker", channel="kiosk", actor=worker.user)
    assert application.status == ApplicationStatus.ACCEPTED_BY_WORKER
    application_accept(application=application, side="employer", actor=staff, channel="window")
    placement = Placement.objects.get()
    assert (placement.worker_id, placement.job_id, placement.channel) == (worker.pk, job.pk, "window")
    job.refresh_from_db()
    assert (job.places_filled, job.status) == (1, JobStatus.OPEN)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PLACED


def test_last_place_fills_the_job_and_cancelling_reopens_it(employer, job_types, staff, register_worker):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=1)
    worker = register_worker()
    application = application_create(job=job, worker=worker, origin="employer", channel="web", actor=staff)
    application_accept(application=application, side="worker", actor=worker.user, channel="app")
    job.refresh_from_db()
    assert (job.places_filled, job.status) == (1, JobStatus.FILLED)
    placement_cancel(placement=Placement.objects.get(), actor=staff, channel="window", reason="雇主取消")
    job.refresh_from_db()
    assert (job.places_filled, job.status) == (0, JobStatus.OPEN)


def test_staff_proposal_needs_both_sides(job, register_worker, staff):
    worker = register_worker()
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    assert application.status == ApplicationStatus.PROPOSED
    application_accept(application=application, side="worker", actor=worker.user, channel="kiosk")
    application_accept(application=application, side="worker", actor=worker.user, channel="kiosk")  # twice is once
    assert Placement.objects.count() == 0
    application_accept(application=application, side="employer", actor=staff, channel="window")
    assert Placement.objects.count() == 1


def test_applying_twice_or_to_a_closed_job_is_refused(job, register_worker, staff):
    worker = register_worker()
    application_create(job=job, worker=worker, origin="worker", channel="kiosk", actor=worker.user)
    with pytest.raises(Conflict) as caught:
        application_create(job=job, worker=worker, origin="worker", channel="kiosk", actor=worker.user)
    assert caught.value.code == "already_applied"
    job_cancel(job=job, actor=staff, channel="window")
    other = register_worker()
    with pytest.raises(Conflict) as caught:
        application_create(job=job, worker=other, origin="worker", channel="kiosk", actor=other.user)
    assert caught.value.code == "job_not_open"
    assert Application.objects.filter(job=job).values_list("status", flat=True).get() == ApplicationStatus.EXPIRED


def test_a_worker_cannot_hold_two_overlapping_placements(employer, job_types, staff, register_worker):
    worker = register_worker()
    morning = post_job(employer=employer, job_type=job_types["mover"], actor=staff, hours=(time(8), time(12)))
    day = post_job(employer=employer, job_type=job_types["mover"], actor=staff, hours=(time(9), time(17)))
    evening = post_job(employer=employer, job_type=job_types["mover"], actor=staff, hours=(time(18), time(22)))
    for target in (morning, day, evening):
        application_create(job=target, worker=worker, origin="employer", channel="web", actor=staff)
    applications = {a.job_id: a for a in Application.objects.filter(worker=worker)}
    application_accept(application=applications[morning.pk], side="worker", actor=worker.user, channel="app")
    with pytest.raises(Conflict) as caught:
        application_accept(application=applications[day.pk], side="worker", actor=worker.user, channel="app")
    assert caught.value.code == "worker_busy"
    day.refresh_from_db()
    assert day.places_filled == 0  # the refused hire gave its place back (rolled back)
    application_accept(application=applications[evening.pk], side="worker", actor=worker.user, channel="app")
    assert Placement.objects.filter(worker=worker).count() == 2


def test_decline_and_withdraw_are_terminal(job, register_worker, staff):
    first, second = register_worker(), register_worker()
    a = application_create(job=job, worker=first, origin="worker", channel="kiosk", actor=first.user)
    application_decline(application=a, side="employer", actor=staff, channel="window", reason="已招满")
    with pytest.raises(Conflict):
        application_accept(application=a, side="employer", actor=staff, channel="window")
    b = application_create(job=job, worker=second, origin="worker", channel="app", actor=second.user)
    application_withdraw(application=b, actor=second.user, channel="app")
    b.refresh_from_db()
    assert b.status == ApplicationStatus.WITHDRAWN


def test_another_worker_cannot_act_for_a_worker(job, register_worker):
    first, second = register_worker(), register_worker()
    a = application_create(job=job, worker=first, origin="worker", channel="kiosk", actor=first.user)
    with pytest.raises(NotAllowed):
        application_withdraw(application=a, actor=second.user, channel="app")
    a.refresh_from_db()
    assert a.status == ApplicationStatus.ACCEPTED_BY_WORKER


def test_staff_reject_a_posting_with_the_reason(job, staff, other_staff):
    with pytest.raises(NotAllowed):
        job_reject(job=job, actor=other_staff, reason="不合规")
    with pytest.raises(InvalidInput):
        job_reject(job=job, actor=staff, reason=" ")
    job_reject(job=job, actor=staff, reason="岗位描述不实")
    job.refresh_from_db()
    assert (job.status, job.review_note) == (JobStatus.CANCELLED, "岗位描述不实")


def test_open_jobs_past_their_end_expire(employer, job_types, staff, register_worker):
    from lingong.testing.clock import local

    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, hours=(time(9), time(17)))
    later = post_job(employer=employer, job_type=job_types["mover"], actor=staff, start=days(9))
    worker = register_worker()
    application_create(job=job, worker=worker, origin="worker", channel="kiosk", actor=worker.user)
    at = lambda h: local(job.start_date, h)  # noqa: E731
    assert job_expire_overdue(now=at(16)) == 0
    assert job_expire_overdue(now=at(18)) == 1
    job.refresh_from_db()
    later.refresh_from_db()
    assert (job.status, later.status) == (JobStatus.EXPIRED, JobStatus.OPEN)
    assert Application.objects.get(job=job).status == ApplicationStatus.EXPIRED


def test_jobs_start_and_finish_with_the_clock(employer, job_types, staff, register_worker):
    from lingong.jobs.models import PlacementStatus
    from lingong.jobs.services import job_progress_sweep
    from lingong.testing.clock import local

    job = post_job(
        employer=employer, job_type=job_types["mover"], actor=staff, headcount=2, end=days(9), hours=(time(9), time(17))
    )
    unhired = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    worker, late = register_worker(), register_worker()
    application = application_create(job=job, worker=worker, origin="worker", channel="kiosk", actor=worker.user)
    application_accept(application=application, side="employer", actor=staff, channel="window")
    pending = application_create(job=job, worker=late, origin="worker", channel="kiosk", actor=late.user)
    at = lambda d, h: local(job.start_date + timedelta(days=d - 1), h)  # noqa: E731  (d: the job's day 1, 2)
    assert job_progress_sweep(now=at(1, 8)) == {"started": 0, "placements_completed": 0, "jobs_completed": 0}
    assert job_progress_sweep(now=at(1, 9)) == {"started": 1, "placements_completed": 0, "jobs_completed": 0}
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.EXPIRED
    assert job_progress_sweep(now=at(2, 16)) == {"started": 0, "placements_completed": 0, "jobs_completed": 0}
    assert job_progress_sweep(now=at(2, 18)) == {"started": 0, "placements_completed": 1, "jobs_completed": 1}
    job.refresh_from_db()
    unhired.refresh_from_db()
    assert (job.status, unhired.status) == (JobStatus.COMPLETED, JobStatus.OPEN)
    assert Placement.objects.get().status == PlacementStatus.COMPLETED
