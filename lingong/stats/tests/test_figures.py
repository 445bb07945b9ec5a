"""The figures of a small known district, counted by the rollup and read through the selectors.

The world: two jobs published two days ago and today, hires through the kiosk, the
window and the app, one hire cancelled, workers registered at two stations. Every
figure is asserted exactly, and each is also counted by a direct full scan of its
table to show that the rollup says the same.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command

from lingong.core.errors import InvalidInput, NotAllowed
from lingong.core.models import OFFLINE_CHANNELS, ONLINE_CHANNELS
from lingong.employers.models import Employer
from lingong.employers.services import employer_verify
from lingong.jobs.models import Job, Placement
from lingong.jobs.services import application_accept, application_create, placement_cancel
from lingong.jobs.tests.factories import post_job
from lingong.stats.models import DailyFigure
from lingong.stats.selectors import (
    stats_by_channel,
    stats_by_station,
    stats_district,
    stats_series,
    stats_station,
    stats_time_to,
    stats_trades,
)
from lingong.stats.services import stats_rollup_range, stats_rollup_recent
from lingong.workers.models import Worker

pytestmark = pytest.mark.django_db


def hire(job, worker, *, staff, last_channel):
    """Both sides say yes; the side that says yes last decides the hire's channel."""
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    if last_channel == "window":
        application_accept(application=application, side="worker", actor=worker.user, channel="kiosk")
        application_accept(application=application, side="employer", actor=staff, channel="window")
    else:
        application_accept(application=application, side="employer", actor=staff, channel="window")
        application_accept(application=application, side="worker", actor=worker.user, channel=last_channel)
    return Placement.objects.get(application=application)


@pytest.fixture
def world(now, today, stations, staff, other_staff, employer, job_types, register_worker):
    with time_machine.travel(now - timedelta(days=2), tick=False):
        mover_job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=2)
        first = register_worker(trades=("mover",))
        second = register_worker(trades=("mover",))
    cook = register_worker(trades=("cook",))
    register_worker(trades=("mover",), channel="kiosk", station=stations["jinzhu-xilu"], actor=other_staff)
    cook_job = post_job(employer=employer, job_type=job_types["cook"], actor=staff)
    big_cook_job = post_job(employer=employer, job_type=job_types["cook"], actor=staff, headcount=3)
    hire(mover_job, first, staff=staff, last_channel="kiosk")
    cancelled = hire(mover_job, second, staff=staff, last_channel="window")  # fills the mover job
    hire(cook_job, cook, staff=staff, last_channel="app")
    placement_cancel(placement=cancelled, actor=staff, channel="window", reason="病了")
    stats_rollup_range(first=today - timedelta(days=2), last=today)
    return {"mover_job": mover_job, "cook_job": cook_job, "big_cook_job": big_cook_job}


def test_the_district_figures_of_a_known_world(world, admin_user, today):
    figures = stats_district(user=admin_user, first=today - timedelta(days=2), last=today)
    assert {
        name: figures[name]
        for name in (
            "workers_registered",
            "employers_registered",
            "jobs_posted",
            "places_posted",
            "placements",
            "placements_offline",
            "placements_online",
            "placements_kiosk",
            "placements_cancelled",
            "trades_posted",
            "workers_total",
        )
    } == {
        "workers_registered": 4,
        "employers_registered": 1,
        "jobs_posted": 3,
        "places_posted": 6,
        "placements": 3,
        "placements_offline": 2,
        "placements_online": 1,
        "placements_kiosk": 1,
        "placements_cancelled": 1,
        "trades_posted": 2,
        "workers_total": 4,
    }
    assert figures["cancellation_rate"] == Decimal("33.3")
    assert figures["kiosk_matches_per_day"] == Decimal("0.3")  # 1 kiosk hire over 3 days
    assert figures["no_show_rate"] is None  # no working day yet: no rate, not 0 %


def test_today_alone(world, admin_user, today):
    figures = stats_district(user=admin_user, first=today, last=today)
    assert (figures["workers_registered"], figures["jobs_posted"], figures["places_posted"]) == (2, 2, 4)
    assert (figures["placements"], figures["kiosk_matches_per_day"]) == (3, Decimal("1.0"))


