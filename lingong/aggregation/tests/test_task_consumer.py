"""The hourly import, once through the real huey consumer: the task is registered and its schedule fires."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from lingong.aggregation.services import source_save
from lingong.aggregation.tests.test_fetch_and_trades import fake_platform  # noqa: F401  (fixture)
from lingong.jobs.models import Job
from lingong.operations.models import ScheduledRun
from lingong.operations.schedules import SCHEDULE_TZ
from lingong.testing.consumer import consumer_running, wait_for

pytestmark = [pytest.mark.xdist_group("consumer"), pytest.mark.django_db(transaction=True)]


def test_the_hourly_import_runs_in_the_consumer(tmp_path, admin_user, stations, fake_platform, today):  # noqa: F811
    url, seen = fake_platform
    source_save(
        actor=admin_user,
        name="BOSS直聘",
        platform="boss",
        fetch_kind="http",
        url=url,
        credentials="secret-key-1",
        credentials_header="X-Api-Key",
        station=stations["market"],
    )
    slot = datetime.combine(today, time(10, 20), tzinfo=SCHEDULE_TZ)
    with consumer_running(tmp_path, travel_to=slot.replace(second=5)):
        wait_for(
            lambda: ScheduledRun.objects.filter(task="import_sources_task", status="done").exists(),
            timeout=40,
            what="the hourly import",
        )
    run = ScheduledRun.objects.get(task="import_sources_task")
    assert (run.slot, run.result) == (slot, "{'runs': 1, 'expired': 0}")
    assert seen == ["secret-key-1"]
    assert sorted(Job.objects.filter(source="boss").values_list("external_id", flat=True)) == [
        "b7a1c0f2e9d84a01",
        "b7a1c0f2e9d84a02",
        "b7a1c0f2e9d84a03",
        "b7a1c0f2e9d84a04",
    ]
