"""Load test: the production profile under ten times the district's morning peak, with 1, 2 and 4 gunicorn workers.

What runs, all on this machine and on loopback only:
- a PostgreSQL database `lingong_load` seeded once with `seed_demo --scale district` (25,000 workers, 1,000
  employers, 11,000 open places, 90 days of history; kept between runs, `--fresh` builds it again);
- the production profile (`lingong.settings.production`): gunicorn (deploy/gunicorn.conf.py) as the page server
  of a busy machine, processes of one thread each (docs/operations.md, "Sizing the web server"), with
  WEB_CONCURRENCY = 1, 2, 4 in turn, one huey consumer, Redis for tasks, cache and rate limits, the SMS gateway a
  fake provider on 127.0.0.1;
- locust, headless, with the mix of bench/load/locustfile.py: every user keeps a fixed pace, so the offered
  load is users / pace requests a second; bounded by `--seconds` a run.

The peak (docs/performance.md, "Load test", has the derivation): about 10 requests a second at the district's
busiest minute; ten times that is 100 requests a second, the default `--rate`.

Printed per request type: count, failures, p50 / p95 / p99 (ms); per run: throughput, errors, the CPU the
servers used (cores busy = CPU seconds of gunicorn and the consumer / wall seconds), what the load generator and
the whole machine used, and each figure as a ratio
to the run with one worker. After the runs: over-booked jobs (must be 0).

With `--profile`, py-spy samples every gunicorn worker during each measured run, only the thread holding the
GIL (what the web CPU is spent on), and prints where the samples fall: by view, and in templates, the ORM and
the rest (the collapsed stacks are kept in the run's temporary folder, named in the output).

Run: python -m bench.bench_load [--quick] [--rate 100] [--seconds 60] [--workers 1,2,4] [--fresh] [--profile]
(needs the `load` extra: make bench-load installs it). BENCH_GUNICORN_THREADS=N sets the threads a process
(default 1).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager, nullcontext, suppress
from datetime import timedelta
from pathlib import Path

import psutil
import psycopg

from lingong.testing.production import production_environment, production_servers

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get("LINGONG_LOAD_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = "lingong_load"
REDIS_URL = os.environ.get("LINGONG_LOAD_REDIS_URL", "redis://127.0.0.1:6379/12")
# One key for the seeded database and every server on it (a benchmark's own, not a secret).
FIELD_KEY = "bGluZ29uZy1sb2FkLXRlc3QtZmllbGQta2V5LTMyYnl0ZXM="
PEOPLE = {"kiosk": 300, "door": 300, "employer": 150, "staff": 8}


def database_url() -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + DATABASE


def seeded(fresh: bool) -> None:
    """The district in `lingong_load`: built once (a few minutes), then reused."""
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and fresh:
            admin.execute(f'DROP DATABASE "{DATABASE}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{DATABASE}"')
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lingong.settings.embedded", "DATABASE_URL": database_url()}
    env["FIELD_ENCRYPTION_KEY"] = FIELD_KEY
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, cwd=ROOT, check=True)
    started = time.perf_counter()
    subprocess.run([*manage, "seed_demo", "--scale", "district", "--if-empty"], env=env, cwd=ROOT, check=True)
    print(f"  district ready in {time.perf_counter() - started:.0f} s", flush=True)
    with psycopg.connect(database_url(), autocommit=True) as db:
        db.execute("ANALYZE")  # fresh statistics after the bulk seed (autovacuum may be off, as on this machine)


def load_environment(var: Path, gateway) -> dict:
    env = production_environment(
        database_url=database_url(),
        redis_url=REDIS_URL,
        field_key=FIELD_KEY,
        var=var,
        gateway=gateway,
        instance=f"load-{os.getpid()}",
    )
    # One thread a process: the page server of a busy machine, the screens' streams on a server of their own
    # (the mix opens none). BENCH_GUNICORN_THREADS tries another number (4 until 2026-12-07).
    threads = os.environ.get("BENCH_GUNICORN_THREADS", "1")
    return {**env, "LOG_LEVEL": "WARNING", "METRICS_TOKEN": secrets.token_urlsafe(16), "GUNICORN_THREADS": threads}


def load_environment_ready(var: Path, gateway) -> dict:
    """`load_environment`, its static files collected, and this process's Django set up on it."""
    env = load_environment(var, gateway)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=env, cwd=ROOT, check=True
    )
    os.environ.update(env)
    import django

    django.setup()
    return env


