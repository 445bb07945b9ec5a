"""The dashboard's tiles read from the daily rollup, against the full scan a page would make without it.

On SQLite (the embedded default, a fresh file) or, when DATABASE_URL is a postgres:// address, on PostgreSQL in
a database of the benchmark's own on that server, `lingong_bench_stats` (created if missing and emptied of the
last run's rows; never the database DATABASE_URL names).

Synthesises N placements over two years (day, station, channel, trade; Zipf-skewed
trades, most hires at the window or kiosk) in a plain table with an index on the day,
as `jobs_placement` has on `created_at`, and rolls them up into `DailyFigure` rows the
way `lingong.stats` does (one `DailyFigure` row per day × station × channel × trade, one
`DailyTotal` row per day × station × channel). Ten metrics
get rows of the same shape, so the rollup is as big as the real one. 100,000 workers
(registered at the four stations) make the tiles' live counts ("workers registered now")
count a district ten times Chengguan's. Then times, in
this process, each tile as the page calls it (`lingong.stats.selectors`) for the last
30 and 365 days, and the baseline: the same placements split counted from the raw rows.
The placements are loaded with executemany on SQLite and with COPY on PostgreSQL (a minute,
not the hour row-by-row INSERTs over the network would take); the rollups with
INSERT … SELECT … GROUP BY on both.

What is not measured here: the recount of a day (it reads the domain tables, which this
synthetic world does not fill).

Run: python -m bench.bench_stats [--quick]   (--quick: 50,000 placements and 5,000 workers)
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench.bench_stats
Writes bench/results/bench_stats[_postgresql][_quick].json.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from datetime import timedelta
from urllib.parse import urlsplit

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
BENCH_DATABASE = "lingong_bench_stats"  # on PostgreSQL: the benchmark's own database, never another
WORKER_DIGEST = "bench-stats-"  # the synthetic workers' digests start so (nothing else's do)


def postgres_database(url: str) -> str:
    """The benchmark's own database on the server of `url`, created if missing; its URL."""
    import psycopg

    parts = urlsplit(url)
    if parts.path.lstrip("/") == BENCH_DATABASE:
        raise SystemExit(f"DATABASE_URL names {BENCH_DATABASE}: give the server's usual database instead")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]).fetchone():
            admin.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return parts._replace(path="/" + BENCH_DATABASE).geturl()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="50,000 placements and 5,000 workers")
    args = parser.parse_args(argv)
    os.environ["LINGONG_VAR_DIR"] = tempfile.mkdtemp(prefix="lingong-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lingong.settings.dev")
    url = os.environ.get("DATABASE_URL", "")
    postgres = url.startswith(("postgres://", "postgresql://"))
    if postgres:
        os.environ["DATABASE_URL"] = postgres_database(url)
    else:
        os.environ.pop("DATABASE_URL", None)  # the embedded default: SQLite, a fresh file
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.report import Figures
    from bench.synthetic import percentile_ms, trade_popularity
    from lingong.accounts.models import User
    from lingong.stations.models import Station
    from lingong.stats.selectors import stats_by_station, stats_district, stats_series
    from lingong.trades.models import JobType
    from lingong.workers.models import Worker

    assert connection.vendor == ("postgresql" if postgres else "sqlite")
    n = 50_000 if args.quick else 1_000_000
    n_workers = 5_000 if args.quick else 100_000
    fig = Figures("bench_stats" + ("_postgresql" if postgres else "") + ("_quick" if args.quick else ""))
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if postgres else "SELECT 'SQLite ' || sqlite_version()")
        fig.add("database", cursor.fetchone()[0].split(" on ")[0], "")
    with connection.cursor() as cursor:  # a run on a database kept from the last one starts from nothing
        cursor.execute("DROP TABLE IF EXISTS bench_placement")
        cursor.execute("TRUNCATE stats_dailyfigure, stats_dailytotal" if postgres else "DELETE FROM stats_dailyfigure")
        cursor.execute("DELETE FROM stats_dailytotal")
        cursor.execute("DELETE FROM workers_worker WHERE id_number_digest LIKE %s", [WORKER_DIGEST + "%"])
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"role": "district_admin", "is_staff": True})
    stations = list(Station.objects.values_list("pk", flat=True))
    trades = list(JobType.objects.order_by("sort_order", "id").values_list("pk", flat=True))
    today = timezone.localdate()
    started = time.perf_counter()
    first_day = today - timedelta(days=DAYS - 1)

    rng = np.random.default_rng(540102)
    popularity = trade_popularity(len(trades))
    day_index = rng.integers(0, DAYS, n)
    days = [(first_day + timedelta(days=int(d))).isoformat() for d in range(DAYS)]
    rows = zip(
        [days[d] for d in day_index.tolist()],
        rng.choice(stations, n).tolist(),
        rng.choice(CHANNELS, n, p=CHANNEL_SHARE).tolist(),
        rng.choice(trades, n, p=popularity).tolist(),
    )
    with transaction.atomic(), connection.cursor() as cursor:  # one transaction: SQLite syncs once, not per row
        if postgres:
            cursor.execute(
                "CREATE TABLE bench_placement (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, day date, "
                "station_id integer, channel text, job_type_id integer)"
            )
            with cursor.cursor.copy("COPY bench_placement (day, station_id, channel, job_type_id) FROM STDIN") as copy:
                buffer = io.StringIO()
                for i, row in enumerate(rows, 1):
                    buffer.write("{}\t{}\t{}\t{}\n".format(*row))
                    if i % 100_000 == 0:
                        copy.write(buffer.getvalue())
                        buffer = io.StringIO()
                copy.write(buffer.getvalue())
        else:
            cursor.execute(
                "CREATE TABLE bench_placement (id INTEGER PRIMARY KEY, day TEXT, station_id INTEGER, "
                "channel TEXT, job_type_id INTEGER)"
            )
            cursor.executemany(
                "INSERT INTO bench_placement (day, station_id, channel, job_type_id) VALUES (%s, %s, %s, %s)",
                list(rows),
            )
        cursor.execute("CREATE INDEX bench_placement_day ON bench_placement (day)")
        fig.add("placements_load_seconds", round(time.perf_counter() - started, 1), "s")
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
        cursor.execute("SELECT COUNT(*) FROM stats_dailyfigure")
        rollup_rows = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM stats_dailytotal")
        total_rows = cursor.fetchone()[0]
    born = today.replace(year=today.year - 30)
    registered = rng.choice(stations, n_workers).tolist()
    Worker.objects.bulk_create(
        (
            Worker(
                name="工人",
                id_number_sealed="-",
                id_number_digest=f"{WORKER_DIGEST}id-{i}",
                id_number_masked="-",
                phone_sealed="-",
                phone_digest=f"{WORKER_DIGEST}phone-{i}",
                phone_masked="-",
                birth_date=born,
                sex="male" if i % 2 else "female",
                registered_station_id=registered[i],
                channel=str(CHANNELS[i % len(CHANNELS)]),
            )
            for i in range(n_workers)
        ),
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        # This machine's PostgreSQL runs with autovacuum off: the planner and the visibility map need this.
        cursor.execute("VACUUM ANALYZE" if postgres else "ANALYZE")
    fig.add("placements (synthetic)", n, "rows")
    fig.add("workers (synthetic)", Worker.objects.count(), "rows")
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

    for span in (30, 365):
        first = today - timedelta(days=span - 1)
        period = {"first": first, "last": today}
        expected = dict(full_scan(first, today))
        figures = stats_district(user=admin, **period)
        offline = expected.get("window", 0) + expected.get("kiosk", 0)
        assert figures["placements"] == sum(expected.values()) and figures["placements_offline"] == offline
        assert figures["workers_total"] == n_workers
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
            fig.add(f"{span}d {name} p50", round(percentile_ms(samples, 50), 2), "ms")
            fig.add(f"{span}d {name} p95", round(percentile_ms(samples, 95), 2), "ms")
    fig.write()


if __name__ == "__main__":
    main()
