"""The nightly training, once through the real huey consumer: registered, scheduled at 03:00 Asia/Shanghai, and it
puts a trained model in use."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from lingong.matching.models import AcceptanceModelVersion
from lingong.operations.models import ScheduledRun
from lingong.operations.schedules import SCHEDULE_TZ
from lingong.testing.consumer import consumer_running, wait_for

from .learning_helpers import answered_exposures

pytestmark = [pytest.mark.xdist_group("consumer"), pytest.mark.django_db(transaction=True)]


def test_the_nightly_training_runs_in_the_consumer(tmp_path, register_worker, employer, job_types, staff, today):
    slot = datetime.combine(today, time(3), tzinfo=SCHEDULE_TZ)
    answered_exposures(register_worker=register_worker, employer=employer, job_types=job_types, staff=staff, now=slot)
    with consumer_running(tmp_path, travel_to=slot.replace(second=5)) as consumer:
        assert "lingong.matching.tasks.acceptance_model_train_task" in consumer.registered()
        wait_for(
            lambda: ScheduledRun.objects.filter(task="acceptance_model_train_task", status="done").exists(),
            timeout=40,
            what="the nightly training",
        )
    [version] = AcceptanceModelVersion.objects.all()
    assert version.active and version.answers == 225 and version.metrics["n"] > 0
    run = ScheduledRun.objects.get(task="acceptance_model_train_task")
    assert (run.slot, run.result) == (slot, version.version)
