"""Kiosk sessions and hires per kiosk device and day: the rollup, its selector and who may read it.

The world: kiosk 功德林-A and 金珠西路-B. Two days ago one session at A. Today two sessions at A and one at B;
a hire made at A (an offer taken there), a hire whose worker applied at A and was taken later at the window,
a hire made at B, and a hire on the channel kiosk that records no device (at 功德林).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine

from lingong.core.errors import NotAllowed
from lingong.jobs.services import application_accept, application_create
from lingong.jobs.tests.factories import post_job
from lingong.kiosk.services import kiosk_session_start
from lingong.stations.services import kiosk_register
from lingong.stats.models import DailyKioskFigure
from lingong.stats.selectors import stats_district, stats_kiosks, stats_station
from lingong.stats.services import stats_rollup_range

pytestmark = pytest.mark.django_db


def offer_taken(job, worker, *, staff, kiosk=None, station=None):
    """The employer's yes first (staff for them), then the worker's, at the kiosk when one is named."""
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    application_accept(application=application, side="employer", actor=staff, channel="window")
    application_accept(
        application=application, side="worker", actor=worker.user, channel="kiosk", station=station, kiosk=kiosk
    )


@pytest.fixture
def kiosk_world(now, today, stations, staff, admin_user, employer, job_types, register_worker):
    a, _secret = kiosk_register(station=stations["gongdelin"], code="gongdelin-a", label="A", actor=admin_user)
    b, _secret = kiosk_register(station=stations["jinzhu-xilu"], code="jinzhu-b", label="B", actor=admin_user)
    workers = [register_worker() for _ in range(4)]
    with time_machine.travel(now - timedelta(days=2), tick=False):
        kiosk_session_start(kiosk=a, worker=workers[0], way="card")
    kiosk_session_start(kiosk=a, worker=workers[0], way="card")
    kiosk_session_start(kiosk=a, worker=workers[1], way="qr")
    kiosk_session_start(kiosk=b, worker=workers[2], way="card")
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=4)
    offer_taken(job, workers[0], staff=staff, kiosk=a, station=a.station)
    applied = application_create(
        job=job, worker=workers[1], origin="worker", channel="kiosk", actor=workers[1].user, station=a.station, kiosk=a
    )
    application_accept(application=applied, side="employer", actor=staff, channel="window")
    offer_taken(job, workers[2], staff=staff, kiosk=b, station=b.station)
    offer_taken(job, workers[3], staff=staff)  # the channel kiosk, no device named: at the job's station
    stats_rollup_range(first=today - timedelta(days=2), last=today)
    return {"a": a, "b": b}


def rows_of(day) -> set[tuple]:
    rows = DailyKioskFigure.objects.filter(day=day)
    return set(rows.values_list("metric", "kiosk__code", "station__code", "channel", "value"))


def test_the_rollup_keeps_each_kiosks_day(kiosk_world, today):
    assert rows_of(today - timedelta(days=2)) == {("kiosk_sessions", "gongdelin-a", "gongdelin", "", 1)}
    assert rows_of(today - timedelta(days=1)) == set()
    assert rows_of(today) == {
        ("kiosk_sessions", "gongdelin-a", "gongdelin", "", 2),
        ("kiosk_sessions", "jinzhu-b", "jinzhu-xilu", "", 1),
        ("kiosk_placements", "gongdelin-a", "gongdelin", "kiosk", 1),
        ("kiosk_placements", "gongdelin-a", "gongdelin", "window", 1),
        ("kiosk_placements", "jinzhu-b", "jinzhu-xilu", "kiosk", 1),
        ("kiosk_placements", None, "gongdelin", "kiosk", 1),
    }


def table(rows) -> list[tuple]:
    return [
        (
            row["kiosk"].code if row["kiosk"] else None,
            row["station"].code,
            row["sessions"],
            row["sessions_per_day"],
            row["matches"],
            row["matches_per_day"],
            row["later_hires"],
        )
        for row in rows
    ]


def test_the_district_sees_every_kiosk_per_period_and_per_day(kiosk_world, admin_user, today):
    three_days = stats_kiosks(user=admin_user, first=today - timedelta(days=2), last=today)
    assert table(three_days) == [  # the stations in their order (金珠西路 before 功德林), the kiosks by code
        ("jinzhu-b", "jinzhu-xilu", 1, Decimal("0.3"), 1, Decimal("0.3"), 0),
        ("gongdelin-a", "gongdelin", 3, Decimal("1.0"), 1, Decimal("0.3"), 1),
        (None, "gongdelin", 0, Decimal("0.0"), 1, Decimal("0.3"), 0),
    ]
    today_only = stats_kiosks(user=admin_user, first=today, last=today)
    assert [(row[0], row[2], row[4]) for row in table(today_only)] == [
        ("jinzhu-b", 1, 1),
        ("gongdelin-a", 2, 1),
        (None, 0, 1),
    ]
    first_day = stats_kiosks(user=admin_user, first=today - timedelta(days=2), last=today - timedelta(days=2))
    assert [(row[0], row[2], row[4]) for row in table(first_day)] == [("jinzhu-b", 0, 0), ("gongdelin-a", 1, 0)]


def test_a_stations_kiosks_add_up_to_its_kiosk_matches_and_sessions(kiosk_world, admin_user, stations, today):
    period = {"first": today - timedelta(days=2), "last": today}
    rows = stats_kiosks(user=admin_user, **period)
    for code in ("gongdelin", "jinzhu-xilu"):
        figures = stats_station(user=admin_user, station_id=stations[code].pk, **period)
        own = [row for row in rows if row["station"].code == code]
        assert sum(row["matches"] for row in own) == figures["placements_kiosk"]
        assert sum(row["sessions"] for row in own) == figures["kiosk_sessions"]
    district = stats_district(user=admin_user, **period)
    assert (district["kiosk_sessions"], district["placements_kiosk"]) == (4, 3)


def test_station_staff_see_their_own_kiosks_and_no_other(kiosk_world, staff, stations, today):
    period = {"first": today - timedelta(days=2), "last": today}
    assert [row[0] for row in table(stats_kiosks(user=staff, **period))] == ["gongdelin-a", None]
    named = stats_kiosks(user=staff, station_id=stations["gongdelin"].pk, **period)
    assert [row[0] for row in table(named)] == ["gongdelin-a", None]
    with pytest.raises(NotAllowed):
        stats_kiosks(user=staff, station_id=stations["jinzhu-xilu"].pk, **period)


def test_people_outside_the_back_office_see_no_kiosk(kiosk_world, make_user, today):
    with pytest.raises(NotAllowed):
        stats_kiosks(user=make_user("worker"), first=today, last=today)


def test_a_second_recount_changes_nothing_and_a_new_session_is_picked_up(kiosk_world, register_worker, today):
    assert stats_rollup_range(first=today - timedelta(days=2), last=today) == 0
    kiosk_session_start(kiosk=kiosk_world["b"], worker=register_worker(), way="personal_code")
    assert stats_rollup_range(first=today, last=today) > 0
    assert ("kiosk_sessions", "jinzhu-b", "jinzhu-xilu", "", 2) in rows_of(today)
    assert stats_rollup_range(first=today, last=today) == 0


def test_a_retired_kiosk_is_listed_only_while_its_period_has_figures(kiosk_world, admin_user, today):
    from lingong.stations.models import Kiosk

    Kiosk.objects.filter(pk=kiosk_world["b"].pk).update(is_active=False)
    codes = [row["kiosk"] and row["kiosk"].code for row in stats_kiosks(user=admin_user, first=today, last=today)]
    assert "jinzhu-b" in codes
    yesterday = today - timedelta(days=1)
    codes = [
        row["kiosk"] and row["kiosk"].code for row in stats_kiosks(user=admin_user, first=yesterday, last=yesterday)
    ]
    assert codes == ["gongdelin-a"]


def test_only_a_workers_yes_on_the_kiosk_channel_names_a_kiosk(
    kiosk_world, employer, job_types, staff, register_worker
):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    with pytest.raises(ValueError):
        application_create(
            job=job, worker=register_worker(), origin="worker", channel="web", actor=staff, kiosk=kiosk_world["a"]
        )
    with pytest.raises(ValueError):
        application_create(
            job=job, worker=register_worker(), origin="staff", channel="kiosk", actor=staff, kiosk=kiosk_world["a"]
        )
