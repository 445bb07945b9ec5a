"""The demo stays true when it is loaded in the evening, and the demo's own routine and flag stay where the demo is
on (the seeded district's own life: test_seed_demo.py)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from lingong.attendance.models import PlacementConfirmation
from lingong.demo.builder import build_demo
from lingong.demo.life import demo_routine_play
from lingong.demo.records import SCALES
from lingong.stats.models import DailyTotal
from lingong.workers.models import Worker

from .life_checks import assert_nobody_punished, run_sweeps

pytestmark = pytest.mark.django_db(transaction=False)


# The small district of today and the days to come, with a week of history instead of three months (7 s against
# 40 s): what the evening puts at risk are the confirmations and check-ins of today and tomorrow.
EVENING = dataclasses.replace(SCALES["small"], history_days=7, life_days=7)


def seed() -> None:
    build_demo(scale=EVENING, seed=7, today=timezone.localdate())


@pytest.mark.parametrize("clock", ["20:30", "23:50"])
def test_loaded_in_the_evening_nobody_is_released_or_punished(clock):
    """Between the confirmation reminder and its deadline, and just before midnight."""
    hour, minute = (int(part) for part in clock.split(":"))
    at = timezone.localtime().replace(hour=hour, minute=minute, second=0, microsecond=0)
    with time_machine.travel(at, tick=True):
        seed()
        seeded_on = timezone.localdate()
        # Something the sweeps could wrongly release: confirmations asked and confirmations to come.
        assert PlacementConfirmation.objects.filter(deadline__gt=timezone.now()).count() >= 10
        run_sweeps(timezone.now())
        assert_nobody_punished(seeded_on=seeded_on, now=timezone.now())
        later = timezone.now() + timedelta(hours=14)
        with time_machine.travel(later, tick=False):
            run_sweeps(later)
            assert_nobody_punished(seeded_on=seeded_on, now=later)


def test_without_figures_the_history_is_left_to_stats_rebuild():
    call_command("seed_demo", "--no-figures", scale="tiny", seed=7, stdout=StringIO())
    assert Worker.objects.count() == SCALES["tiny"].workers
    assert not DailyTotal.objects.exists()
    call_command("stats_rebuild", stdout=StringIO())
    assert DailyTotal.objects.exists()


def test_the_routine_does_nothing_without_the_demo():
    assert demo_routine_play(now=timezone.now()) == 0


@pytest.mark.parametrize(
    ("settings_module", "registered"),
    [("lingong.settings.embedded", True), ("lingong.settings.dev", True), ("lingong.settings.test", False)],
)
def test_the_demo_task_is_registered_only_where_the_demo_is_on(tmp_path, settings_module, registered):
    """The consumer imports the task registry's modules; production and tests never get the demo task."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import django; django.setup()\n"
        "from lingong.operations.registry import task_modules_import\n"
        "task_modules_import()\n"
        "from huey.contrib.djhuey import HUEY\n"
        "print('lingong.demo.routine.demo_routine_task' in HUEY._registry._registry)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "LINGONG_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == str(registered)


def test_the_demo_refuses_settings_without_the_demo_flag(settings, db):
    """Production settings: no demo people, no admin / lingong-admin."""
    from django.core.management.base import CommandError

    from lingong.accounts.models import User

    settings.LINGONG_DEMO = False
    with pytest.raises(CommandError):
        call_command("seed_demo", scale="small", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()
    with pytest.raises(CommandError):
        call_command("demo_otp", stdout=StringIO())  # nor its second-step codes
