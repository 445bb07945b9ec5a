"""The day-before reminder through the real huey consumer: the scheduler fires at 18:00 and the message is sent."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.utils import timezone

from lingong.notifications.models import Notification
from lingong.operations.models import ScheduledRun
from lingong.operations.schedules import SCHEDULE_TZ
from lingong.testing.consumer import consumer_running, wait_for
from lingong.training.services import booking_create

from .factories import make_course, make_session

pytestmark = [pytest.mark.xdist_group("consumer"), pytest.mark.django_db(transaction=True)]


def test_the_reminder_runs_at_six_in_the_evening(tmp_path, staff, job_types, stations, register_worker):
    session = make_session(staff=staff, course=make_course(staff=staff, job_types=job_types, stations=stations), days=1)
    worker = register_worker(language="bo")
    booking = booking_create(session=session, worker=worker, actor=worker.user, channel="kiosk")
    six = datetime.combine(timezone.localdate(), time(18, 0, 5), tzinfo=SCHEDULE_TZ)
    with consumer_running(tmp_path, travel_to=six) as consumer:
        wait_for(
            lambda: Notification.objects.filter(
                dedupe_key__startswith=f"training:remind:{booking.pk}:", status="sent"
            ).exists(),
            timeout=25,
            what="the training reminder delivered",
        )
        log = consumer.log()
    assert "Enqueueing periodic task lingong.training.tasks.training_reminders_task" in log
    run = ScheduledRun.objects.get(task="training_reminders_task")
    assert (run.slot, run.result) == (
        datetime.combine(timezone.localdate(), time(18), tzinfo=SCHEDULE_TZ),
        "{'reminded': 1}",
    )
    reminder = Notification.objects.get(dedupe_key__startswith=f"training:remind:{booking.pk}:")
    assert (reminder.language, reminder.user_id) == ("bo", worker.user_id)