def people_write(path: Path, *, seed: int = 7) -> None:
    """Signed-in people for locust: sessions made the way a sign-in makes them (django.contrib.auth.login
    through the test client's force_login, the staff's second factor marked verified as django-otp does).
    `seed` picks the workers among the district's."""
    import random

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lingong.accounts.doors import SIGN_IN_BACKEND
    from lingong.employers.models import Employer
    from lingong.jobs.models import Job, JobStatus
    from lingong.kiosk.services import kiosk_device_token
    from lingong.stations.models import Kiosk, Station
    from lingong.trades.models import JobType
    from lingong.workers.models import Worker

    rng = random.Random(seed)
    today = timezone.localdate().isoformat()
    week_ago = (timezone.localdate() - timedelta(days=6)).isoformat()

    def session_for(user, *, device=None) -> str:
        client = Client()
        client.force_login(user, backend=SIGN_IN_BACKEND)
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client.cookies["sessionid"].value

    workers = list(Worker.objects.filter(is_active=True, user__isnull=False).select_related("user").order_by("pk"))
    rng.shuffle(workers)
    kiosks = list(Kiosk.objects.order_by("pk"))
    tokens = [kiosk_device_token(kiosk=kiosk) for kiosk in kiosks]
    trades = list(JobType.objects.filter(is_active=True).values_list("slug", flat=True)[:12])
    people = {"kiosk": [], "door": [], "employer": [], "staff": [], "screen": []}
    for worker in workers[: PEOPLE["kiosk"]]:
        cookie = {"lingong_kiosk": tokens[rng.randrange(len(tokens))]}
        people["kiosk"].append({"session": session_for(worker.user), "cookies": cookie, "language": worker.language})
    for worker in workers[PEOPLE["kiosk"] : PEOPLE["kiosk"] + PEOPLE["door"]]:
        people["door"].append({"session": session_for(worker.user), "language": worker.language})
    employers = Employer.objects.filter(  # a rejected or unchecked employer may not post: not this mix's people
        user__isnull=False, user__is_active=True, verification=Employer.Verification.VERIFIED
    ).select_related("user")
    for employer in employers.order_by("?")[: PEOPLE["employer"]]:
        jobs = list(Job.objects.filter(employer=employer, status=JobStatus.OPEN).values_list("pk", flat=True)[:5])
        people["employer"].append(
            {
                "session": session_for(employer.user),
                "jobs": jobs,
                "trades": trades,
                "station": employer.station_id or kiosks[0].station_id,
                "today": today,
            }
        )
    names = [w.name[:1] for w in workers[:200]]
    staff = get_user_model().objects.filter(role="station_staff", is_active=True)
    for user in staff:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        people["staff"].append(
            {"session": session_for(user, device=device), "names": names, "today": today, "week_ago": week_ago}
        )
    for station in Station.objects.filter(is_active=True).order_by("pk"):
        people["screen"].append({"session": "", "station": station.code})
    path.write_text(json.dumps(people, ensure_ascii=False))
    print("  people: " + ", ".join(f"{len(v)} {k}" for k, v in people.items()), flush=True)


@contextmanager
def servers(env: dict, *, web_workers: int, port: int, log: Path):
    """The production profile's processes (lingong/testing/production.py), once they answer and are quiet."""
    with production_servers(env, port=port, log_path=log, web_workers=web_workers) as (web, consumer):
        deadline = time.monotonic() + 60
        while True:
            with suppress(OSError):
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
                )
                if urllib.request.urlopen(request, timeout=5).status == 200:  # noqa: S310  loopback only
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer in 60 s; see {log}")
            time.sleep(0.5)
        # Every worker builds its matching index before it takes requests (deploy/gunicorn.conf.py): wait for
        # the processes to go quiet, so no run measures a start.
        settle = time.monotonic() + 120
        used = cpu_seconds(web, consumer)
        while time.monotonic() < settle:
            time.sleep(2)
            now_used = cpu_seconds(web, consumer)
            if now_used - used < 0.2:
                break
            used = now_used
        yield web, consumer


def cpu_seconds(*processes: subprocess.Popen) -> float:
    total = 0.0
    for process in processes:
        with suppress(psutil.NoSuchProcess):
            parent = psutil.Process(process.pid)
            for p in [parent, *parent.children(recursive=True)]:
                with suppress(psutil.NoSuchProcess):
                    times = p.cpu_times()
                    total += times.user + times.system
    return total


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (every core, every process: PostgreSQL, Redis, locust too)."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def locust_run(*, host: str, people: Path, rate: float, seconds: int, out: Path) -> float:
    """Run locust; returns the CPU seconds it used (the load generator shares the machine)."""
    pace = 2.0
    users = max(1, round(rate * pace))
    env = {**os.environ, "LOAD_PEOPLE": str(people), "LOAD_PACE": str(pace)}
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "load" / "locustfile.py"), "--headless",
        "--host", host, "--users", str(users), "--spawn-rate", str(users),
        "--run-time", f"{seconds}s", "--stop-timeout", "10", "--csv", str(out), "--only-summary",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, cwd=ROOT, check=False, timeout=seconds + 120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@contextmanager
