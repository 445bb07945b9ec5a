"""End to end through a real huey consumer (a subprocess on a SQLite queue, the test's database).

What each message says is asserted by the notification service's own tests;
here: that the consumer writes and delivers them (outbox status "sent", an SMS
through the backend) to the right people, in their language.
"""

from __future__ import annotations

import time as clock
from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lingong.accounts.models import SmsOutbox
from lingong.jobs.models import Application, Job, Placement
from lingong.jobs.services import application_accept
from lingong.jobs.tests.factories import post_job
from lingong.notifications.models import Notification
from lingong.operations.models import ScheduledRun, TaskFailure
from lingong.operations.schedules import SCHEDULE_TZ
from lingong.testing.consumer import consumer_running, queue_of, wait_for

pytestmark = [pytest.mark.xdist_group("consumer"), pytest.mark.django_db(transaction=True)]
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}


@pytest.fixture
def boss(stations):
    """An employer who signed up at the employer door."""
    from lingong.accounts.models import User
    from lingong.employers.services import employer_register

    user = User.objects.create_user(username="boss-e2e", role="employer")
    return employer_register(
        kind="enterprise",
        name="拉萨雪域餐饮有限公司",
        uscc="91540100MA6T11117H",
        contact_name="卓玛",
        contact_phone="13700137000",
        address="拉萨市城关区北京中路",
        channel="web",
        actor=user,
        user=user,
        station=stations["gongdelin"],
        lat="29.65",
        lon="91.12",
    )


def fast_channel_events(job) -> dict[int, int]:
    from lingong.core.models import Event

    rows = Event.objects.filter(verb="fast_channel_offer", subject_id=str(job.pk)).values_list("data", flat=True)
    return {row["tier"]: row["offered"] for row in rows}


def test_a_fast_channel_posting_reaches_fitting_workers_and_the_first_yes_hires(
    tmp_path,
    boss,
    stations,
    register_worker,
):
    movers = [register_worker(trades=("mover",), language=language, **HOME) for language in ("bo", "zh-hans", "bo")]
    cook = register_worker(trades=("cook",), **HOME)
    tomorrow = timezone.localdate() + timedelta(days=1)
    employer_door = Client()
    employer_door.force_login(boss.user)
    # The consumer's clock is this test's clock; tiers widen after 1 s instead of 15 minutes.
    with (
        consumer_running(tmp_path, travel_to=timezone.now(), env={"FAST_CHANNEL_WIDEN_MINUTES": "0.02"}) as consumer,
        queue_of(consumer),
    ):
        response = employer_door.post(
            "/e/post/mover/",
            {
                "token": "f" * 32,
                "headcount": 1,
                "pay_yuan": "250",
                "pay_unit": "day",
                "start_date": tomorrow.isoformat(),
                "days": 1,
                "start_time": "09:00",
                "end_time": "18:00",
                "address": "拉萨市城关区北京中路 8 号",
                "area": stations["gongdelin"].pk,
                "description": "",
            },
        )
        job = Job.objects.get()
        assert (response.status_code, response["Location"]) == (302, f"/e/jobs/{job.pk}/")
        assert (job.is_fast_channel, job.status) == (True, "open")
        # Tier 0 (the employer's preferred workers) is empty for a new employer; 1 and 2 follow.
        wait_for(lambda: set(fast_channel_events(job)) == {0, 1, 2}, timeout=25, what="three tiers offered")
        wait_for(
            lambda: Notification.objects.filter(kind="offer", status="sent").count() == 3,
            timeout=25,
            what="the offers delivered by SMS",
        )
        log = consumer.log()
    assert "fast_channel_offer_task" in log and "not found in TaskRegistry" not in log
    events = fast_channel_events(job)
    assert events[0] == 0 and events[1] + events[2] == 3
    offers = Application.objects.filter(job=job)
    assert {a.worker_id for a in offers} == {w.pk for w in movers}  # the cook is not offered a mover's job
    assert {(a.origin, a.status) for a in offers} == {("dispatch", "accepted_by_employer")}

    first, second, third = sorted(offers, key=lambda a: a.pk)
    worker_door = Client()
    worker_door.force_login(first.worker.user)
    assert worker_door.post(f"/w/applications/{first.pk}/accept/").status_code == 302
    placement = Placement.objects.get()
    assert (placement.worker_id, placement.job_id, placement.status) == (first.worker_id, job.pk, "active")
    job.refresh_from_db()
    assert (job.status, job.places_filled) == ("filled", 1)
    statuses = dict(Application.objects.filter(job=job).values_list("pk", "status"))
    assert statuses == {first.pk: "placed", second.pk: "withdrawn", third.pk: "withdrawn"}
    from lingong.core.models import Event

    withdrawn_events = Event.objects.filter(
        verb="application_withdrawn", subject_id__in=[str(second.pk), str(third.pk)]
    )
    assert sorted(e.data["reason"] for e in withdrawn_events) == ["job_filled", "job_filled"]
    # The offers went to the three movers (not the cook), each in their own language, through the SMS backend.
    offers_sent = Notification.objects.filter(kind="offer").values_list("user_id", "language", "status")
    assert sorted(offers_sent) == sorted((w.user_id, w.language, "sent") for w in movers)
    assert SmsOutbox.objects.filter(body__contains="零工").count() >= 1
    assert SmsOutbox.objects.count() == Notification.objects.filter(status="sent").count()
    # Then the hire to the worker and the employer, the withdrawal to the other two.
    later = Notification.objects.exclude(kind="offer").values_list("kind", "user_id")
    assert sorted(later) == sorted(
        [
            ("hire", first.worker.user_id),
            ("hire", boss.user_id),
            ("offer_withdrawn", second.worker.user_id),
            ("offer_withdrawn", third.worker.user_id),
        ]
    )

    # A withdrawn offer can no longer be taken: the second worker is told, nothing changes.
    late = Client()
    late.force_login(second.worker.user)
    late.post(f"/w/applications/{second.pk}/accept/")
    assert Placement.objects.count() == 1
    assert Application.objects.get(pk=second.pk).status == "withdrawn"
    assert cook.applications.count() == 0


