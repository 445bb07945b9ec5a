"""Selectors added for the worker and employer doors (portal)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from lingong.core.errors import NotFound
from lingong.jobs.selectors import (
    access_application_for_employer,
    access_application_for_worker,
    access_job_for_employer,
    job_day_pay_fen,
    job_fast_defaults,
    job_list_for_employer,
    job_search,
    worker_message_list,
)
from lingong.jobs.services import application_accept, application_create
from lingong.jobs.tests.factories import post_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned_employer(employer, make_user):
    user = make_user("employer")
    employer.user = user
    employer.save(update_fields=["user"])
    return employer


def _job(employer, job_type, **extra):
    today = timezone.localdate()
    extra.setdefault("start", today)
    return post_job(employer=employer, job_type=job_type, actor=employer.user, today=today, channel="web", **extra)


def test_job_search_filters_by_trade_day_place_and_day_pay(owned_employer, job_types):
    today = timezone.localdate()
    mover = _job(owned_employer, job_types["mover"], pay_fen=30000)
    hourly = _job(owned_employer, job_types["cleaner"], pay_fen=3000, pay_unit="hour", hours=(time(8), time(16)))
    piece = _job(owned_employer, job_types["courier"], pay_fen=500, pay_unit="piece")
    far = _job(
        owned_employer, job_types["mover"], lat="29.700000", lon="91.400000", start=today + timezone.timedelta(days=3)
    )
    assert {j.pk for j in job_search()} == {mover.pk, hourly.pk, piece.pk, far.pk}
    assert [j.pk for j in job_search(trade=job_types["mover"], day=today)] == [mover.pk]
    assert [j.pk for j in job_search(trade=job_types["mover"].pk, day=today + timezone.timedelta(days=3))] == [far.pk]
    assert {j.pk for j in job_search(near=(29.65, 91.13, 5))} == {mover.pk, hourly.pk, piece.pk}
    # 30 yuan an hour × 8 hours = 240 a day; piece work is left out under a floor
    assert job_day_pay_fen(hourly) == 24000 and job_day_pay_fen(piece) is None
    assert {j.pk for j in job_search(min_pay_fen=24000)} == {mover.pk, hourly.pk, far.pk}
    assert {j.pk for j in job_search(min_pay_fen=24001)} == {mover.pk, far.pk}


def test_fast_defaults_come_from_the_trade(job_types, today):
    cook = job_fast_defaults(job_type=job_types["cook"], today=today)
    assert (cook.pay_fen, cook.pay_unit, cook.start_date, cook.start_time, cook.end_time, cook.headcount) == (
        32500,
        "day",
        today,
        time(9),
        time(18),
        1,
    )
    helper = job_fast_defaults(job_type=job_types["domestic_helper"], today=today)
    assert (helper.pay_fen, helper.pay_unit) == (3100, "hour")  # 250 a day / 8 = 31.25 → 31 yuan
    courier = job_fast_defaults(job_type=job_types["courier"], today=today)
    assert (courier.pay_fen, courier.pay_unit) == (24000, "day")


def test_employer_selectors_see_own_jobs_only(owned_employer, job_types, make_user, register_worker):
    job = _job(owned_employer, job_types["mover"])
    stranger = make_user("employer")
    assert list(job_list_for_employer(user=owned_employer.user)) == [job]
    assert list(job_list_for_employer(user=stranger)) == []
    assert access_job_for_employer(user=owned_employer.user, job_id=job.pk) == job
    with pytest.raises(NotFound):
        access_job_for_employer(user=stranger, job_id=job.pk)
    worker = register_worker()
    application = application_create(job=job, worker=worker, origin="worker", channel="web", actor=worker.user)
    assert access_application_for_employer(user=owned_employer.user, application_id=application.pk) == application
    assert access_application_for_worker(user=worker.user, application_id=application.pk) == application
    for user, finder in (
        (stranger, access_application_for_employer),
        (owned_employer.user, access_application_for_worker),
    ):
        with pytest.raises(NotFound):
            finder(user=user, application_id=application.pk)


def test_worker_messages_tell_what_others_did(owned_employer, job_types, register_worker):
    worker = register_worker()
    invited = application_create(
        job=_job(owned_employer, job_types["mover"]),
        worker=worker,
        origin="employer",
        channel="web",
        actor=owned_employer.user,
    )
    applied = application_create(
        job=_job(owned_employer, job_types["cook"], start=timezone.localdate() + timezone.timedelta(days=2)),
        worker=worker,
        origin="worker",
        channel="web",
        actor=worker.user,
    )
    assert [m.code for m in worker_message_list(worker=worker)] == ["application_create"]
    application_accept(application=applied, side="employer", actor=owned_employer.user, channel="web")
    application_accept(application=invited, side="worker", actor=worker.user, channel="web")
    messages = worker_message_list(worker=worker)
    assert [(m.code, m.job.job_type.slug) for m in messages] == [
        ("placement_create", "mover"),
        ("placement_create", "cook"),
        ("application_create", "mover"),
    ]


def test_fast_job_defaults_to_tomorrow_late_in_the_day(job_types, today):
    from lingong.jobs.selectors import job_fast_defaults
    from lingong.testing.clock import local

    assert job_fast_defaults(job_type=job_types["cook"], now=local(today, 14)).start_date == today
    assert job_fast_defaults(job_type=job_types["cook"], now=local(today, 15)).start_date == today + timedelta(days=1)


def test_fast_job_defaults_never_start_in_the_past(job_types, today):
    from datetime import time

    from lingong.jobs.selectors import job_fast_defaults
    from lingong.testing.clock import local

    def start(hour, minute=0):
        defaults = job_fast_defaults(job_type=job_types["cook"], now=local(today, hour, minute))
        return defaults.start_date, defaults.start_time

    assert start(6, 30) == (today, time(9))  # early: the usual hours
    assert start(8) == (today, time(9))
    assert start(8, 1) == (today, time(10))  # an hour to get there, from the next whole hour
    assert start(10) == (today, time(11))
    assert start(13, 20) == (today, time(15))
    assert start(15) == (today + timedelta(days=1), time(9))