def gil_profile(web: subprocess.Popen, *, seconds: int, out: Path):
    """py-spy on each gunicorn worker for `seconds`, sampling the thread that holds the GIL; stacks to `out`."""
    workers = psutil.Process(web.pid).children()
    parts = [out.with_suffix(f".{w.pid}.txt") for w in workers]
    spies = [
        subprocess.Popen(
            [
                str(Path(sys.executable).with_name("py-spy")),
                "record",
                "--pid",
                str(w.pid),
                "--gil",
                "--nonblocking",
                "--rate",
                "100",
                "--duration",
                str(seconds),
                "--format",
                "raw",
                "--output",
                str(part),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for w, part in zip(workers, parts, strict=True)
    ]
    try:
        yield
    finally:
        for spy in spies:
            spy.wait(timeout=seconds + 60)
        out.write_text("".join(p.read_text() for p in parts if p.exists()), encoding="utf-8")
        for part in parts:
            part.unlink(missing_ok=True)


# Where a sample's stack says its time goes: the first of these frames found, innermost first.
PROFILE_PARTS = (
    ("the ORM and the database driver", ("django/db/", "psycopg/")),
    ("templates and forms", ("django/template/", "django/forms/", "templatetags/")),
    ("the matching index", ("lingong/matching/query.py", "lingong/matching/index.py", "lingong/matching/loader.py")),
)


def _view_of(frames: list[str]) -> str:
    """The view a stack runs: the first frame of ours after Django's handler that is not a decorator's wrapper."""
    handler = next((i for i, f in enumerate(frames) if f.startswith("BaseHandler._get_response ")), None)
    if handler is None:
        return "(outside a view: the server, middleware, the index's refresh)"
    for frame in frames[handler + 1 :]:
        name, _, where = frame.partition(" (")
        if "lingong/" in where and "<locals>" not in name:
            return f"{name} ({where.split(':')[0].split('lingong/')[-1]})"
    return "(in a decorator)"


def gil_profile_report(stacks: Path, top: int = 12) -> list[str]:
    """Shares of the GIL samples: by part (ORM, templates, index, the rest) and by view (or the door's lookup
    before it)."""
    views: dict[str, int] = {}
    parts: dict[str, int] = {}
    total = 0
    for line in stacks.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n, frames = int(count), stack.split(";")
        total += n
        view = _view_of(frames)
        views[view] = views.get(view, 0) + n
        part = next(
            (name for f in reversed(frames) for name, marks in PROFILE_PARTS if any(m in f for m in marks)), "the rest"
        )
        parts[part] = parts.get(part, 0) + n
    if not total:
        return ["  (no samples: is py-spy allowed to read other processes here?)"]
    lines = [f"  {total} samples holding the GIL"]
    lines += [f"  {n / total:6.1%}  {name}" for name, n in sorted(parts.items(), key=lambda kv: -kv[1])]
    lines += [f"  {n / total:6.1%}  in {name}" for name, n in sorted(views.items(), key=lambda kv: -kv[1])[:top]]
    return lines


def stats_read(prefix: Path) -> dict[str, dict]:
    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "count": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
                "max": float(row["Max Response Time"] or 0),
                "rps": float(row["Requests/s"] or 0),
            }
    return rows


def failures_read(prefix: Path) -> list[str]:
    with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
        return [f"{r['Occurrences']}× {r['Name']}: {r['Error'][:160]}" for r in csv.DictReader(handle)]


def overbooked() -> int:
    from django.db.models import Count, F, Q

    from lingong.jobs.models import Job, PlacementStatus

    held = Count("placements", filter=~Q(placements__status=PlacementStatus.CANCELLED))
    return Job.objects.annotate(held=held).filter(held__gt=F("headcount")).count()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="20 s a run, workers 1 and 2")
    parser.add_argument("--rate", type=float, default=100.0, help="offered requests a second (default 100)")
    parser.add_argument("--seconds", type=int, default=60, help="length of each run (default 60)")
    parser.add_argument("--workers", default="1,2,4", help="gunicorn processes, one run each (default 1,2,4)")
    parser.add_argument("--fresh", action="store_true", help="build the district database again")
    parser.add_argument("--profile", action="store_true", help="py-spy the gunicorn workers during each run")
    args = parser.parse_args(argv)
    seconds = 20 if args.quick else args.seconds
    worker_counts = [1, 2] if args.quick else [int(n) for n in args.workers.split(",")]

    from bench.report import Figures, machine
    from lingong.testing.aliyun_sms import FakeAliyunSms

    print(f"Load test on {machine()}: {args.rate:g} requests/s offered, {seconds} s a run, workers {worker_counts}")
    seeded(args.fresh)
    var = Path(tempfile.mkdtemp(prefix="lingong-load-"))
    with FakeAliyunSms() as gateway:
        env = load_environment_ready(var, gateway)
        people = var / "people.json"
        # A profiled run is slower (py-spy shares the cores): its figures are kept apart.
        fig = Figures("bench_load" + ("_quick" if args.quick else "") + ("_profiled" if args.profile else ""))
        fig.add("offered_rate", args.rate, "requests/s")
        fig.add("run_seconds", seconds, "s")
        baseline: dict[str, float] = {}
        for n in worker_counts:
            print(f"\n== {n} gunicorn worker(s) ==", flush=True)
            port = 18000 + n
            # Fresh sign-ins for every run (a kiosk session ends after two idle minutes, as it should), and other
            # workers: what a run's people apply for stays in the database, and the same people run after run
            # would come to a kiosk with dozens of live applications each (34 seen), their pages ever heavier.
            seed = secrets.randbelow(2**31)
            print(f"  people picked with seed {seed}", flush=True)
            people_write(people, seed=seed)
            with servers(env, web_workers=n, port=port, log=var / "servers.log") as processes:
                host = f"http://127.0.0.1:{port}"
                locust_run(host=host, people=people, rate=args.rate, seconds=10, out=var / f"warm{n}")  # not counted
                web, consumer = processes
                web0, consumer0 = cpu_seconds(web), cpu_seconds(consumer)
                machine0, wall0 = machine_busy_seconds(), time.perf_counter()
                stacks = var / f"profile_w{n}.txt"
                with gil_profile(web, seconds=seconds, out=stacks) if args.profile else nullcontext():
                    generator = locust_run(host=host, people=people, rate=args.rate, seconds=seconds, out=var / f"w{n}")
                wall = time.perf_counter() - wall0
                web_cores = (cpu_seconds(web) - web0) / wall
                consumer_cores = (cpu_seconds(consumer) - consumer0) / wall
                machine_cores = (machine_busy_seconds() - machine0) / wall
                generator_cores = generator / wall
            stats = stats_read(var / f"w{n}")
            total = stats.pop("Aggregated")
            for name, row in sorted(stats.items()):
                print(f"  {name:<45} {row['count']:>6} req {row['failures']:>4} failed  "
                      f"p50 {row['p50']:>6.0f}  p95 {row['p95']:>6.0f}  p99 {row['p99']:>6.0f} ms")  # fmt: skip
                key = name.split(" [")[0].replace(": ", "_").replace(" ", "_").replace("(", "").replace(")", "")
                for p in ("p50", "p95", "p99"):
                    fig.add(f"w{n}_{key}_{p}", row[p], "ms")
            reads = [r for name, r in stats.items() if "[write]" not in name]
            writes = [r for name, r in stats.items() if "[write]" in name]
            figures = {
                "throughput": (total["rps"], "requests/s"),
                "requests": (total["count"], "requests"),
                "errors": (total["failures"], "requests"),
                "p50": (total["p50"], "ms"),
                "p95": (total["p95"], "ms"),
                "p99": (total["p99"], "ms"),
                "worst_read_p95": (max(r["p95"] for r in reads), "ms"),
                "worst_write_p95": (max((r["p95"] for r in writes), default=0), "ms"),
                "server_cores_busy": (web_cores + consumer_cores, "cores (CPU s / wall s)"),
                "web_cores_busy": (web_cores, "cores (gunicorn's processes)"),
                "consumer_cores_busy": (consumer_cores, "cores (the huey consumer)"),
                "web_cpu_per_request": (web_cores * 1000 / max(total["rps"], 0.001), "ms"),
                "machine_cores_busy": (machine_cores, "cores of 2 (everything: servers, PostgreSQL, Redis, locust)"),
                "load_generator_cores_busy": (generator_cores, "cores (CPU s / wall s)"),
            }
            for name, (value, unit) in figures.items():
                fig.add(f"w{n}_{name}", value, unit)
                if n == worker_counts[0]:
                    baseline[name] = value
                elif baseline.get(name):
                    fig.add(f"w{n}_{name}_vs_w{worker_counts[0]}", value / baseline[name], "ratio")
            for line in failures_read(var / f"w{n}")[:10]:
                print("  failure: " + line)
            if args.profile:
                print(
                    "\n".join([f"  where the web CPU went (stacks: {stacks})", *gil_profile_report(stacks)]), flush=True
                )
        fig.add("overbooked_jobs", overbooked(), "jobs")
        fig.write()


if __name__ == "__main__":
    main()