def test_the_morning_dispatch_runs_at_seven_and_its_proposals_are_accepted(
    tmp_path,
    employer,
    job_types,
    staff,
    register_worker,
):
    today = timezone.localdate()
    movers = [register_worker(trades=("mover",), **HOME) for _ in range(3)]
    job = post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        start=today,
        today=today,
        headcount=2,
        hours=(time(9), time(17)),
    )
    seven = datetime.combine(today, time(7, 0, 5), tzinfo=SCHEDULE_TZ)
    with consumer_running(tmp_path, travel_to=seven) as consumer:
        wait_for(
            lambda: ScheduledRun.objects.filter(task="dispatch_morning_task", status="done").exists(),
            timeout=25,
            what="the morning dispatch",
        )
        wait_for(
            lambda: Notification.objects.filter(kind="invitation", status="sent").count() == 2,
            timeout=25,
            what="the invitations delivered",
        )
        log = consumer.log()
    # The scheduler fired at its hour (07:00 Asia/Shanghai = 23:00 UTC the day before) ...
    assert "Enqueueing periodic task lingong.matching.tasks.dispatch_morning_task" in log
    # ... and the slot ran once, although the start-up catch-up asked for it too.
    run = ScheduledRun.objects.get(task="dispatch_morning_task")
    assert (run.slot, run.result) == (datetime.combine(today, time(7), tzinfo=SCHEDULE_TZ), "2")
    proposals = list(Application.objects.filter(job=job).order_by("pk"))
    assert len(proposals) == 2 and {(a.origin, a.status) for a in proposals} == {("dispatch", "proposed")}
    assert {a.worker_id for a in proposals} < {w.pk for w in movers}
    for application in proposals:
        application_accept(application=application, side="worker", actor=application.worker.user, channel="app")
        application_accept(application=application, side="employer", actor=staff, channel="window")
    assert sorted(Placement.objects.values_list("worker_id", flat=True)) == sorted(a.worker_id for a in proposals)
    # The consumer told each proposed worker (an invitation, delivered), then each hire went to both sides.
    invitations = Notification.objects.filter(kind="invitation").values_list("user_id", "status")
    assert sorted(invitations) == sorted((a.worker.user_id, "sent") for a in proposals)
    assert Notification.objects.filter(kind="hire").count() == 4
    job.refresh_from_db()
    assert (job.status, job.places_filled) == ("filled", 2)


@pytest.mark.parametrize("queue", ["sqlite", "redis"])
def test_a_task_that_keeps_failing_is_retried_then_recorded_for_staff(tmp_path, queue):
    from lingong.operations.tests.test_registry import REDIS_URL, redis_reachable
    from lingong.testing.failing_tasks import delivery_always_refused_task

    if queue == "redis" and not redis_reachable(REDIS_URL):
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    redis_url = REDIS_URL if queue == "redis" else None
    with (
        consumer_running(tmp_path, redis_url=redis_url, extra_tasks=("lingong.testing.failing_tasks",)) as consumer,
        queue_of(consumer),
    ):
        delivery_always_refused_task(7, "13912345678")
        failure = wait_for(lambda: TaskFailure.objects.first(), timeout=20, what="the failure record")
        log = consumer.log()
    assert log.count("Unhandled exception in task") == 3 * log.count("Huey consumer started")  # 1 try + 2 retries
    assert TaskFailure.objects.count() == 1
    assert (failure.task, failure.args, failure.retries) == (
        "lingong.testing.failing_tasks.delivery_always_refused_task",
        "7, str",
        2,
    )
    assert failure.error == "RuntimeError: the gateway refused … (case 7)"


def test_a_consumer_started_after_seven_catches_the_dispatch_up_once(
    tmp_path, employer, job_types, staff, register_worker
):
    today = timezone.localdate()
    yesterday_seven = datetime.combine(today - timedelta(days=1), time(7), tzinfo=SCHEDULE_TZ)
    ScheduledRun.objects.create(
        task="dispatch_morning_task", slot=yesterday_seven, started_at=yesterday_seven, status="done"
    )  # it ran yesterday: the consumer was up then
    register_worker(trades=("mover",), **HOME)
    job = post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        start=today,
        today=today,
        hours=(time(14), time(18)),
    )
    ten = datetime.combine(today, time(10), tzinfo=SCHEDULE_TZ)
    with consumer_running(tmp_path, travel_to=ten) as consumer:
        wait_for(
            lambda: ScheduledRun.objects.filter(task="dispatch_morning_task", status="done").count() == 2,
            timeout=20,
            what="the catch-up",
        )
        assert "catching up dispatch_morning_task" in consumer.log()
    run = ScheduledRun.objects.get(task="dispatch_morning_task", slot__gt=yesterday_seven)
    assert (run.slot, run.caught_up, run.result) == (datetime.combine(today, time(7), tzinfo=SCHEDULE_TZ), True, "1")
    assert Application.objects.filter(job=job, origin="dispatch").count() == 1
    # Started again five minutes later: the slot is taken, nothing runs twice.
    with consumer_running(tmp_path, travel_to=ten + timedelta(minutes=5)) as consumer:
        clock.sleep(3)
        assert "catching up" not in consumer.log()
    assert ScheduledRun.objects.filter(task="dispatch_morning_task").count() == 2
    assert Application.objects.filter(job=job).count() == 1
