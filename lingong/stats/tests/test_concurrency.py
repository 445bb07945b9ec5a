"""Recounts of one day racing each other (the nightly pass beside the five-minute one) end in the same rows,
with no duplicate and no error. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from lingong.jobs.tests.test_concurrency import race
from lingong.stats.models import DailyFigure
from lingong.stats.services import stats_rollup_day

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency, pytest.mark.xdist_group("concurrency")]


def test_ten_recounts_of_a_day_at_once_write_each_row_once(today, register_worker):
    for _ in range(3):
        register_worker(trades=("mover",))
    stats_rollup_day(day=today)  # the day has rows: the racers lock them and count one after another
    expected = list(DailyFigure.objects.order_by("pk").values())
    register_worker(trades=("cook",))
    ok, conflicts, errors = race([lambda: stats_rollup_day(day=today) for _ in range(10)])
    assert (ok, conflicts, errors) == (10, 0, [])
    rows = list(DailyFigure.objects.order_by("pk").values())
    assert [row["id"] for row in rows] == [row["id"] for row in expected]  # updated in place, none added
    assert DailyFigure.objects.get(day=today, metric="workers_registered").value == 4