def test_the_rollup_says_what_a_full_scan_says(world, admin_user, today):
    figures = stats_district(user=admin_user, first=today - timedelta(days=30), last=today)
    assert figures["workers_registered"] == Worker.objects.count()
    assert figures["employers_registered"] == Employer.objects.count()
    assert figures["jobs_posted"] == Job.objects.filter(published_at__isnull=False).count()
    assert figures["places_posted"] == sum(Job.objects.values_list("headcount", flat=True))
    assert figures["placements"] == Placement.objects.count()
    assert figures["placements_offline"] == Placement.objects.filter(channel__in=OFFLINE_CHANNELS).count()
    assert figures["placements_online"] == Placement.objects.filter(channel__in=ONLINE_CHANNELS).count()
    assert figures["placements_cancelled"] == Placement.objects.filter(status="cancelled").count()


def test_time_from_posting_to_first_hire_and_to_filled(world, admin_user, today):
    period = {"first": today - timedelta(days=2), "last": today}
    first_hire = stats_time_to(user=admin_user, metric="first_hire_days", **period)
    # the mover job: published two days ago, first hire today; the cook job: both today
    assert first_hire["distribution"] == {0: 1, 2: 1}
    assert (first_hire["jobs"], first_hire["median_days"], first_hire["same_day_rate"]) == (2, 0, Decimal("50.0"))
    filled = stats_time_to(user=admin_user, metric="filled_days", **period)
    assert filled["distribution"] == {0: 1, 2: 1}  # the mover job counts as filled once, though it reopened


def test_placements_by_day_week_and_month(world, admin_user, today):
    first = today - timedelta(days=2)
    by_day = stats_series(user=admin_user, metric="placements", first=first, last=today)
    assert by_day == [(first, 0), (first + timedelta(days=1), 0), (today, 3)]
    by_month = stats_series(user=admin_user, metric="jobs_posted", first=first, last=today, grain="month")
    assert sum(value for _month, value in by_month) == 3
    assert by_month[0][0] == first.replace(day=1)
    by_week = stats_series(user=admin_user, metric="workers_registered", first=first, last=today, grain="week")
    assert by_week[0][0] == first - timedelta(days=first.weekday())
    assert sum(value for _week, value in by_week) == 4


def test_by_station_channel_and_trade(world, admin_user, stations, job_types, today):
    period = {"first": today - timedelta(days=2), "last": today}
    rows = {row["station"].code: row for row in stats_by_station(user=admin_user, **period)}
    assert set(rows) == set(stations)
    assert (rows["gongdelin"]["workers_registered"], rows["jinzhu-xilu"]["workers_registered"]) == (3, 1)
    assert (rows["gongdelin"]["placements"], rows["gongdelin"]["placements_offline"]) == (3, 2)
    channels = stats_by_channel(user=admin_user, **period)
    assert {c: v["placements"] for c, v in channels.items() if v["placements"]} == {"kiosk": 1, "window": 1, "app": 1}
    assert {c: v["workers_registered"] for c, v in channels.items() if v["workers_registered"]} == {
        "window": 3,
        "kiosk": 1,
    }
    trades = {row["trade"].slug: row for row in stats_trades(user=admin_user, **period)}
    # supply: workers with the trade now; demand: places still open now (the mover job reopened)
    assert {
        k: trades["mover"][k] for k in ("jobs_posted", "places_posted", "placements", "supply", "demand", "gap")
    } == {
        "jobs_posted": 1,
        "places_posted": 2,
        "placements": 2,
        "supply": 3,
        "demand": 1,
        "gap": -2,
    }
    assert (trades["cook"]["supply"], trades["cook"]["demand"], trades["cook"]["gap"]) == (1, 3, 2)


def test_station_staff_see_their_station_and_the_district_but_no_other_station(
    world, staff, other_staff, stations, today
):
    period = {"first": today - timedelta(days=2), "last": today}
    own = stats_station(user=staff, station_id=stations["gongdelin"].pk, **period)
    assert (own["workers_registered"], own["workers_total"], own["placements"]) == (3, 3, 3)
    assert stats_district(user=staff, **period)["workers_registered"] == 4
    assert [row["station"].code for row in stats_by_station(user=staff, **period)] == ["gongdelin"]
    with pytest.raises(NotAllowed):
        stats_station(user=staff, station_id=stations["jinzhu-xilu"].pk, **period)
    with pytest.raises(NotAllowed):
        stats_series(user=staff, metric="placements", station_id=stations["jinzhu-xilu"].pk, **period)
    assert stats_station(user=other_staff, station_id=stations["jinzhu-xilu"].pk, **period)["workers_total"] == 1


def test_people_outside_the_back_office_see_no_figures(world, make_user, today):
    for role in ("worker", "employer"):
        with pytest.raises(NotAllowed):
            stats_district(user=make_user(role), first=today, last=today)


