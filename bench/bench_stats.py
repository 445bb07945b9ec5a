"""The dashboard's tiles read from the daily rollup, against the full scan a page would make without it (SQLite).

Synthesises N placements over two years (day, station, channel, trade; Zipf-skewed
trades, most hires at the window or kiosk) in a plain table with an index on the day,
as `jobs_placement` has on `created_at`, and rolls them up into `DailyFigure` rows the
way `lingong.stats` does (one `DailyFigure` row per day × station × channel × trade, one
`DailyTotal` row per day × station × channel). Ten metrics
get rows of the same shape, so the rollup is as big as the real one. Then times, in
this process, each tile as the page calls it (`lingong.stats.selectors`) for the last
30 and 365 days, and the baseline: the same placements split counted from the raw rows.

What is not measured here: the recount of a day (it reads the domain tables, which this
synthetic world does not fill), and the live counts on large worker tables.

Run: python -m bench.bench_stats [--quick]   (--quick: 50,000 placements instead of 1,000,000)
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import timedelta

import numpy as np

METRICS_LIKE_PLACEMENTS = (
    "jobs_posted",
    "places_posted",
    "placements_cancelled",
    "attendance_days",
    "no_shows",
    "agreements_signed",
    "wages_owed_fen",
    "wages_paid_fen",
    "followups_due",
)
CHANNELS = np.array(["window", "kiosk", "web", "app"])
CHANNEL_SHARE = np.array([0.30, 0.16, 0.24, 0.30])
DAYS = 730
RUNS = 20


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="50,000 placements instead of 1,000,000")
    args = parser.parse_args(argv)
    os.environ["LINGONG_VAR_DIR"] = tempfile.mkdtemp(prefix="lingong-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lingong.settings.dev")
    os.environ.pop("DATABASE_URL", None)  # the embedded default: SQLite
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.report import Figures
    from bench.synthetic import percentile_ms, trade_popularity
    from lingong.accounts.models import User
    from lingong.stations.models import Station
    from lingong.stats.selectors import stats_by_station, stats_district, stats_series
    from lingong.trades.models import JobType

    n = 50_000 if args.quick else 1_000_000
    fig = Figures("bench_stats" + ("_quick" if args.quick else ""))
    call_command("migrate", verbosity=0)
    admin = User.objects.create_user(username="bench-admin", role="district_admin", is_staff=True)
    stations = list(Station.objects.values_list("pk", flat=True))
    trades = list(JobType.objects.order_by("sort_order", "id").values_list("pk", flat=True))
    today = timezone.localdate()
    first_day = today - timedelta(days=DAYS - 1)

    rng = np.random.default_rng(540102)
    popularity = trade_popularity(len(trades))
    day_index = rng.integers(0, DAYS, n)
    rows = zip(
        [(first_day + timedelta(days=int(d))).isoformat() for d in day_index],
        rng.choice(stations, n).tolist(),
        rng.choice(CHANNELS, n, p=CHANNEL_SHARE).tolist(),
        rng.choice(trades, n, p=popularity).tolist(),
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_placement (id INTEGER PRIMARY KEY, day TEXT, station_id INTEGER, "
            "channel TEXT, job_type_id INTEGER)"
        )
        cursor.executemany(
            "INSERT INTO bench_placement (day, station_id, channel, job_type_id) VALUES (%s, %s, %s, %s)", list(rows)
        )
        cursor.execute("CREATE INDEX bench_placement_day ON bench_placement (day)")
        for metric in ("placements", *METRICS_LIKE_PLACEMENTS):
            cursor.execute(
                "INSERT INTO stats_dailyfigure (day, metric, station_id, channel, job_type_id, bucket, value) "
                "SELECT day, %s, station_id, channel, job_type_id, 0, COUNT(*) FROM bench_placement "
                "GROUP BY day, station_id, channel, job_type_id",
                [metric],
            )
            cursor.execute(
                "INSERT INTO stats_dailytotal (day, metric, station_id, channel, value) "
                "SELECT day, %s, station_id, channel, COUNT(*) FROM bench_placement GROUP BY day, station_id, channel",
                [metric],
            )
        cursor.execute("ANALYZE")
        cursor.execute("SELECT COUNT(*) FROM stats_dailyfigure")
        rollup_rows = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM stats_dailytotal")
        total_rows = cursor.fetchone()[0]
    fig.add("placements (synthetic)", n, "rows")
    fig.add("rollup rows by trade (DailyFigure, 10 metrics)", rollup_rows, "rows")
    fig.add("rollup rows without the trade (DailyTotal)", total_rows, "rows")
    fig.add("build_seconds", round(time.perf_counter() - started, 1), "s")

    def timed(call) -> list[int]:
        call()  # warm
        samples = []
        for _ in range(RUNS):
            t = time.perf_counter_ns()
            call()
            samples.append(time.perf_counter_ns() - t)
        return samples

    def full_scan(first, last):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT channel, COUNT(*) FROM bench_placement WHERE day >= %s AND day <= %s GROUP BY channel",
                [first.isoformat(), last.isoformat()],
            )
            return cursor.fetchall()

    for days in (30, 365):
        first = today - timedelta(days=days - 1)
        period = {"first": first, "last": today}
        expected = dict(full_scan(first, today))
        figures = stats_district(user=admin, **period)
        offline = expected.get("window", 0) + expected.get("kiosk", 0)
        assert figures["placements"] == sum(expected.values()) and figures["placements_offline"] == offline
        tiles = {
            "district": lambda period=period: stats_district(user=admin, **period),
            "by_station": lambda period=period: stats_by_station(user=admin, **period),
            "series_by_month": lambda period=period: stats_series(
                user=admin, metric="placements", grain="month", **period
            ),
            "full_scan_placements_by_channel": lambda first=first: full_scan(first, today),
        }
        for name, call in tiles.items():
            samples = timed(call)
            fig.add(f"{days}d {name} p50", round(percentile_ms(samples, 50), 2), "ms")
            fig.add(f"{days}d {name} p95", round(percentile_ms(samples, 95), 2), "ms")
    fig.write()


if __name__ == "__main__":
    main()
