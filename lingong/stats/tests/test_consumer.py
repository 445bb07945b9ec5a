"""The rollup runs on its schedule in the real consumer (the tests otherwise run tasks inline)."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from lingong.operations.models import ScheduledRun
from lingong.operations.schedules import SCHEDULE_TZ
from lingong.stats.models import DailyFigure
from lingong.testing.consumer import consumer_running, wait_for

pytestmark = [pytest.mark.xdist_group("consumer"), pytest.mark.django_db(transaction=True)]


def test_the_consumer_rolls_up_today_every_five_minutes(tmp_path, today, register_worker, stations):
    register_worker(trades=("mover",))
    register_worker(trades=("cook",))
    slot = datetime.combine(today, time(10, 5), tzinfo=SCHEDULE_TZ)
    with consumer_running(tmp_path, travel_to=slot.replace(second=5)) as consumer:
        wait_for(
            lambda: ScheduledRun.objects.filter(task="stats_rollup_task", status="done").exists(),
            timeout=25,
            what="the figures' rollup",
        )
        log = consumer.log()
    assert "Enqueueing periodic task lingong.stats.tasks.stats_rollup_task" in log
    run = ScheduledRun.objects.get(task="stats_rollup_task")
    assert run.slot == slot
    figure = DailyFigure.objects.get(day=today, metric="workers_registered")
    assert (figure.station_id, figure.channel, figure.value) == (stations["gongdelin"].pk, "window", 2)
