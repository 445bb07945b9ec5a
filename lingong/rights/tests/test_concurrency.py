"""Editors racing to put the same lawyer on duty at several windows at once: one shift, the rest refused.
Run on SQLite and PostgreSQL (DATABASE_URL), as lingong/jobs/tests/test_concurrency.py."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from lingong.jobs.tests.test_concurrency import attempts, race
from lingong.rights.models import DutyShift
from lingong.rights.services import duty_shift_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency, pytest.mark.xdist_group("concurrency")]


@pytest.mark.parametrize("round_", range(2))
def test_the_same_lawyer_racing_onto_several_windows_gets_one_shift(round_, stations, admin_user, today):
    day = today + timedelta(days=1)
    n = min(attempts(), 20)
    places = list(stations.values())
    ok, conflicts, errors = race(
        [
            lambda i=i: duty_shift_create(
                station=places[i % len(places)],
                date=day,
                start_time=time(9 + i % 2),
                end_time=time(12),
                lawyer_name="拉巴次仁",
                lawyer_office="城关区法律援助中心",
                languages=["bo"],
                actor=admin_user,
            )
            for i in range(n)
        ]
    )
    assert errors == []
    assert (ok, conflicts) == (1, n - 1)
    assert DutyShift.objects.filter(lawyer_name="拉巴次仁", date=day).count() == 1
