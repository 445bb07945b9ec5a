"""`/api/v1/stats/…`: the dashboard's numbers as JSON, for the back office's session only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lingong.stats.selectors import stats_district, stats_time_to
from lingong.stats.tests.test_figures import world  # noqa: F401  (fixture: a known district, rolled up)
from lingong.stats.tests.test_kiosk_figures import kiosk_world  # noqa: F401  (fixture: two kiosks, rolled up)

pytestmark = pytest.mark.django_db


def period(today) -> str:
    return f"first={(today - timedelta(days=2)).isoformat()}&last={today.isoformat()}"


def test_the_api_gives_the_selectors_numbers(client, world, admin_user, today):
    client.force_login(admin_user)
    body = client.get(f"/api/v1/stats/district?{period(today)}").json()
    figures = stats_district(user=admin_user, first=today - timedelta(days=2), last=today)
    assert {k: body[k] for k in ("workers_registered", "placements", "placements_offline", "placements_online")} == {
        "workers_registered": 4,
        "placements": 3,
        "placements_offline": 2,
        "placements_online": 1,
    }
    assert all(body[k] == figures[k] for k in body if isinstance(body[k], int))
    assert (body["cancellation_rate"], body["no_show_rate"]) == ("33.3", None)
    time_to = client.get(f"/api/v1/stats/time-to?{period(today)}").json()
    expected = stats_time_to(user=admin_user, metric="first_hire_days", first=today - timedelta(days=2), last=today)
    assert (time_to["distribution"], time_to["median_days"], time_to["same_day_rate"]) == (
        {"0": 1, "2": 1},
        expected["median_days"],
        "50.0",
    )
    series = client.get(f"/api/v1/stats/series?metric=placements&grain=day&{period(today)}").json()
    assert series[-1] == {"start": today.isoformat(), "value": 3}
    trades = {row["trade"]: row for row in client.get(f"/api/v1/stats/trades?{period(today)}").json()}
    assert (trades["cook"]["demand"], trades["cook"]["supply"], trades["cook"]["gap"]) == (3, 1, 2)


def test_station_staff_get_their_station_and_not_another(client, world, staff, stations, today):
    client.force_login(staff)
    own = client.get(f"/api/v1/stats/station?station_id={stations['gongdelin'].pk}&{period(today)}")
    assert (own.status_code, own.json()["workers_registered"]) == (200, 3)
    other = client.get(f"/api/v1/stats/station?station_id={stations['jinzhu-xilu'].pk}&{period(today)}")
    assert (other.status_code, other.json()["code"]) == (403, "forbidden")
    rows = client.get(f"/api/v1/stats/stations?{period(today)}").json()
    assert [row["station"] for row in rows] == ["gongdelin"]


def test_no_session_no_figures(client, today):
    response = client.get(f"/api/v1/stats/district?{period(today)}")
    assert response.status_code == 401


def test_a_reversed_period_is_a_400(client, admin_user, today):
    client.force_login(admin_user)
    response = client.get(f"/api/v1/stats/district?first={today}&last={today - timedelta(days=1)}")
    assert (response.status_code, response.json()["code"]) == (400, "period_reversed")


def test_a_station_by_default_is_the_clerks_own_and_others_must_name_one(client, world, staff, admin_user, today):
    client.force_login(staff)
    assert client.get(f"/api/v1/stats/station?{period(today)}").json()["workers_registered"] == 3
    client.force_login(admin_user)
    response = client.get(f"/api/v1/stats/station?{period(today)}")
    assert (response.status_code, response.json()["code"]) == (400, "station_required")


def test_an_app_token_of_a_worker_sees_no_figures(client, world, register_worker):
    from lingong.api.services import api_token_issue

    token, _record = api_token_issue(user=register_worker().user)
    response = client.get("/api/v1/stats/district", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_the_credit_distribution(client, world, admin_user, now, today):
    from lingong.stats.services import stats_credit_snapshot

    client.force_login(admin_user)
    assert client.get("/api/v1/stats/credit").json()["day"] is None
    stats_credit_snapshot(now=now)
    body = client.get("/api/v1/stats/credit").json()
    assert (body["day"], body["workers"]["6"], body["employers"]["6"]) == (today.isoformat(), 4, 1)


def test_the_kiosks_figures(client, kiosk_world, admin_user, staff, stations, today):
    client.force_login(admin_user)
    rows = client.get(f"/api/v1/stats/kiosks?{period(today)}").json()
    by_kiosk = {row["kiosk"]: row for row in rows}
    assert by_kiosk["gongdelin-a"] == {
        "kiosk": "gongdelin-a",
        "station": "gongdelin",
        "sessions": 3,
        "sessions_per_day": "1.0",
        "matches": 1,
        "matches_per_day": "0.3",
        "later_hires": 1,
    }
    assert (by_kiosk[None]["station"], by_kiosk[None]["matches"]) == ("gongdelin", 1)
    assert client.get(f"/api/v1/stats/district?{period(today)}").json()["kiosk_sessions"] == 4
    client.force_login(staff)
    own = client.get(f"/api/v1/stats/kiosks?{period(today)}").json()
    assert {row["station"] for row in own} == {"gongdelin"}
    other = client.get(f"/api/v1/stats/kiosks?station_id={stations['jinzhu-xilu'].pk}&{period(today)}")
    assert (other.status_code, other.json()["code"]) == (403, "forbidden")
