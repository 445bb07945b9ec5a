"""The rights list's "This month" figures on the days the month and the year turn over (Lhasa time)."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from lingong.rights.services import rights_case_open

pytestmark = pytest.mark.django_db


def _opened_this_month(client, officer, moment: datetime) -> int:
    with time_machine.travel(moment, tick=False):
        client.force_login(officer)  # a session from the test day would have expired by then
        page = client.get("/rights/").content.decode()
    return int(re.search(r'data-figure="opened">(\d+)<', page).group(1))


def _open(worker, employer, staff, stations, now):
    return rights_case_open(
        workers=[worker],
        employer=employer,
        kind="wage_arrears",
        amount_claimed_fen=30000,
        description="工资没给",
        channel="window",
        actor=staff,
        station=stations["gongdelin"],
        now=now,
    )


def test_the_month_starts_again_on_new_years_day_in_lhasa(client, officer, worker, employer, staff, stations, at):
    _open(worker, employer, staff, stations, at(2027, 12, 15, 10))
    _open(worker, employer, staff, stations, at(2027, 12, 31, 23, 59))
    _open(worker, employer, staff, stations, at(2028, 1, 1, 0, 1))
    assert _opened_this_month(client, officer, at(2027, 12, 31, 23, 59, 30)) == 2
    # 00:30 on 1 January in Lhasa is 16:30 on 31 December in UTC: January has one case so far.
    assert _opened_this_month(client, officer, datetime(2027, 12, 31, 16, 30, tzinfo=UTC)) == 1
    assert _opened_this_month(client, officer, at(2028, 1, 31, 23, 0)) == 1


def test_29_february_belongs_to_february(client, officer, worker, employer, staff, stations, at):
    _open(worker, employer, staff, stations, at(2028, 2, 1, 9))
    _open(worker, employer, staff, stations, at(2028, 2, 29, 23, 59))
    _open(worker, employer, staff, stations, at(2028, 3, 1, 0, 0))
    assert _opened_this_month(client, officer, at(2028, 2, 29, 23, 59, 30)) == 2
    assert _opened_this_month(client, officer, at(2028, 3, 1, 8)) == 1
