"""The answer deadline through the real huey consumer: at the first 5-minute slot after the deadline the scheduler
expires the unanswered dispatch proposal, the worker is told, and the next worker on the standby list is proposed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lingong.jobs.models import Application
from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import post_job
from lingong.matching.models import DispatchStandby
from lingong.notifications.models import Notification
from lingong.operations.models import ScheduledRun
from lingong.operations.schedules import SCHEDULE_TZ
from lingong.testing.consumer import consumer_running, wait_for

pytestmark = [pytest.mark.xdist_group("consumer"), pytest.mark.django_db(transaction=True)]
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}


def test_an_unanswered_proposal_goes_to_the_next_in_line(tmp_path, employer, job_types, staff, register_worker):
    first, second, third = (register_worker(trades=("mover",), **HOME) for _ in range(3))
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    proposal = application_create(job=job, worker=first, origin="dispatch", channel="system", actor=None)
    DispatchStandby.objects.create(job=job, worker=second, rank=1, score=0.5)
    DispatchStandby.objects.create(job=job, worker=third, rank=2, score=0.4)
    deadline = proposal.created_at + timedelta(minutes=30)
    slot = (deadline + timedelta(minutes=5 - deadline.astimezone(SCHEDULE_TZ).minute % 5)).replace(
        second=0, microsecond=0
    )
    with consumer_running(tmp_path, travel_to=slot + timedelta(seconds=5)) as consumer:
        wait_for(
            lambda: Application.objects.filter(job=job, worker=second, origin="dispatch").exists(),
            timeout=25,
            what="the next standby proposed",
        )
        log = consumer.log()
    assert "Enqueueing periodic task lingong.matching.tasks.dispatch_answer_deadline_task" in log
    proposal.refresh_from_db()
    assert proposal.status == "expired"
    assert Notification.objects.filter(dedupe_key=f"offer_expired:application:{proposal.pk}").exists()
    assert dict(DispatchStandby.objects.filter(job=job).values_list("worker_id", "status")) == {
        second.pk: "promoted",
        third.pk: "waiting",
    }
    assert ScheduledRun.objects.get(task="dispatch_answer_deadline_task").slot == slot