def test_a_reversed_period_is_refused(admin_user, today):
    with pytest.raises(InvalidInput):
        stats_district(user=admin_user, first=today, last=today - timedelta(days=1))


def test_a_second_rollup_changes_nothing_and_a_change_is_picked_up(world, now, today, register_worker):
    rows = list(DailyFigure.objects.order_by("pk").values())
    assert stats_rollup_range(first=today - timedelta(days=2), last=today) == 0
    assert list(DailyFigure.objects.order_by("pk").values()) == rows
    register_worker(trades=("cook",))
    assert stats_rollup_recent(now=now) == 2  # one row went from 1 to 2 (today's window registrations), and its total
    assert DailyFigure.objects.get(day=today, metric="workers_registered", channel="window").value == 2


def test_the_rebuild_command_recounts_a_range(world, today, capsys):
    DailyFigure.objects.all().delete()
    call_command("stats_rebuild", "--from", (today - timedelta(days=2)).isoformat(), "--to", today.isoformat())
    assert "3 days recounted" in capsys.readouterr().out
    assert DailyFigure.objects.filter(metric="placements").count() == 3  # kiosk, window and app hires of today


def test_the_credit_distribution_of_the_night(world, admin_user, staff, now, today, employer):
    from lingong.credit.selectors import credit_score
    from lingong.credit.services import credit_event_record
    from lingong.stats.selectors import stats_credit
    from lingong.stats.services import stats_credit_snapshot

    assert stats_credit(user=admin_user)["day"] is None  # no night counted yet
    late = Placement.objects.filter(status="active").order_by("pk").first()
    credit_event_record(subject=late.worker, kind="no_show", source=late, now=now)
    stats_credit_snapshot(now=now)
    band = int(credit_score(subject=late.worker, now=now).score) // 10
    assert band < 6
    credit = stats_credit(user=staff)  # the district's distribution: every back-office role
    assert credit["day"] == today
    assert {b: n for b, n in credit["workers"].items() if n} == {6: Worker.objects.count() - 1, band: 1}
    assert {b: n for b, n in credit["employers"].items() if n} == {6: 1}
    assert stats_credit_snapshot(now=now) == 0  # the same night counted again: nothing changes
    stats_rollup_recent(now=now)  # the five-minute recount leaves the night's snapshot alone
    assert stats_credit(user=admin_user) == credit


def test_the_totals_are_the_figures_summed_over_trades(world):
    from collections import Counter

    from lingong.stats.models import TIME_TO_METRICS, DailyTotal

    summed: Counter = Counter()
    for row in DailyFigure.objects.exclude(metric__in=TIME_TO_METRICS):
        summed[(row.day, row.metric, row.station_id, row.channel)] += row.value
    totals = {(t.day, t.metric, t.station_id, t.channel): t.value for t in DailyTotal.objects.all()}
    assert totals == dict(summed)
    assert len(totals) < DailyFigure.objects.count()


def test_app_users_are_counted_on_their_first_sign_in_only(now, today, admin_user, register_worker):
    from lingong.core.services import event_record

    first, second = register_worker().user, register_worker().user
    with time_machine.travel(now - timedelta(days=1), tick=False):
        event_record(subject=first, verb="api_sign_in", actor=first, channel="app")
    event_record(subject=first, verb="api_sign_in", actor=first, channel="app")  # again today: not new
    event_record(subject=second, verb="api_sign_in", actor=second, channel="app")
    event_record(subject=second, verb="api_sign_in", actor=second, channel="app")  # twice today: once
    stats_rollup_range(first=today - timedelta(days=1), last=today)
    by_day = stats_series(user=admin_user, metric="app_users_new", first=today - timedelta(days=1), last=today)
    assert by_day == [(today - timedelta(days=1), 1), (today, 1)]


def test_imported_postings_are_orders_of_their_own_channel(today, admin_user, staff, employer, job_types):
    employer_verify(employer=employer, actor=admin_user, approve=True)  # else the import is held, not an order
    post_job(
        employer=employer, job_type=job_types["cook"], actor=staff, channel="import", source="12333", external_id="a1"
    )
    post_job(employer=employer, job_type=job_types["cook"], actor=staff)
    stats_rollup_range(first=today, last=today)
    channels = stats_by_channel(user=admin_user, first=today, last=today)
    assert (channels["import"]["jobs_posted"], channels["window"]["jobs_posted"]) == (1, 1)
    figures = stats_district(user=admin_user, first=today, last=today)
    assert (figures["jobs_posted"], figures["placements_offline"], figures["placements_online"]) == (2, 0, 0)
