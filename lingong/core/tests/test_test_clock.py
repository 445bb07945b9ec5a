"""The suite's own clock: every test stands at 10:00 Asia/Shanghai on the test day (conftest.py)."""

import threading
from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from lingong.testing import clock


def test_every_test_starts_at_ten_on_the_test_day(today, now):
    assert (now.date(), now.time(), str(now.tzinfo)) == (today, time(10), "Asia/Shanghai")
    assert today == clock.TEST_TODAY
    moment = timezone.localtime()
    assert moment.date() == today
    assert timedelta(0) <= moment - now < timedelta(minutes=1)  # ticking, from 10:00


def test_other_threads_see_the_same_clock(today):
    """The live server answers from threads: they must live on the same day."""
    seen = []
    thread = threading.Thread(target=lambda: seen.append(timezone.localdate()))
    thread.start()
    thread.join()
    assert seen == [today]


def test_the_day_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2028-02-29")
    assert clock.test_today_from_env() == date(2028, 2, 29)
    monkeypatch.setenv(clock.ENV, "29.02.2028")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        clock.test_today_from_env()
    monkeypatch.delenv(clock.ENV)
    assert clock.test_today_from_env() == timezone.localdate()  # the real date in Shanghai (here: the frozen one)
